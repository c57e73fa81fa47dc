// Status chips with counts (of the rows the other filters leave): click to show only those,
// ctrl/cmd-click to combine several.
import { formatCount } from '../format/time';
import { statusTone, type StatusTone } from '../pods/status-tone';
import { usePodView } from '../pods/use-pod-view';
import { usePodsStore } from '../stores/pods-store';

const TONE_ORDER: Record<StatusTone, number> = {
  bad: 0,
  warn: 1,
  term: 2,
  other: 3,
  ok: 4,
  done: 5,
};

export function StatusFacet() {
  const { statusCounts } = usePodView();
  const selected = usePodsStore((s) => s.statuses);
  const statuses = [...new Set([...statusCounts.keys(), ...selected])].sort((a, b) => {
    const ta = TONE_ORDER[statusTone(a, false)];
    const tb = TONE_ORDER[statusTone(b, false)];
    return ta - tb || (statusCounts.get(b) ?? 0) - (statusCounts.get(a) ?? 0);
  });
  return (
    <div className="status-facet" role="group" aria-label="Status filter">
      {statuses.map((status) => {
        const on = selected.has(status);
        return (
          <button
            key={status}
            type="button"
            className={`chip status-chip tone-${statusTone(status, false)} ${on ? 'on' : ''}`}
            aria-pressed={on}
            title={`Show only ${status} pods (ctrl/cmd-click to combine)`}
            onClick={(e) => usePodsStore.getState().toggleStatus(status, !(e.ctrlKey || e.metaKey))}
          >
            <span className="status-dot" />
            {status}
            <span className="chip-count num">{formatCount(statusCounts.get(status) ?? 0)}</span>
          </button>
        );
      })}
    </div>
  );
}
