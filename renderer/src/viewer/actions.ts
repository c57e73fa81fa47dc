// What the viewer does: open, filter (validated as typed, applied on Enter), select, follow.
// Every call goes through the contract; answers from a view that was since replaced are dropped.
import { client } from '../client/current-client';
import { toWireError } from '../client/wire-error';
import { useViewerStore as store } from '../stores/viewer-store';
import { deepestNodeAt, pathsTo } from './tree-paths';

const st = () => store.getState();

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let unsubscribeProgress: (() => void) | undefined;

export async function openCapture(path: string): Promise<void> {
  const trimmed = path.trim();
  if (!trimmed) return;
  const previous = st().file;
  st().set({ opening: { path: trimmed, count: 0 }, openError: undefined });
  unsubscribeProgress?.();
  // Only one open runs at a time, so progress events belong to it (its viewId is not known yet).
  unsubscribeProgress = client().on('packets.progress', (p) => {
    const opening = st().opening;
    if (opening && !p.done) st().set({ opening: { ...opening, count: p.count } });
  });
  try {
    const opened = await client().call('packets.open', { path: trimmed });
    if (previous)
      void client()
        .call('packets.close', { viewId: previous.viewId })
        .catch(() => undefined);
    st().set({
      file: { ...opened, path: trimmed },
      opening: undefined,
      shown: opened.count,
      generation: st().generation + 1,
      appliedFilter: '',
      filterMs: undefined,
      selectedIndex: -1,
      detail: undefined,
      selectedNode: undefined,
      conversations: undefined,
      dns: undefined,
      follow: undefined,
      tab: 'packets',
    });
    // A filter typed before (or kept from the last file) applies to the new one too.
    if (st().filterText.trim()) await applyFilter();
  } catch (e) {
    st().set({ opening: undefined, openError: toWireError(e) });
  } finally {
    unsubscribeProgress?.();
    unsubscribeProgress = undefined;
  }
}

let validateTimer: ReturnType<typeof setTimeout> | undefined;
let validateSeq = 0;

/** As the user types: green when the filter compiles, red with the message and span if not. */
export function typeFilter(text: string): void {
  st().set({ filterText: text });
  clearTimeout(validateTimer);
  const file = st().file;
  if (text.trim() === '' || !file) {
    st().set({ filterCheck: { state: 'empty' } });
    return;
  }
  st().set({ filterCheck: { state: 'checking' } });
  const seq = ++validateSeq;
  validateTimer = setTimeout(() => {
    void client()
      .call('packets.validateFilter', { viewId: file.viewId, filter: text })
      .then((r) => {
        if (seq !== validateSeq) return;
        st().set({ filterCheck: r.ok ? { state: 'valid' } : { state: 'invalid', error: r.error } });
      })
      .catch(() => undefined);
  }, 120);
}

export async function applyFilter(): Promise<void> {
  const file = st().file;
  if (!file) return;
  const text = st().filterText;
  st().set({ filtering: true });
  try {
    const r = await client().call('packets.filter', { viewId: file.viewId, filter: text });
    if (st().file?.viewId !== file.viewId) return;
    if (!r.ok) {
      if (!r.cancelled) st().set({ filterCheck: { state: 'invalid', error: r.error } });
      return;
    }
    st().set({
      shown: r.matches,
      appliedFilter: text.trim(),
      filterMs: r.ms,
      generation: st().generation + 1,
      selectedIndex: -1,
      detail: undefined,
      selectedNode: undefined,
      filterCheck: text.trim() ? { state: 'valid' } : { state: 'empty' },
    });
  } catch (e) {
    st().set({ openError: toWireError(e) });
  } finally {
    st().set({ filtering: false });
  }
}

export function clearFilter(): void {
  typeFilter('');
  void applyFilter();
}

let detailSeq = 0;

export async function selectRow(index: number, frame: number | undefined): Promise<void> {
  st().set({ selectedIndex: index });
  const file = st().file;
  if (!file || frame === undefined) return;
  const seq = ++detailSeq;
  const d = await client().call('packets.detail', { viewId: file.viewId, frame });
  if (seq !== detailSeq) return;
  // Top-level layers start expanded except the frame summary, as Wireshark opens them collapsed
  // but users expand the last layer first; keep it simple: expand nothing, select nothing.
  st().set({
    detail: { frame, row: d.row, tree: d.tree, bytes: fromBase64(d.bytes), malformed: d.malformed },
    selectedNode: undefined,
    expanded: new Set(),
  });
}

export function selectNode(path: string | undefined): void {
  st().set({ selectedNode: path });
}

export function toggleNode(path: string): void {
  const next = new Set(st().expanded);
  if (next.has(path)) next.delete(path);
  else next.add(path);
  st().set({ expanded: next });
}

/** Clicking a byte selects the deepest tree node covering it, expanding its ancestors. */
export function selectByte(offset: number): void {
  const tree = st().detail?.tree;
  if (!tree) return;
  const path = deepestNodeAt(tree, offset);
  if (!path) return;
  const next = new Set(st().expanded);
  for (const p of pathsTo(path)) next.add(p);
  st().set({ selectedNode: path, expanded: next });
}

export async function showTab(tab: 'packets' | 'conversations' | 'dns'): Promise<void> {
  st().set({ tab });
  const file = st().file;
  if (!file) return;
  if (tab === 'conversations' && !st().conversations) {
    const r = await client().call('packets.conversations', { viewId: file.viewId });
    st().set({ conversations: r.conversations });
  }
  if (tab === 'dns' && !st().dns) {
    const r = await client().call('packets.dns', { viewId: file.viewId });
    st().set({ dns: r.transactions });
  }
}

export async function followStream(stream: number): Promise<void> {
  const file = st().file;
  if (!file) return;
  const r = await client().call('packets.follow', { viewId: file.viewId, stream });
  if (r.follow) st().set({ follow: r.follow });
}

export function closeFollow(): void {
  st().set({ follow: undefined });
}
