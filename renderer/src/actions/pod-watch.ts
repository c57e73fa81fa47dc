// One live pod watch at a time, for the chosen context, namespaces and label selector.
// Events carry a watchId; those of older watches are ignored, and those arriving before
// pods.watch has answered with the new id are held and replayed.
import type {
  EventPayload,
  PodBatch,
  PodWatchState,
  SnoopyClient,
} from '../../../main/api/contract';
import { client } from '../client/current-client';
import { toWireError } from '../client/wire-error';
import { useContextsStore } from '../stores/contexts-store';
import { useDetailsStore } from '../stores/details-store';
import { chosenNamespaces, useNamespacesStore } from '../stores/namespaces-store';
import { usePodsStore } from '../stores/pods-store';
import { useSelectionStore } from '../stores/selection-store';
import { noteTransportError } from './connection';

let generation = 0;
let currentId: string | undefined;
let awaitingId = false;
const early: { id: string; apply: () => void }[] = [];
const EARLY_LIMIT = 2000;

export function wireWatchEvents(c: SnoopyClient): void {
  c.on('pods.batch', (b) => route(b.watchId, () => onBatch(b)));
  c.on('pods.state', (s) => route(s.watchId, () => onState(s)));
}

function route(watchId: string, apply: () => void): void {
  if (watchId === currentId) apply();
  else if (awaitingId && early.length < EARLY_LIMIT) early.push({ id: watchId, apply });
}

let marked = false;
function onBatch(b: PodBatch): void {
  const pods = usePodsStore.getState();
  pods.applyBatch(b);
  const rows = usePodsStore.getState().rows;
  const selection = useSelectionStore.getState();
  const gone = b.reset ? [...selection.selected].filter((uid) => !rows.has(uid)) : b.removed;
  if (gone.length) selection.prune(gone);
  const details = useDetailsStore.getState();
  if (details.uid && !rows.has(details.uid)) details.markGone(details.uid);
  if (!marked && b.upserted.length) {
    marked = true;
    performance.mark('snoopy:first-batch');
  }
}

function onState(s: EventPayload<'pods.state'>): void {
  const { watchId: _id, ...status } = s;
  usePodsStore.getState().setWatch(status);
  if (s.state === 'synced' && performance.getEntriesByName('snoopy:synced').length === 0)
    performance.mark('snoopy:synced');
  if (s.error) noteTransportError(s.error);
}

function stopCurrent(): void {
  const old = currentId;
  currentId = undefined;
  early.length = 0;
  if (old)
    client()
      .call('pods.unwatch', { watchId: old })
      .catch(() => {});
}

/** (Re)starts the watch from the stores' context, namespaces and label selector. */
export async function restartWatch(): Promise<void> {
  const gen = ++generation;
  stopCurrent();
  const pods = usePodsStore.getState();
  pods.clearRows();
  useSelectionStore.getState().clear();
  const context = useContextsStore.getState().selected;
  if (!context) {
    pods.setWatch({ state: 'idle', loaded: 0 });
    return;
  }
  const namespaces = chosenNamespaces(useNamespacesStore.getState(), context);
  const labelSelector = pods.labelSelector.trim();
  pods.setWatch({ state: 'starting', loaded: 0 });
  if (!marked) performance.mark('snoopy:watch-start');
  awaitingId = true;
  try {
    const { watchId } = await client().call('pods.watch', {
      context,
      namespaces,
      ...(labelSelector ? { labelSelector } : {}),
    });
    if (gen !== generation) {
      client()
        .call('pods.unwatch', { watchId })
        .catch(() => {});
      return;
    }
    currentId = watchId;
    awaitingId = false;
    for (const e of early.splice(0)) if (e.id === watchId) e.apply();
  } catch (err) {
    if (gen !== generation) return;
    awaitingId = false;
    early.length = 0;
    const error = toWireError(err);
    if (noteTransportError(error)) return;
    usePodsStore.getState().setStartError(error);
    usePodsStore.getState().setWatch({ state: 'failed', loaded: 0, error });
  }
}

export function stopWatch(): void {
  generation++;
  stopCurrent();
}

export type { PodWatchState };
