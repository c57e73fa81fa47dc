// One watch connection: newline-delimited JSON events from a resourceVersion, with bookmarks.
// Resolves when the server ends the stream (timeoutSeconds); rejects on a socket error, on an
// ERROR event (as KubeHttpError, e.g. 410 Expired), or when nothing arrives for `idleMs`
// (a half-open TCP connection after a network change would otherwise hang forever).
import type { KubeSession } from '../client/kube-client';
import { KubeHttpError, type KubeStatus } from '../client/kube-http-error';
import type { RawPod, RawWatchEvent } from './raw-pod';

export interface WatchStreamOptions {
  resourceVersion: string;
  labelSelector: string | undefined;
  /** Asked of the server: it ends the stream after this, and we reconnect (as client-go). */
  timeoutSeconds: number;
  idleMs: number;
  signal: AbortSignal;
  onOpen(): void;
  onEvent(event: RawWatchEvent<RawPod>): void;
}

export async function watchPodStream(
  session: KubeSession,
  path: string,
  options: WatchStreamOptions,
): Promise<void> {
  const body = await session.stream(
    path,
    {
      watch: 1,
      resourceVersion: options.resourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds: options.timeoutSeconds,
      labelSelector: options.labelSelector,
    },
    options.signal,
  );
  options.onOpen();
  body.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    let rest = '';
    let idle: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (err?: unknown): void => {
      // destroy() below re-enters through 'aborted'/'close': the first reason wins.
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      body.removeAllListeners('data');
      body.destroy();
      if (err === undefined) resolve();
      else reject(err instanceof Error ? err : new Error(String(err)));
    };
    const armIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(
        () => finish(Object.assign(new Error('the watch went silent'), { code: 'ETIMEDOUT' })),
        options.idleMs,
      );
    };
    armIdle();
    body.on('data', (chunk: string) => {
      armIdle();
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      try {
        for (const line of lines) {
          if (!line.trim()) continue;
          const event = JSON.parse(line) as RawWatchEvent<RawPod>;
          if (event.type === 'ERROR') {
            const status = event.object as KubeStatus;
            finish(new KubeHttpError(status.code ?? 500, status, path));
            return;
          }
          options.onEvent(event);
        }
      } catch (err) {
        // A truncated or garbled line: drop the connection and resume from the last version.
        finish(err);
      }
    });
    body.on('end', () => finish());
    body.on('error', (err) => finish(err));
    body.on('aborted', () =>
      finish(Object.assign(new Error('the watch connection was reset'), { code: 'ECONNRESET' })),
    );
    // 'close' can come before the buffered data is read; only an incomplete response is a loss.
    body.on('close', () => {
      if (!body.complete) {
        finish(Object.assign(new Error('the watch connection closed'), { code: 'ECONNRESET' }));
      }
    });
  });
}
