// "48,201 / 50,000 pods": rows shown after filters, of all rows in the watch.
import { formatCount } from '../format/time';
import { usePodView } from '../pods/use-pod-view';

export function PodCount() {
  const view = usePodView();
  const filtered = view.rows.length !== view.total;
  return (
    <span className="pod-count num" data-testid="pod-count" title="shown / watched">
      {filtered && <strong>{formatCount(view.rows.length)}</strong>}
      {filtered && <span className="dim"> / </span>}
      <span className={filtered ? 'dim' : ''}>{formatCount(view.total)}</span>
      <span className="dim"> pods</span>
    </span>
  );
}
