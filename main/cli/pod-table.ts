// `kubectl get pods` as a table of PodSummary rows: NAMESPACE (with -A), NAME, READY, STATUS,
// RESTARTS, AGE, and IP and NODE for -o wide.
import type { PodSummary } from '../api/contract/index';
import { since } from './human-duration';
import { formatTable } from './table';

export interface PodTableOptions {
  allNamespaces: boolean;
  wide: boolean;
  now: number;
}

export function podTable(pods: PodSummary[], options: PodTableOptions): string {
  const header = [
    ...(options.allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    'READY',
    'STATUS',
    'RESTARTS',
    'AGE',
    ...(options.wide ? ['IP', 'NODE'] : []),
  ];
  const rows = pods.map((p) => [
    ...(options.allNamespaces ? [p.namespace] : []),
    p.name,
    `${p.readyContainers}/${p.totalContainers}`,
    p.status,
    restartsText(p, options.now),
    since(p.createdAt, options.now),
    ...(options.wide ? [p.podIP ?? '<none>', p.node ?? '<none>'] : []),
  ]);
  return formatTable(header, rows);
}

/** "3 (25s ago)" as kubectl, or just the count when nothing restarted yet. */
export function restartsText(pod: PodSummary, now: number): string {
  if (pod.restarts === 0 || pod.lastRestartAt === undefined) return String(pod.restarts);
  return `${pod.restarts} (${since(pod.lastRestartAt, now)} ago)`;
}

/** kubectl's order: by namespace, then name. */
export function byNamespaceAndName(a: PodSummary, b: PodSummary): number {
  if (a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
