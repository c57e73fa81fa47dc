// Sorting rows by one or more columns. The pods store keeps every row sorted and merges small
// batches in (O(n + k log k)) instead of re-sorting 50k rows on every watch event.
import type { PodRow } from './pod-row';

export type SortColumn =
  'name' | 'namespace' | 'status' | 'ready' | 'restarts' | 'age' | 'node' | 'ip';
export type SortDirection = 'asc' | 'desc';
export interface SortKey {
  column: SortColumn;
  direction: SortDirection;
}
export type SortSpec = readonly SortKey[];

export const DEFAULT_SORT: SortSpec = [
  { column: 'namespace', direction: 'asc' },
  { column: 'name', direction: 'asc' },
];

type Compare = (a: PodRow, b: PodRow) => number;

const str = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
const num = (x: number, y: number): number => x - y;

const byColumn: Record<SortColumn, Compare> = {
  name: (a, b) => str(a.nameKey, b.nameKey),
  namespace: (a, b) => str(a.namespaceKey, b.namespaceKey),
  status: (a, b) => str(a.pod.status, b.pod.status),
  ready: (a, b) =>
    num(
      a.pod.totalContainers ? a.pod.readyContainers / a.pod.totalContainers : 0,
      b.pod.totalContainers ? b.pod.readyContainers / b.pod.totalContainers : 0,
    ) || num(a.pod.totalContainers, b.pod.totalContainers),
  restarts: (a, b) => num(a.pod.restarts, b.pod.restarts),
  // Ascending age means youngest first, as in k9s.
  age: (a, b) => num(b.createdMs, a.createdMs),
  node: (a, b) => str(a.nodeKey, b.nodeKey),
  ip: (a, b) => str(a.ipKey, b.ipKey),
};

/** A total order: the chosen keys, then namespace/name/uid so equal rows never shuffle. */
export function comparatorFor(spec: SortSpec): Compare {
  const parts = spec.map(({ column, direction }) => {
    const c = byColumn[column];
    return direction === 'asc' ? c : (a: PodRow, b: PodRow) => c(b, a);
  });
  parts.push(byColumn.namespace, byColumn.name, (a, b) => str(a.uid, b.uid));
  return (a, b) => {
    for (const p of parts) {
      const r = p(a, b);
      if (r !== 0) return r;
    }
    return 0;
  };
}

/** Header click: plain click sorts by that column (toggling direction); shift adds/toggles a secondary key. */
export function nextSort(spec: SortSpec, column: SortColumn, additive: boolean): SortSpec {
  const existing = spec.find((k) => k.column === column);
  const defaultDirection: SortDirection = column === 'restarts' ? 'desc' : 'asc';
  const flipped: SortKey = existing
    ? { column, direction: existing.direction === 'asc' ? 'desc' : 'asc' }
    : { column, direction: defaultDirection };
  if (!additive) return [flipped];
  if (existing) return spec.map((k) => (k.column === column ? flipped : k));
  return [...spec, flipped].slice(0, 3);
}

/** Merges `sortedBase` (already sorted) with `added` (any order) into a new sorted array. */
export function mergeSorted(sortedBase: PodRow[], added: PodRow[], compare: Compare): PodRow[] {
  if (added.length === 0) return sortedBase;
  const extra = [...added].sort(compare);
  const out: PodRow[] = new Array<PodRow>(sortedBase.length + extra.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < sortedBase.length && j < extra.length) {
    const a = sortedBase[i] as PodRow;
    const b = extra[j] as PodRow;
    if (compare(a, b) <= 0) {
      out[k++] = a;
      i++;
    } else {
      out[k++] = b;
      j++;
    }
  }
  while (i < sortedBase.length) out[k++] = sortedBase[i++] as PodRow;
  while (j < extra.length) out[k++] = extra[j++] as PodRow;
  return out;
}
