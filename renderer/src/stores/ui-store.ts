// Cross-cutting UI state: the connection to the core, the panel width, the label selector
// being edited, and errors that belong to no other store.
import { create } from 'zustand';
import type { WireError } from '../../../main/api/contract';
import { isNumber, loadPref, savePref } from './persist';

export type Connection = 'connected' | 'lost';

export interface UiState {
  connection: Connection;
  /** The client could not be created at all (no transport in this build, bad URL token …). */
  fatal?: WireError;
  detailsWidth: number;
  setConnection(connection: Connection): void;
  setFatal(error: WireError): void;
  setDetailsWidth(width: number): void;
}

const WIDTH_KEY = 'detailsWidth';

export const useUiStore = create<UiState>()((set) => ({
  connection: 'connected',
  detailsWidth: loadPref(WIDTH_KEY, 460, isNumber),
  setConnection: (connection) => set({ connection }),
  setFatal: (fatal) => set({ fatal }),
  setDetailsWidth: (detailsWidth) => {
    savePref(WIDTH_KEY, detailsWidth);
    set({ detailsWidth });
  },
}));
