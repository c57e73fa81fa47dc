// The preload bridge (Headlamp's pattern): the page sees window.snoopy.<group>.<name>(input) for
// each contract method and onEvent(listener), generated from the contract's keys. It runs
// sandboxed, so it is bundled to one CommonJS file that requires only 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'snoopy',
  buildBridge({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    on: (channel, listener) => ipcRenderer.on(channel, listener),
    removeListener: (channel, listener) => ipcRenderer.removeListener(channel, listener),
  }),
);
