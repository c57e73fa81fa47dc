// Loading pods.details for the pod the user opened. Keyboard navigation with the panel open
// fires one request per pause, not per key press.
import { client } from '../client/current-client';
import { toWireError } from '../client/wire-error';
import { useContextsStore } from '../stores/contexts-store';
import { useDetailsStore } from '../stores/details-store';
import type { PodRow } from '../pods/pod-row';
import { noteTransportError } from './connection';

const DEBOUNCE_MS = 120;
let timer: ReturnType<typeof setTimeout> | undefined;

export function showDetails(row: PodRow, immediate = false): void {
  const context = useContextsStore.getState().selected;
  if (!context) return;
  const ref = { context, namespace: row.pod.namespace, name: row.pod.name };
  useDetailsStore.getState().show(row.uid, ref);
  if (timer) clearTimeout(timer);
  const load = () => void fetchDetails(row.uid);
  if (immediate) load();
  else timer = setTimeout(load, DEBOUNCE_MS);
}

export async function fetchDetails(uid: string): Promise<void> {
  const { ref } = useDetailsStore.getState();
  if (!ref) return;
  try {
    const details = await client().call('pods.details', ref);
    useDetailsStore.getState().loaded(uid, details);
  } catch (err) {
    const error = toWireError(err);
    if (!noteTransportError(error)) useDetailsStore.getState().failed(uid, error);
  }
}
