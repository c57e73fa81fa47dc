// The filtered, sorted table view shared by every component that needs it (one computation
// per change of rows, filter or facets, whoever asks first).
import { useMemo } from 'react';
import { usePodsStore } from '../stores/pods-store';
import { createViewComputer, type PodView } from './view';

const computeView = createViewComputer();

export function usePodView(): PodView {
  const sorted = usePodsStore((s) => s.sorted);
  const query = usePodsStore((s) => s.query);
  const statuses = usePodsStore((s) => s.statuses);
  const nodes = usePodsStore((s) => s.nodes);
  return useMemo(
    () => computeView({ sorted, query, statuses, nodes }),
    [sorted, query, statuses, nodes],
  );
}
