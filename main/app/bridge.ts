// Builds the object the preload exposes as window.snoopy: one named function per contract method,
// grouped by the name's first part (window.snoopy.pods.watch), and onEvent. Nothing else: no
// generic invoke, no ipcRenderer, no event objects (they carry `sender`) reach the page.
// Kept free of electron imports so it is tested directly.
import { EVENT_CHANNEL, METHOD_NAMES, methodChannel, splitMethodName } from './channels';

export interface BridgeIpc {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): void;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): void;
}

type EventListener = (event: string, payload: unknown) => void;

export function buildBridge(ipc: BridgeIpc): Record<string, unknown> {
  const bridge: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    const [group, leaf] = splitMethodName(method);
    if (group === 'onEvent') throw new Error('a contract group may not be called onEvent');
    const channel = methodChannel(method);
    (bridge[group] ??= {})[leaf] = (input: unknown) => ipc.invoke(channel, input);
  }
  const onEvent = (listener: EventListener): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
    const relay = (_event: unknown, message: unknown): void => {
      const m = message as { event?: unknown; payload?: unknown } | null;
      if (m && typeof m.event === 'string') listener(m.event, m.payload);
    };
    ipc.on(EVENT_CHANNEL, relay);
    return () => ipc.removeListener(EVENT_CHANNEL, relay);
  };
  return { ...bridge, onEvent };
}
