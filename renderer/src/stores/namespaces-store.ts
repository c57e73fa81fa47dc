// Namespaces per context, and which ones the user chose there (remembered per context;
// an empty choice means all namespaces).
import { create } from 'zustand';
import type { WireError } from '../../../main/api/contract';
import { isStringListRecord, loadPref, savePref } from './persist';

export interface NamespaceList {
  loading: boolean;
  names?: string[];
  error?: WireError;
  /** Listing was forbidden: `names` is only the context's namespace, and this says why. */
  warning?: WireError;
}

export interface NamespacesState {
  lists: Record<string, NamespaceList>;
  chosen: Record<string, string[]>;
  setList(context: string, list: NamespaceList): void;
  choose(context: string, namespaces: string[]): void;
}

const CHOSEN_KEY = 'namespacesByContext';

export const useNamespacesStore = create<NamespacesState>()((set) => ({
  lists: {},
  chosen: loadPref(CHOSEN_KEY, {}, isStringListRecord),
  setList: (context, list) => set((s) => ({ lists: { ...s.lists, [context]: list } })),
  choose: (context, namespaces) =>
    set((s) => {
      const chosen = { ...s.chosen, [context]: [...namespaces].sort() };
      savePref(CHOSEN_KEY, chosen);
      return { chosen };
    }),
}));

const ALL: string[] = [];
export function chosenNamespaces(s: NamespacesState, context: string | undefined): string[] {
  return (context && s.chosen[context]) || ALL;
}
