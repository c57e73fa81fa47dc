// Contract handlers for the packet viewer (methods in main/api/contract/packets.ts). Each view
// is its own worker thread, so indexing, filtering and dissecting never run on the Electron main
// thread; these handlers only check inputs, route to the view's worker and encode answers.
import type { Handlers } from '../api/handlers';
import type { packetMethods } from '../api/contract/packets';
import { SnoopyError } from '../errors';
import { checkCapturePath } from './viewer/check-capture-path';
import { encodeDetail, encodeFollow } from './viewer/encode';
import { createViewRegistry } from './viewer/view-registry';
import { PacketWorkerError } from './worker/client';

export type PacketHandlers = Pick<Handlers, keyof typeof packetMethods>;

export interface PacketHandlerOptions {
  /**
   * The worker script. Default: the TypeScript entry loaded through tsx (CLI, tests, browser
   * mode). The electron-vite bundle passes its `?modulePath` chunk (main/packets/worker/client.ts).
   */
  worker?: string | URL;
}

function workerFailure(e: unknown, what: string): SnoopyError {
  if (e instanceof SnoopyError) return e;
  const message = e instanceof PacketWorkerError ? e.error.message : String(e);
  return new SnoopyError(
    'INTERNAL',
    `${what}: ${message}`,
    'Reopen the capture; if it persists, report it with the file.',
  );
}

export function createPacketHandlers(options: PacketHandlerOptions = {}): PacketHandlers {
  const views = createViewRegistry(options.worker);

  return {
    'packets.open': async ({ path }, connection) => {
      const format = await checkCapturePath(path);
      let count = 0;
      const view = views.create(connection, (p) => {
        // The worker reports `total` = packets indexed so far while a file is read.
        if (p.what !== 'open' || p.total === count) return;
        count = p.total;
        connection.emit('packets.progress', { viewId: view.id, count, done: false });
      });
      try {
        const stats = await view.client.open(path);
        connection.emit('packets.progress', { viewId: view.id, count: stats.packets, done: true });
        return {
          viewId: view.id,
          count: stats.packets,
          interfaces: stats.interfaces,
          format,
          issues: stats.issues,
        };
      } catch (e) {
        await views.close(view.id, connection);
        throw workerFailure(e, `cannot index ${path}`);
      }
    },
    'packets.rows': async ({ viewId, start, count, filtered }, connection) => {
      const view = views.get(viewId, connection);
      if (filtered === false && view.filtered) {
        throw new SnoopyError(
          'INVALID_INPUT',
          'all-packet rows were asked for while a display filter is applied',
          'Clear the filter first (packets.filter with ""), or ask for the filtered rows.',
        );
      }
      return {
        rows: await view.client.rows(start, count).catch((e: unknown) => {
          throw workerFailure(e, 'rows');
        }),
      };
    },
    'packets.detail': async ({ viewId, frame }, connection) => {
      const detail = await views.get(viewId, connection).client.detail(frame);
      if (!detail)
        throw new SnoopyError(
          'NOT_FOUND',
          `no frame ${frame} in this capture`,
          'Pick a frame from the list.',
        );
      return encodeDetail(detail);
    },
    'packets.filter': async ({ viewId, filter }, connection) => {
      const view = views.get(viewId, connection);
      try {
        const result = await view.client.filter(filter);
        view.filtered = filter.trim() !== '';
        return { ok: true, matches: result.shown, total: result.total, ms: result.ms };
      } catch (e) {
        if (e instanceof PacketWorkerError && e.error.code === 'BAD_FILTER') {
          const { message, start = 0, end = filter.length } = e.error;
          return { ok: false, error: { message, start, end } };
        }
        if (e instanceof PacketWorkerError && e.error.code === 'CANCELLED') {
          return {
            ok: false,
            cancelled: true,
            error: { message: e.error.message, start: 0, end: 0 },
          };
        }
        throw workerFailure(e, 'filter');
      }
    },
    'packets.validateFilter': async ({ viewId, filter }, connection) => {
      const error = await views.get(viewId, connection).client.validate(filter);
      return error ? { ok: false, error } : { ok: true };
    },
    'packets.conversations': async ({ viewId }, connection) => ({
      conversations: await views.get(viewId, connection).client.conversations(),
    }),
    'packets.dns': async ({ viewId }, connection) => ({
      transactions: await views.get(viewId, connection).client.dns(),
    }),
    'packets.follow': async ({ viewId, stream }, connection) => {
      const followed = await views.get(viewId, connection).client.follow(stream);
      return { follow: followed ? encodeFollow(followed) : null };
    },
    'packets.close': async ({ viewId }, connection) => {
      await views.close(viewId, connection);
      return {};
    },
  };
}
