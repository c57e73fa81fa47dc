// The list-then-watch loop of one scope (all namespaces, or one namespace), as client-go's
// reflector runs it but without stopping on errors: list in pages, watch from the list's
// resourceVersion (bookmarks keep it fresh), resume the watch from the last version after a
// dropped connection, re-list after 410 Gone, and back off with jitter while the cluster
// is unreachable or refuses us. Only requests that can never succeed (a bad label selector)
// end the loop.
import type { SnoopyError } from '../../errors';
import type { KubeClient } from '../client/kube-client';
import { isResourceExpired } from '../client/kube-http-error';
import { kubeError, type KubeTarget } from '../errors';
import { Backoff, sleep, type BackoffPolicy } from './backoff';
import { listPodsInPages } from './list-pods';
import { podsPath, type PodScope } from './pod-paths';
import type { RawPod, RawWatchEvent } from './raw-pod';
import { watchPodStream } from './watch-stream';

export interface ScopeTuning {
  pageSize: number;
  backoff: BackoffPolicy;
  /** Server-side watch timeout; client-go picks 5–10 min at random so watches do not expire together. */
  watchTimeoutSeconds: () => number;
  /** No byte (event or bookmark) for this long: the connection is presumed dead. */
  idleMs: number;
}

export const DEFAULT_SCOPE_TUNING: ScopeTuning = {
  pageSize: 500,
  backoff: { initialMs: 800, maxMs: 30_000, factor: 2, jitter: 0.5 },
  watchTimeoutSeconds: () => 300 + Math.floor(Math.random() * 300),
  idleMs: 15 * 60_000,
};

export type ScopeState =
  | { state: 'listing'; loaded: number }
  | { state: 'synced'; loaded: number }
  | { state: 'retrying'; loaded: number; error: SnoopyError; retryAt: number }
  | { state: 'failed'; loaded: number; error: SnoopyError };

export interface ScopeSink {
  /** A page of the first list, shown as it arrives. */
  page(scope: PodScope, pods: RawPod[]): void;
  /** The complete result of a re-list: replaces everything known in this scope. */
  replace(scope: PodScope, pods: RawPod[]): void;
  event(scope: PodScope, event: RawWatchEvent<RawPod>): void;
  state(scope: PodScope, state: ScopeState): void;
}

export interface ScopeLoopOptions {
  scope: PodScope;
  labelSelector: string | undefined;
  client: KubeClient;
  target: KubeTarget;
  tuning: ScopeTuning;
  signal: AbortSignal;
  sink: ScopeSink;
  /** Limits how many scopes list at once (hundreds of namespaces must not list in parallel). */
  listSlot: <T>(run: () => Promise<T>) => Promise<T>;
}

// After this many 410s in a row, back off anyway (a server whose history is always too short).
const MAX_IMMEDIATE_RELISTS = 3;

export async function runScopeLoop(options: ScopeLoopOptions): Promise<void> {
  const { scope, sink, signal, tuning } = options;
  const path = podsPath(scope);
  const backoff = new Backoff(tuning.backoff);
  let resourceVersion: string | undefined;
  let shownAnyPage = false;
  let loaded = 0;
  let expiredInARow = 0;

  while (!signal.aborted) {
    try {
      if (resourceVersion === undefined) {
        sink.state(scope, { state: 'listing', loaded: 0 });
        const streaming = !shownAnyPage;
        const collected: RawPod[] = [];
        resourceVersion = await options.listSlot(async () => {
          const session = await options.client.session();
          return listPodsInPages(session, path, {
            labelSelector: options.labelSelector,
            pageSize: tuning.pageSize,
            signal,
            onPage(pods, count) {
              loaded = count;
              if (streaming) {
                shownAnyPage = true;
                sink.page(scope, pods);
              } else {
                for (const pod of pods) collected.push(pod);
              }
              sink.state(scope, { state: 'listing', loaded: count });
            },
          });
        });
        if (!streaming) sink.replace(scope, collected);
        backoff.reset();
      }
      const session = await options.client.session();
      await watchPodStream(session, path, {
        resourceVersion,
        labelSelector: options.labelSelector,
        timeoutSeconds: tuning.watchTimeoutSeconds(),
        idleMs: tuning.idleMs,
        signal,
        onOpen() {
          expiredInARow = 0;
          backoff.reset();
          sink.state(scope, { state: 'synced', loaded });
        },
        onEvent(event) {
          const rv = event.object.metadata?.resourceVersion;
          if (rv) resourceVersion = rv;
          if (event.type !== 'BOOKMARK') sink.event(scope, event);
        },
      });
      // The server ended the watch (timeoutSeconds): resume from the last version at once.
    } catch (err) {
      if (signal.aborted) return;
      if (isResourceExpired(err)) {
        // Our resourceVersion (or continue token) is older than the server's history: re-list.
        resourceVersion = undefined;
        shownAnyPage = true;
        if (++expiredInARow <= MAX_IMMEDIATE_RELISTS) continue;
      }
      const error = kubeError(err, options.target);
      if (isPermanent(error)) {
        sink.state(scope, { state: 'failed', loaded, error });
        return;
      }
      const delay = backoff.next();
      sink.state(scope, { state: 'retrying', loaded, error, retryAt: Date.now() + delay });
      await sleep(delay, signal);
    }
  }
}

/** Errors that no retry can fix without the user changing the request or installing something. */
function isPermanent(error: SnoopyError): boolean {
  return error.code === 'INVALID_INPUT' || error.code === 'EXEC_PLUGIN_NOT_FOUND';
}
