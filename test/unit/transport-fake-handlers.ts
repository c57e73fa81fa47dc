// A small fake core for transport tests: real contract shapes, no cluster. It records which
// watches were cleaned up, and can push events to the connection that started a watch.
import type { PodBatch } from '../../main/api/contract/index';
import type { Connection, Handlers } from '../../main/api/handlers';
import { SnoopyError } from '../../main/errors';
import { createCaptureHandlers } from '../../main/capture/handlers';
import { createPacketHandlers } from '../../main/packets/handlers';

export interface FakeCore {
  handlers: Handlers;
  /** watchIds whose connection went away (their onClose cleanup ran). */
  cleanedUp: string[];
  /** Sends a batch to the connection that owns the watch. */
  push(watchId: string, batch?: Partial<PodBatch>): void;
  /** Sends `count` batches of about `bytes` each, in order (backpressure tests). */
  flood(watchId: string, count: number, bytes: number): void;
  watches: Map<string, Connection>;
}

export function createFakeCore(transport: 'memory' | 'browser' | 'electron' = 'memory'): FakeCore {
  const watches = new Map<string, Connection>();
  const cleanedUp: string[] = [];
  let next = 0;

  const push = (watchId: string, batch: Partial<PodBatch> = {}): void => {
    watches
      .get(watchId)
      ?.emit('pods.batch', { watchId, reset: false, upserted: [], removed: [], ...batch });
  };

  const handlers: Handlers = {
    'app.info': async () => ({ version: '0.0.0-test', transport }),
    'contexts.list': async () => ({ source: 'default', paths: [], contexts: [] }),
    'namespaces.list': async ({ context }) => ({ namespaces: [`ns-of-${context}`] }),
    'pods.watch': async (input, connection) => {
      const watchId = `${input.context}-${++next}`;
      watches.set(watchId, connection);
      connection.onClose(() => {
        watches.delete(watchId);
        cleanedUp.push(watchId);
      });
      // The first batch follows the answer, as the real core's does.
      setTimeout(() => push(watchId, { reset: true }), 5);
      return { watchId };
    },
    'pods.unwatch': async ({ watchId }) => {
      watches.delete(watchId);
      return {};
    },
    'pods.details': async ({ name }) => {
      throw new SnoopyError('NOT_FOUND', `pod ${name} not found`, 'Pick a pod that still exists.');
    },
    // The real packet handlers: they need no cluster, only files (a worker starts on open).
    ...createPacketHandlers(),
    // The real capture handlers: nothing touches a cluster until one of them is called.
    ...createCaptureHandlers(),
  };

  return {
    handlers,
    cleanedUp,
    push,
    watches,
    flood: (watchId, count, bytes) => {
      for (let i = 0; i < count; i++) push(watchId, { removed: [`${i}:${'x'.repeat(bytes)}`] });
    },
  };
}
