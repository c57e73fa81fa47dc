// The details panel: which pod it shows and what pods.details answered.
import { create } from 'zustand';
import type { PodDetails, PodRef, WireError } from '../../../main/api/contract';

export interface DetailsState {
  open: boolean;
  /** uid and reference of the pod shown. */
  uid?: string;
  ref?: PodRef;
  loading: boolean;
  details?: PodDetails;
  error?: WireError;
  /** The pod was deleted while shown: keep its last details, say so. */
  gone: boolean;
  setOpen(open: boolean): void;
  show(uid: string, ref: PodRef): void;
  loaded(uid: string, details: PodDetails): void;
  failed(uid: string, error: WireError): void;
  markGone(uid: string): void;
}

export const useDetailsStore = create<DetailsState>()((set, get) => ({
  open: false,
  loading: false,
  gone: false,
  setOpen: (open) => set({ open }),
  show: (uid, ref) =>
    set((s) => ({
      open: true,
      uid,
      ref,
      loading: true,
      error: undefined,
      gone: false,
      // Keep the previous pod's details only while reloading the same pod.
      details: s.uid === uid ? s.details : undefined,
    })),
  loaded: (uid, details) => {
    if (get().uid === uid) set({ details, loading: false, error: undefined });
  },
  failed: (uid, error) => {
    if (get().uid === uid) set({ error, loading: false });
  },
  markGone: (uid) => {
    if (get().uid === uid) set({ gone: true });
  },
}));
