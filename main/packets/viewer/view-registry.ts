// Open views: one PacketWorkerClient (one worker thread) per view, owned by the connection that
// opened it and closed with it — a closed browser tab must not leave a worker holding a file.
import { randomUUID } from 'node:crypto';
import type { Connection } from '../../api/handlers';
import { SnoopyError } from '../../errors';
import { PacketWorkerClient, type PacketWorkerOptions } from '../worker/client';

export interface View {
  readonly id: string;
  readonly owner: string;
  readonly client: PacketWorkerClient;
  /** A display filter is applied: the worker's rows are the filtered list. */
  filtered: boolean;
}

export interface ViewRegistry {
  create(connection: Connection, onProgress: PacketWorkerOptions['onProgress']): View;
  get(id: string, connection: Connection): View;
  close(id: string, connection: Connection): Promise<void>;
  closeAll(): Promise<void>;
  readonly size: number;
}

export function createViewRegistry(worker?: string | URL): ViewRegistry {
  const views = new Map<string, View>();
  const tracked = new Set<string>();

  const drop = async (view: View): Promise<void> => {
    views.delete(view.id);
    await view.client.close();
  };

  const get = (id: string, connection: Connection): View => {
    const view = views.get(id);
    // Another connection's view is reported as missing: view ids are not capabilities to share.
    if (!view || view.owner !== connection.id) {
      throw new SnoopyError('NOT_FOUND', `no open capture "${id}"`, 'Open the file again.');
    }
    return view;
  };

  return {
    create(connection, onProgress) {
      const id = randomUUID();
      const client = new PacketWorkerClient({
        ...(worker !== undefined && { worker }),
        ...(onProgress && { onProgress }),
      });
      const view: View = { id, owner: connection.id, client, filtered: false };
      views.set(id, view);
      if (!tracked.has(connection.id)) {
        tracked.add(connection.id);
        connection.onClose(() => {
          tracked.delete(connection.id);
          for (const v of [...views.values()]) if (v.owner === connection.id) void drop(v);
        });
      }
      return view;
    },
    get,
    async close(id, connection) {
      await drop(get(id, connection));
    },
    async closeAll() {
      await Promise.all([...views.values()].map(drop));
    },
    get size() {
      return views.size;
    },
  };
}
