// The live pod watches of a core, each owned by the connection that started it: stopped by
// pods.unwatch, or when that connection goes away (a closed window must not keep 500 watches).
import { randomUUID } from 'node:crypto';
import type { PodWatchInput } from '../api/contract/index';
import type { Connection } from '../api/handlers';
import { SnoopyError } from '../errors';
import type { ContextClient } from './contexts';
import { startPodWatch, type PodWatch, type PodWatchTuning } from './pods/pod-watch';

export interface PodWatchRegistry {
  start(input: PodWatchInput, context: ContextClient, connection: Connection): string;
  stop(watchId: string, connection: Connection): Promise<void>;
  closeAll(): Promise<void>;
}

export function createPodWatchRegistry(tuning?: Partial<PodWatchTuning>): PodWatchRegistry {
  const watches = new Map<string, { watch: PodWatch; connectionId: string }>();
  return {
    start(input, context, connection) {
      const watchId = `pw-${randomUUID()}`;
      const watch = startPodWatch({
        watchId,
        client: context.client,
        target: context.target,
        namespaces: input.namespaces,
        labelSelector: input.labelSelector?.trim() || undefined,
        emitBatch: (batch) => connection.emit('pods.batch', batch),
        emitState: (state) => connection.emit('pods.state', state),
        ...(tuning ? { tuning } : {}),
      });
      watches.set(watchId, { watch, connectionId: connection.id });
      connection.onClose(() => {
        if (watches.delete(watchId)) void watch.stop({ silent: true });
      });
      return watchId;
    },
    async stop(watchId, connection) {
      const entry = watches.get(watchId);
      // Stopping twice is fine (the watch may have gone with its connection already).
      if (!entry) return;
      if (entry.connectionId !== connection.id) {
        throw new SnoopyError(
          'NOT_FOUND',
          `pod watch ${watchId} belongs to another connection`,
          'A watch can only be stopped by the window that started it.',
        );
      }
      watches.delete(watchId);
      await entry.watch.stop();
    },
    async closeAll() {
      const all = [...watches.values()];
      watches.clear();
      await Promise.all(all.map((e) => e.watch.stop({ silent: true })));
    },
  };
}
