// A core over a sandbox's kubeconfig, and a connection that records every event and keeps the
// rows a renderer would hold (batches applied in order), for the kube-* integration tests.
import type {
  Contexts,
  EventName,
  EventPayload,
  PodBatch,
  PodSummary,
  PodWatchState,
} from '../../../main/api/contract/index';
import type { Connection } from '../../../main/api/handlers';
import { createCore, type Core, type CoreOptions } from '../../../main/core';
import { waitUntil } from './wait';

export function testCore(kubeconfig: string, options: Partial<CoreOptions> = {}): Promise<Core> {
  return createCore({
    kubeconfig,
    env: { ...process.env, KUBECONFIG: undefined },
    version: 'test',
    transport: 'memory',
    execEnvironment: {},
    watchKubeconfig: false,
    // Short backoff: the tests wait for recoveries, they do not measure them.
    podWatch: { backoff: { initialMs: 200, maxMs: 1000, factor: 2, jitter: 0.5 } },
    ...options,
  });
}

type AnyEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export interface RecordingConnection {
  connection: Connection;
  batches: PodBatch[];
  states: PodWatchState[];
  contextsChanged: Contexts[];
  /** The rows after applying every batch, by uid. */
  rows: Map<string, PodSummary>;
  rowNames(): string[];
  waitForState(
    state: PodWatchState['state'],
    after?: number,
    timeoutMs?: number,
  ): Promise<PodWatchState>;
  close(): void;
}

export function recordingConnection(id = 'test'): RecordingConnection {
  const closers: Array<() => void> = [];
  const rec: RecordingConnection = {
    batches: [],
    states: [],
    contextsChanged: [],
    rows: new Map(),
    connection: {
      id,
      emit: (event, payload) => onEvent({ event, payload } as AnyEvent),
      onClose: (cleanup) => closers.push(cleanup),
    },
    rowNames: () => [...rec.rows.values()].map((p) => `${p.namespace}/${p.name}`).sort(),
    waitForState: (state, after = 0, timeoutMs = 30_000) =>
      waitUntil(
        `watch state ${state}`,
        () => rec.states.slice(after).find((s) => s.state === state),
        timeoutMs,
        20,
      ),
    close: () => closers.splice(0).forEach((close) => close()),
  };
  const onEvent = (e: AnyEvent): void => {
    if (e.event === 'pods.batch') {
      rec.batches.push(e.payload);
      if (e.payload.reset) rec.rows.clear();
      for (const pod of e.payload.upserted) rec.rows.set(pod.uid, pod);
      for (const uid of e.payload.removed) rec.rows.delete(uid);
    } else if (e.event === 'pods.state') rec.states.push(e.payload);
    else if (e.event === 'contexts.changed') rec.contextsChanged.push(e.payload);
  };
  return rec;
}
