// Capture state: the dialog (targets, options being typed, preflight, start) and the sessions
// with their latest progress and the rates computed from successive progress events.
import { create } from 'zustand';
import type { CapturePreflight, CaptureProgress, WireError } from '../../../main/api/contract';
import { DEFAULT_DRAFT, type OptionsDraft } from '../capture/options';
import { nextRate, stoppedRate, type RateSample } from '../capture/rates';

/** A pod as the dialog lists it before the preflight answers (from the pod table's rows). */
export interface DraftPod {
  namespace: string;
  name: string;
  node?: string;
  hostNetwork: boolean;
}

export type PreflightStatus =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'done'; result: CapturePreflight }
  | { state: 'error'; error: WireError };

export interface CaptureDialog {
  context: string;
  mode: 'pods' | 'selector';
  /** For 'pods': the selection. For 'selector': what the user typed (may be incomplete). */
  pods: DraftPod[];
  namespace: string;
  labelSelector: string;
  draft: OptionsDraft;
  preflight: PreflightStatus;
  starting: boolean;
  /** tcpdump's own words when the core rejected the filter, shown verbatim under the field. */
  filterError?: WireError;
  startError?: WireError;
}

export interface SessionView {
  progress: CaptureProgress;
  /** By `namespace/pod`. */
  rates: Record<string, RateSample>;
  /** Last Stop/Wireshark failure on this session (WIRESHARK_NOT_FOUND …). */
  actionError?: WireError;
  busy?: 'stop' | 'open' | 'live';
}

export interface CaptureState {
  dialog?: CaptureDialog;
  sessions: Record<string, SessionView>;
  /** Newest first. */
  order: string[];
  panelOpen: boolean;
  listError?: WireError;

  openDialog(dialog: Omit<CaptureDialog, 'draft' | 'preflight' | 'starting'>): void;
  patchDialog(patch: Partial<CaptureDialog>): void;
  setDraft(patch: Partial<OptionsDraft>): void;
  closeDialog(): void;
  applyProgress(progress: CaptureProgress, at?: number): void;
  patchSession(id: string, patch: Partial<Omit<SessionView, 'progress' | 'rates'>>): void;
  setPanelOpen(open: boolean): void;
  setListError(error: WireError | undefined): void;
}

export const targetKey = (t: { namespace: string; pod: string }): string =>
  `${t.namespace}/${t.pod}`;

/** Options the user typed survive closing the dialog: the next capture usually wants the same. */
let lastDraft: OptionsDraft = DEFAULT_DRAFT;

export const useCaptureStore = create<CaptureState>()((set) => ({
  sessions: {},
  order: [],
  panelOpen: false,

  openDialog: (d) =>
    set({ dialog: { ...d, draft: lastDraft, preflight: { state: 'idle' }, starting: false } }),
  patchDialog: (patch) => set((s) => (s.dialog ? { dialog: { ...s.dialog, ...patch } } : {})),
  setDraft: (patch) =>
    set((s) => {
      if (!s.dialog) return {};
      lastDraft = { ...s.dialog.draft, ...patch };
      // A changed filter is a new question for tcpdump: the old verdict no longer applies.
      const filterError = 'filter' in patch ? undefined : s.dialog.filterError;
      return { dialog: { ...s.dialog, draft: lastDraft, filterError } };
    }),
  closeDialog: () => set({ dialog: undefined }),
  applyProgress: (progress, at = Date.now()) =>
    set((s) => {
      const prev = s.sessions[progress.sessionId];
      const rates: Record<string, RateSample> = {};
      for (const t of progress.targets) {
        const key = targetKey(t);
        const old = prev?.rates[key];
        const live = t.state === 'capturing' || t.state === 'reconnecting';
        const r = live ? nextRate(old, t, at) : stoppedRate(old, at);
        if (r) rates[key] = r;
      }
      const order = prev ? s.order : [progress.sessionId, ...s.order];
      return {
        order,
        sessions: { ...s.sessions, [progress.sessionId]: { ...prev, progress, rates } },
      };
    }),
  patchSession: (id, patch) =>
    set((s) => {
      const cur = s.sessions[id];
      return cur ? { sessions: { ...s.sessions, [id]: { ...cur, ...patch } } } : {};
    }),
  setPanelOpen: (panelOpen) => set({ panelOpen }),
  setListError: (listError) => set({ listError }),
}));
