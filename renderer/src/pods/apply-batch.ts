// Applying one watch batch to the rows: a reset replaces everything; a small batch is merged
// into the sorted array; a big one (relist, bulk churn) re-sorts once.
import type { PodBatch } from '../../../main/api/contract';
import { toPodRow, type PodRow } from './pod-row';
import { comparatorFor, mergeSorted, type SortSpec } from './sort';

export interface RowsState {
  readonly rows: ReadonlyMap<string, PodRow>;
  readonly sorted: PodRow[];
}

export function applyBatch(
  state: RowsState,
  batch: Pick<PodBatch, 'reset' | 'upserted' | 'removed'>,
  sort: SortSpec,
): RowsState {
  const compare = comparatorFor(sort);
  if (batch.reset) {
    const rows = new Map<string, PodRow>();
    for (const p of batch.upserted) rows.set(p.uid, toPodRow(p));
    return { rows, sorted: [...rows.values()].sort(compare) };
  }
  if (batch.upserted.length === 0 && batch.removed.length === 0) return state;
  const rows = new Map(state.rows);
  const changed = new Set<string>();
  const added: PodRow[] = [];
  for (const uid of batch.removed) {
    if (rows.delete(uid)) changed.add(uid);
  }
  for (const p of batch.upserted) {
    const row = toPodRow(p);
    if (rows.has(p.uid)) changed.add(p.uid);
    rows.set(p.uid, row);
    added.push(row);
  }
  // Merging costs O(n + k log k): always cheaper than re-sorting n rows, even for a list page.
  const base = changed.size ? state.sorted.filter((r) => !changed.has(r.uid)) : state.sorted;
  // An upsert repeated within one batch must appear once: keep its last version.
  const uniqueAdded = added.filter((r) => rows.get(r.uid) === r);
  return { rows, sorted: mergeSorted(base, uniqueAdded, compare) };
}

export function resort(state: RowsState, sort: SortSpec): RowsState {
  return { rows: state.rows, sorted: [...state.rows.values()].sort(comparatorFor(sort)) };
}
