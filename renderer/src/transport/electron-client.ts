// The contract over the Electron preload bridge (window.snoopy). The link is a local IPC pipe:
// it is open for the life of the page, so status is always 'open' and never reconnects.
import type {
  EventName,
  EventPayload,
  MethodName,
  MethodOutput,
} from '../../../main/api/contract/index';
import { bridgeFunction, type SnoopyBridge } from './bridge';
import { SnoopyClientError, transportError } from './client-error';
import type { TransportClient } from './types';
import { readCallResult } from './wire';

export function createElectronClient(bridge: SnoopyBridge): TransportClient {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let closed = false;
  // One bridge subscription fans out to every listener of this client.
  const unsubscribe = bridge.onEvent((event, payload) => {
    for (const listener of listeners.get(event) ?? []) {
      try {
        listener(payload);
      } catch (err) {
        setTimeout(() => {
          throw err;
        }, 0);
      }
    }
  });

  return {
    transport: 'electron',
    get status() {
      return closed ? 'closed' : 'open';
    },
    error: undefined,
    async call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
      const fn = bridgeFunction(bridge, method);
      if (closed || !fn) {
        throw new SnoopyClientError(
          transportError(
            closed ? 'the client is closed' : `the app does not offer ${method}`,
            closed
              ? 'Reload the window.'
              : 'The window and the app disagree on the contract: restart Snoopy.',
          ),
        );
      }
      const result = readCallResult(await fn(input));
      if (!result) {
        throw new SnoopyClientError(
          transportError(
            `malformed answer to ${method}`,
            'This is a bug in Snoopy: please report it.',
          ),
        );
      }
      if (!result.ok) throw new SnoopyClientError(result.error);
      return result.value as MethodOutput<M>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
    onStatus: () => () => undefined,
    onReconnected: () => () => undefined,
    close() {
      closed = true;
      unsubscribe();
      listeners.clear();
    },
  };
}
