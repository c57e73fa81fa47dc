// The app shell. The pod browser (issue 3) replaces the placeholder below; until then the
// window says plainly that it has nothing to show yet.
export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>Snoopy</h1>
      <p>The pod browser is not built yet.</p>
    </main>
  );
}
