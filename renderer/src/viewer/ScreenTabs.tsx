// App-level navigation between the pod browser and the packet viewer. The viewer needs no
// cluster (it reads files), so the tabs stay reachable even when no kubeconfig loads.
import { useViewerStore, type Screen } from '../stores/viewer-store';
import './viewer.css';

const SCREENS: { id: Screen; title: string }[] = [
  { id: 'pods', title: 'Pods' },
  { id: 'packets', title: 'Packets' },
];

export function ScreenTabs() {
  const screen = useViewerStore((s) => s.screen);
  const set = useViewerStore((s) => s.set);
  return (
    <nav className="screen-tabs" role="tablist" aria-label="Screens">
      {SCREENS.map((s) => (
        <button
          key={s.id}
          role="tab"
          aria-selected={screen === s.id}
          className={screen === s.id ? 'active' : undefined}
          onClick={() => set({ screen: s.id })}
        >
          {s.title}
        </button>
      ))}
    </nav>
  );
}
