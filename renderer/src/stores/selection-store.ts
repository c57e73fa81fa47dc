// Which pods are selected (by uid, so a selection survives re-sorting and filtering), the
// anchor for shift-ranges and the keyboard focus.
import { create } from 'zustand';

export interface SelectionState {
  selected: ReadonlySet<string>;
  anchor?: string;
  focus?: string;

  /** Plain click / arrow key: this pod alone. */
  selectOnly(uid: string): void;
  /** Ctrl/Cmd-click: add or remove one pod. */
  toggle(uid: string): void;
  /** Shift-click / shift-arrow: from the anchor to `uid` in the table's current order. */
  selectRange(uid: string, order: readonly { uid: string }[], additive: boolean): void;
  selectAll(uids: readonly { uid: string }[]): void;
  clear(): void;
  /** Pods deleted in the cluster leave the selection. */
  prune(removed: readonly string[]): void;
}

export const useSelectionStore = create<SelectionState>()((set, get) => ({
  selected: new Set(),

  selectOnly: (uid) => set({ selected: new Set([uid]), anchor: uid, focus: uid }),
  toggle: (uid) =>
    set((s) => {
      const selected = new Set(s.selected);
      if (!selected.delete(uid)) selected.add(uid);
      return { selected, anchor: uid, focus: uid };
    }),
  selectRange: (uid, order, additive) => {
    const { anchor, selected } = get();
    const to = order.findIndex((r) => r.uid === uid);
    const fromFound = anchor === undefined ? -1 : order.findIndex((r) => r.uid === anchor);
    const from = fromFound < 0 ? to : fromFound;
    if (to < 0) return;
    const next = new Set(additive ? selected : []);
    const [lo, hi] = from <= to ? [from, to] : [to, from];
    for (let i = lo; i <= hi; i++) next.add((order[i] as { uid: string }).uid);
    set({ selected: next, focus: uid, anchor: fromFound < 0 ? uid : anchor });
  },
  selectAll: (rows) => set({ selected: new Set(rows.map((r) => r.uid)) }),
  clear: () => set({ selected: new Set(), anchor: undefined }),
  prune: (removed) => {
    const { selected, focus, anchor } = get();
    if (!removed.some((uid) => selected.has(uid) || uid === focus || uid === anchor)) return;
    const gone = new Set(removed);
    set({
      selected: new Set([...selected].filter((uid) => !gone.has(uid))),
      focus: focus && gone.has(focus) ? undefined : focus,
      anchor: anchor && gone.has(anchor) ? undefined : anchor,
    });
  },
}));
