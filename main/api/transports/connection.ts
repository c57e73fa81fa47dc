// One connected client as the core sees it (handlers.ts Connection), shared by every transport:
// events go to exactly this client, and its cleanups run exactly once when it goes away.
import type { EventName, EventPayload } from '../contract/index';
import type { Connection } from '../handlers';

export type EventSink = (event: EventName, payload: unknown) => void;

export interface ConnectionHandle {
  readonly connection: Connection;
  readonly closed: boolean;
  /** Runs every cleanup once (errors are reported, never stop the others); emits become no-ops. */
  close(): void;
}

export function createConnection(
  id: string,
  sink: EventSink,
  onCleanupError: (err: unknown) => void = () => undefined,
): ConnectionHandle {
  let closed = false;
  const cleanups: (() => void)[] = [];

  const runCleanup = (cleanup: () => void): void => {
    try {
      cleanup();
    } catch (err) {
      onCleanupError(err);
    }
  };

  const connection: Connection = {
    id,
    emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
      // A handler that finishes after its client left must not write to a dead (or reused) pipe.
      if (!closed) sink(event, payload);
    },
    onClose(cleanup: () => void): void {
      // A handler that registers after the client already left still gets its cleanup run,
      // so a watch started during a disconnect cannot leak.
      if (closed) runCleanup(cleanup);
      else cleanups.push(cleanup);
    },
  };

  return {
    connection,
    get closed() {
      return closed;
    },
    close(): void {
      if (closed) return;
      closed = true;
      for (const cleanup of cleanups.splice(0).reverse()) runCleanup(cleanup);
    },
  };
}
