// The kubeconfig's contexts (reloaded when its files change) and the one the user works in.
import { create } from 'zustand';
import type { Contexts, WireError } from '../../../main/api/contract';

export interface ContextsState {
  /** undefined until contexts.list answered. */
  contexts?: Contexts;
  /** contexts.list itself failed (not "no kubeconfig": that is contexts.error). */
  loadError?: WireError;
  selected?: string;
  setContexts(contexts: Contexts): void;
  setLoadError(error: WireError): void;
  setSelected(name: string | undefined): void;
}

export const useContextsStore = create<ContextsState>()((set) => ({
  setContexts: (contexts) => set({ contexts, loadError: undefined }),
  setLoadError: (loadError) => set({ loadError }),
  setSelected: (selected) => set({ selected }),
}));
