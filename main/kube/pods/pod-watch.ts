// A live pod list for one pods.watch: one scope loop for all namespaces, or one per chosen
// namespace, feeding one cache of summaries (needed to answer a re-list with a full reset),
// one batcher (pods.batch) and one combined state (pods.state).
import type { PodBatch, PodSummary, PodWatchState } from '../../api/contract/index';
import type { KubeClient } from '../client/kube-client';
import type { KubeTarget } from '../errors';
import { DEFAULT_BATCHING, PodBatcher, type BatcherOptions } from './batcher';
import { concurrencyLimit } from './limit-concurrency';
import type { PodScope } from './pod-paths';
import { toPodSummary } from './pod-summary';
import type { RawPod } from './raw-pod';
import {
  DEFAULT_SCOPE_TUNING,
  runScopeLoop,
  type ScopeSink,
  type ScopeState,
  type ScopeTuning,
} from './scope-loop';

export interface PodWatchTuning extends ScopeTuning {
  batching: BatcherOptions;
  /** Scopes (namespaces) listing at the same time. */
  parallelLists: number;
}

export const DEFAULT_POD_WATCH_TUNING: PodWatchTuning = {
  ...DEFAULT_SCOPE_TUNING,
  batching: DEFAULT_BATCHING,
  parallelLists: 6,
};

export interface PodWatchOptions {
  watchId: string;
  client: KubeClient;
  target: KubeTarget;
  /** Empty: all namespaces, with one cluster-wide list and watch. */
  namespaces: string[];
  labelSelector: string | undefined;
  emitBatch(batch: PodBatch): void;
  emitState(state: PodWatchState): void;
  tuning?: Partial<PodWatchTuning>;
}

export interface PodWatch {
  readonly watchId: string;
  /** Ends every connection; emits `stopped` unless `silent` (the client is gone anyway). */
  stop(options?: { silent?: boolean }): Promise<void>;
}

export function startPodWatch(options: PodWatchOptions): PodWatch {
  const tuning: PodWatchTuning = { ...DEFAULT_POD_WATCH_TUNING, ...options.tuning };
  const { watchId } = options;
  const abort = new AbortController();
  const cache = new Map<string, PodSummary>();
  const batcher = new PodBatcher((b) => options.emitBatch({ watchId, ...b }), tuning.batching);
  const scopes: PodScope[] = options.namespaces.length
    ? [...new Set(options.namespaces)]
    : [undefined];
  const states = new Map<PodScope, ScopeState>(
    scopes.map((s) => [s, { state: 'listing', loaded: 0 }]),
  );
  let lastState: PodWatchState | undefined;

  const publishState = (): void => {
    if (abort.signal.aborted) return;
    const next = combine(watchId, [...states.values()]);
    if (lastState && sameState(lastState, next)) return;
    // Batches first: a client seeing `synced` (or an error) already holds every pod received.
    // Not before `listing`: the first page should travel in the first (reset) batch.
    if (lastState?.state !== next.state && next.state !== 'listing') batcher.flush();
    lastState = next;
    options.emitState(next);
  };

  const upsert = (pod: RawPod): void => {
    const summary = toPodSummary(pod);
    cache.set(summary.uid, summary);
    batcher.upsert(summary);
  };

  const sink: ScopeSink = {
    page(_scope, pods) {
      for (const pod of pods) upsert(pod);
    },
    replace(scope, pods) {
      for (const [uid, summary] of cache) {
        if (scope === undefined || summary.namespace === scope) cache.delete(uid);
      }
      for (const pod of pods) {
        const summary = toPodSummary(pod);
        cache.set(summary.uid, summary);
      }
      batcher.reset(cache.values());
    },
    event(_scope, event) {
      if (event.type === 'DELETED') {
        const summary = toPodSummary(event.object);
        cache.delete(summary.uid);
        batcher.remove(summary.uid);
      } else upsert(event.object);
    },
    state(scope, state) {
      states.set(scope, state);
      publishState();
    },
  };

  publishState();
  const listSlot = concurrencyLimit(tuning.parallelLists);
  const loops = Promise.all(
    scopes.map((scope) =>
      runScopeLoop({
        scope,
        labelSelector: options.labelSelector || undefined,
        client: options.client,
        target: options.target,
        tuning,
        signal: abort.signal,
        sink,
        listSlot,
      }),
    ),
  );

  return {
    watchId,
    async stop({ silent = false } = {}) {
      if (abort.signal.aborted) return;
      batcher.flush();
      abort.abort();
      batcher.close();
      await loops;
      if (!silent) options.emitState({ watchId, state: 'stopped', loaded: cache.size });
    },
  };
}

// The worst scope decides: failed > retrying > listing > synced.
const SEVERITY = { synced: 0, listing: 1, retrying: 2, failed: 3 } as const;

function combine(watchId: string, states: ScopeState[]): PodWatchState {
  let worst: ScopeState = { state: 'synced', loaded: 0 };
  let loaded = 0;
  for (const s of states) {
    loaded += s.loaded;
    if (SEVERITY[s.state] > SEVERITY[worst.state]) worst = s;
  }
  const out: PodWatchState = { watchId, state: worst.state, loaded };
  if (worst.state === 'retrying' || worst.state === 'failed') out.error = worst.error.toJSON();
  if (worst.state === 'retrying') out.retryAt = new Date(worst.retryAt).toISOString();
  return out;
}

function sameState(a: PodWatchState, b: PodWatchState): boolean {
  return (
    a.state === b.state &&
    a.loaded === b.loaded &&
    a.retryAt === b.retryAt &&
    a.error?.code === b.error?.code &&
    a.error?.message === b.error?.message
  );
}
