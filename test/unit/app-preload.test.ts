// The preload with a stub of electron: window.snoopy holds exactly the contract's methods (named,
// grouped) and onEvent — no generic invoke, no ipcRenderer, no event objects.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { methods } from '../../main/api/contract/index';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (channel: string, input: unknown) => ({
  ok: true,
  value: { channel, input },
}));
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
  },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      listeners.get(channel)?.delete(listener),
  },
}));

type Bridge = Record<string, Record<string, (input: unknown) => Promise<unknown>>> & {
  onEvent: (listener: (event: string, payload: unknown) => void) => () => void;
};

describe('the preload bridge', () => {
  let bridge: Bridge;
  beforeAll(async () => {
    await import('../../main/app/preload');
    bridge = exposed.get('snoopy') as Bridge;
  });

  it('exposes one thing, window.snoopy', () => {
    expect([...exposed.keys()]).toEqual(['snoopy']);
  });

  it('offers exactly the contract’s method names, as window.snoopy.<group>.<name>, plus onEvent', () => {
    const offered = Object.entries(bridge)
      .filter(([key]) => key !== 'onEvent')
      .flatMap(([group, fns]) => Object.keys(fns).map((leaf) => `${group}.${leaf}`));
    expect(offered.sort()).toEqual(Object.keys(methods).sort());
    expect(Object.keys(bridge).sort()).toEqual(
      [...new Set(Object.keys(methods).map((m) => m.split('.')[0])), 'onEvent'].sort(),
    );
    for (const fns of Object.values(bridge)) {
      if (typeof fns === 'function') continue;
      for (const fn of Object.values(fns)) expect(typeof fn).toBe('function');
    }
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('call');
    expect(bridge).not.toHaveProperty('ipcRenderer');
  });

  it('sends each method on its own named channel, with the input only', async () => {
    const pods = bridge.pods as Record<string, (input: unknown) => Promise<unknown>>;
    await pods.watch?.({ context: 'kind', namespaces: [] });
    expect(invoke).toHaveBeenLastCalledWith('snoopy:pods.watch', {
      context: 'kind',
      namespaces: [],
    });
    const app = bridge.app as Record<string, (input: unknown, extra?: unknown) => Promise<unknown>>;
    await app.info?.({}, 'snoopy:pods.watch');
    expect(invoke).toHaveBeenLastCalledWith('snoopy:app.info', {});
  });

  it('relays events without Electron’s event object, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = bridge.onEvent((...args) => seen.push(args));
    const relay = [...(listeners.get('snoopy:event') ?? [])][0];
    relay?.({ sender: 'ipcRenderer' }, { event: 'pods.batch', payload: { watchId: 'w' } });
    relay?.({ sender: 'ipcRenderer' }, 'garbage');
    expect(seen).toEqual([['pods.batch', { watchId: 'w' }]]);
    off();
    expect(listeners.get('snoopy:event')?.size).toBe(0);
  });
});
