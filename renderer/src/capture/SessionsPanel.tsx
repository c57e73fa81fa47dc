// The bottom panel listing capture sessions, newest first (the newest expanded). Until the
// packet viewer exists, this is where a capture is watched: counts and rates per target.
import { useCaptureStore } from '../stores/capture-store';
import { ErrorView } from '../components/ErrorView';
import { SessionItem } from './SessionItem';
import './capture.css';

export function SessionsPanel() {
  const order = useCaptureStore((s) => s.order);
  const sessions = useCaptureStore((s) => s.sessions);
  const listError = useCaptureStore((s) => s.listError);
  const setOpen = useCaptureStore((s) => s.setPanelOpen);
  return (
    <section className="cap-panel" aria-label="Capture sessions" data-testid="sessions-panel">
      <header className="cap-panel-head">
        <h2>Captures</h2>
        <span className="dim num">{order.length}</span>
        <span className="bar-spacer" />
        <button
          type="button"
          className="btn-icon"
          aria-label="Hide captures"
          title="Hide captures"
          onClick={() => setOpen(false)}
        >
          ✕
        </button>
      </header>
      <div className="cap-panel-body">
        {listError && <ErrorView error={listError} variant="compact" />}
        {order.length === 0 ? (
          <div className="cap-empty dim">
            No captures yet. Select pods and press <strong>Capture</strong>.
          </div>
        ) : (
          <ul className="cap-sessions">
            {order.map((id, i) => {
              const view = sessions[id];
              return view && <SessionItem key={id} view={view} initiallyOpen={i === 0} />;
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
