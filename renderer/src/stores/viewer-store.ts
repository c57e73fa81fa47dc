// The packet viewer's state: which screen the app shows, the open capture (a view in the core),
// the display filter as typed and as applied, the selected frame with its detail, the tabs.
// Rows are NOT here: they live in the block cache (viewer/row-cache.ts), fetched as shown.
import { create } from 'zustand';
import type {
  ConversationView,
  DnsTransactionView,
  FollowView,
  PacketFilterError,
  PacketRowView,
  PacketTreeNode,
  WireError,
} from '../../../main/api/contract';

export type Screen = 'pods' | 'packets';
export type ViewerTab = 'packets' | 'conversations' | 'dns';

export interface OpenFile {
  viewId: string;
  path: string;
  count: number;
  interfaces: string[];
  format: 'pcap' | 'pcapng';
}

export type FilterCheck =
  | { state: 'empty' }
  | { state: 'checking' }
  | { state: 'valid' }
  | { state: 'invalid'; error: PacketFilterError };

export interface Detail {
  frame: number;
  row: PacketRowView;
  tree: PacketTreeNode[];
  bytes: Uint8Array;
  malformed?: string | undefined;
}

export interface ViewerState {
  screen: Screen;
  tab: ViewerTab;
  file?: OpenFile | undefined;
  opening?: { path: string; count: number } | undefined;
  openError?: WireError | undefined;
  /** Rows in the list now (the filter's matches, or every packet). */
  shown: number;
  /** Bumped whenever the list changes (open, filter): the row cache starts again. */
  generation: number;
  filterText: string;
  filterCheck: FilterCheck;
  appliedFilter: string;
  filterMs?: number | undefined;
  filtering: boolean;
  /** Index in the shown list, and its frame number. */
  selectedIndex: number;
  detail?: Detail | undefined;
  /** Path of the selected tree node ("0.2.1"), and the expanded ones. */
  selectedNode?: string | undefined;
  expanded: ReadonlySet<string>;
  conversations?: ConversationView[] | undefined;
  dns?: DnsTransactionView[] | undefined;
  follow?: FollowView | undefined;
  followMode: 'text' | 'hex';
  set(patch: Partial<ViewerState>): void;
}

export const useViewerStore = create<ViewerState>()((set) => ({
  screen: 'pods',
  tab: 'packets',
  shown: 0,
  generation: 0,
  filterText: '',
  filterCheck: { state: 'empty' },
  appliedFilter: '',
  filtering: false,
  selectedIndex: -1,
  expanded: new Set(),
  followMode: 'text',
  set: (patch) => set(patch),
}));
