// Pod rows of the current watch (indexed by uid, kept sorted), the watch's state, and the
// table's filter, facets and sort. The filtered view is derived in pods/view.ts.
import { create } from 'zustand';
import type { PodBatch, PodWatchState, WireError } from '../../../main/api/contract';
import { applyBatch, resort } from '../pods/apply-batch';
import type { PodRow } from '../pods/pod-row';
import { DEFAULT_SORT, type SortSpec } from '../pods/sort';

const NONE: ReadonlySet<string> = new Set();

export interface WatchStatus {
  /** 'starting': pods.watch called, no state event yet. 'idle': nothing watched. */
  readonly state: PodWatchState['state'] | 'starting' | 'idle';
  readonly loaded: number;
  readonly error?: WireError;
  readonly retryAt?: string;
}

export interface PodsState {
  rows: ReadonlyMap<string, PodRow>;
  sorted: PodRow[];
  sort: SortSpec;
  query: string;
  /** The label selector sent to the server with the watch ('' for none). */
  labelSelector: string;
  statuses: ReadonlySet<string>;
  nodes: ReadonlySet<string>;
  watch: WatchStatus;
  /** Set when the current watch could not even start (pods.watch rejected). */
  startError?: WireError;

  applyBatch(batch: Pick<PodBatch, 'reset' | 'upserted' | 'removed'>): void;
  setWatch(watch: WatchStatus): void;
  setStartError(error: WireError | undefined): void;
  /** A new watch begins: forget the old rows. */
  clearRows(): void;
  setSort(sort: SortSpec): void;
  setQuery(query: string): void;
  setLabelSelector(labelSelector: string): void;
  toggleStatus(status: string, only?: boolean): void;
  setNodes(nodes: ReadonlySet<string>): void;
  clearFilters(): void;
}

function toggled(set: ReadonlySet<string>, value: string, only: boolean): ReadonlySet<string> {
  if (only) return set.size === 1 && set.has(value) ? NONE : new Set([value]);
  const next = new Set(set);
  if (!next.delete(value)) next.add(value);
  return next;
}

export const usePodsStore = create<PodsState>()((set, get) => ({
  rows: new Map(),
  sorted: [],
  sort: DEFAULT_SORT,
  query: '',
  labelSelector: '',
  statuses: NONE,
  nodes: NONE,
  watch: { state: 'idle', loaded: 0 },

  applyBatch: (batch) => set((s) => applyBatch(s, batch, s.sort)),
  setWatch: (watch) => set({ watch }),
  setStartError: (startError) => set({ startError }),
  clearRows: () => set({ rows: new Map(), sorted: [], startError: undefined }),
  setSort: (sort) => set({ sort, ...resort(get(), sort) }),
  setQuery: (query) => set({ query }),
  setLabelSelector: (labelSelector) => set({ labelSelector }),
  toggleStatus: (status, only = false) =>
    set((s) => ({ statuses: toggled(s.statuses, status, only) })),
  setNodes: (nodes) => set({ nodes }),
  clearFilters: () => set({ query: '', statuses: NONE, nodes: NONE }),
}));
