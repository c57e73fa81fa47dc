// The in-memory transport: a SnoopyClient straight over the dispatcher and one Connection, for
// tests and the CLI. Values are JSON round-tripped so it behaves like the real wires (no shared
// objects, nothing that would not survive serialization) and passes the same contract suite.
import { SnoopyError } from '../../errors';
import type {
  EventName,
  EventPayload,
  MethodName,
  MethodOutput,
  SnoopyClient,
} from '../contract/index';
import { createDispatcher } from '../dispatch';
import type { Handlers } from '../handlers';
import { createConnection } from './connection';

export interface MemoryTransport {
  readonly client: SnoopyClient;
  /** Ends this client's Connection: its cleanups run (watches stop), later events are dropped. */
  close(): void;
}

let nextId = 0;

function overTheWire<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function createMemoryTransport(
  handlers: Handlers,
  options: { id?: string } = {},
): MemoryTransport {
  const dispatch = createDispatcher(handlers);
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  const handle = createConnection(options.id ?? `memory-${++nextId}`, (event, payload) => {
    const copy = overTheWire(payload);
    // Delivered on a later tick, as a real transport would: a listener never runs inside emit().
    queueMicrotask(() => {
      if (handle.closed) return;
      for (const listener of listeners.get(event) ?? []) listener(copy);
    });
  });

  const client: SnoopyClient = {
    async call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
      if (handle.closed) {
        throw new SnoopyError(
          'TRANSPORT_CLOSED',
          `cannot call ${method}: the client is closed`,
          'Create a new client.',
        );
      }
      const result = await dispatch(method, overTheWire(input), handle.connection);
      if (!result.ok) throw SnoopyError.fromJSON(result.error);
      return overTheWire(result.value) as MethodOutput<M>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
  };

  return {
    client,
    close: () => {
      handle.close();
      listeners.clear();
    },
  };
}
