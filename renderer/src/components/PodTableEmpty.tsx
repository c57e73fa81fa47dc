// What an empty table says: still listing, nothing there, or nothing matching the filters.
import { usePodView } from '../pods/use-pod-view';
import { formatCount } from '../format/time';
import { useContextsStore } from '../stores/contexts-store';
import { chosenNamespaces, useNamespacesStore } from '../stores/namespaces-store';
import { usePodsStore } from '../stores/pods-store';

export function PodTableEmpty() {
  const view = usePodView();
  const watch = usePodsStore((s) => s.watch);
  const labelSelector = usePodsStore((s) => s.labelSelector);
  const context = useContextsStore((s) => s.selected);
  const namespaces = useNamespacesStore((s) => chosenNamespaces(s, context));

  let title: string;
  let detail: string | undefined;
  let clear = false;
  if (view.total > 0) {
    title = 'No pods match the filters';
    detail = `${formatCount(view.total)} pods are loaded; the text filter or a facet hides them all.`;
    clear = true;
  } else if (watch.state === 'starting' || watch.state === 'listing') {
    title = 'Listing pods…';
  } else if (watch.state === 'synced') {
    title = 'No pods';
    detail = `${namespaces.length ? `Namespaces ${namespaces.join(', ')}` : 'No namespace'} of ${context ?? ''} ${namespaces.length === 1 ? 'has' : 'have'} no pods${labelSelector ? ` matching ${labelSelector}` : ''}.`;
  } else if (watch.error) {
    title = 'No pods to show';
    detail = 'See the error above.';
  } else {
    title = 'No context chosen';
  }
  return (
    <div className="pod-empty" data-testid="pod-table-empty">
      <div className="pod-empty-title">{title}</div>
      {detail && <div className="dim">{detail}</div>}
      {clear && (
        <button
          type="button"
          className="btn"
          onClick={() => usePodsStore.getState().clearFilters()}
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
