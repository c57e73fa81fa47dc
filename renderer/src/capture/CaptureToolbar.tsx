// The pod browser's capture actions: Capture (the selection), Capture by label…, and the
// toggle of the captures panel with how many run right now.
import { openCaptureByLabel, openCaptureFromSelection } from '../actions/capture';
import { useCaptureStore } from '../stores/capture-store';
import { useSelectionStore } from '../stores/selection-store';

function useRunningCount(): number {
  return useCaptureStore((s) =>
    s.order.reduce((n, id) => {
      const st = s.sessions[id]?.progress.state;
      return st === 'starting' || st === 'capturing' || st === 'stopping' ? n + 1 : n;
    }, 0),
  );
}

export function CaptureToolbar() {
  const selected = useSelectionStore((s) => s.selected.size);
  const panelOpen = useCaptureStore((s) => s.panelOpen);
  const total = useCaptureStore((s) => s.order.length);
  const running = useRunningCount();
  return (
    <>
      <button
        type="button"
        className="btn btn-primary cap-capture-btn"
        disabled={selected === 0}
        title={
          selected === 0 ? 'Select pods to capture their packets' : 'Capture the selected pods'
        }
        onClick={openCaptureFromSelection}
      >
        <span className="cap-rec" aria-hidden="true" />
        Capture
      </button>
      <button type="button" className="btn" onClick={openCaptureByLabel}>
        Capture by label…
      </button>
      <button
        type="button"
        className={`btn ${panelOpen ? 'on' : ''}`}
        aria-pressed={panelOpen}
        onClick={() => useCaptureStore.getState().setPanelOpen(!panelOpen)}
        data-testid="captures-toggle"
      >
        Captures{' '}
        {running > 0 ? (
          <span className="cap-running-badge num">{running} live</span>
        ) : (
          <span className="dim num">{total}</span>
        )}
      </button>
    </>
  );
}
