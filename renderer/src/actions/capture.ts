// Capture actions: open the dialog from the selection or a label selector, run the preflight,
// start, stop, hand a session to Wireshark, and keep sessions current from capture.progress.
import type { CaptureTargets, SnoopyClient, WireError } from '../../../main/api/contract';
import { parseOptions } from '../capture/options';
import { client } from '../client/current-client';
import { toWireError } from '../client/wire-error';
import { useCaptureStore, type CaptureDialog, type DraftPod } from '../stores/capture-store';
import { useContextsStore } from '../stores/contexts-store';
import { chosenNamespaces, useNamespacesStore } from '../stores/namespaces-store';
import { usePodsStore } from '../stores/pods-store';
import { useSelectionStore } from '../stores/selection-store';

const store = () => useCaptureStore.getState();

/** Sessions live in the core; the UI follows them from start-up and after a reconnect. */
export function wireCaptureEvents(c: SnoopyClient): void {
  c.on('capture.progress', (p) => store().applyProgress(p));
}

export async function loadSessions(): Promise<void> {
  try {
    const { sessions } = await client().call('capture.list', {});
    for (const s of sessions) store().applyProgress(s);
    store().setListError(undefined);
  } catch (err) {
    store().setListError(toWireError(err));
  }
}

export function targetsOf(d: CaptureDialog): CaptureTargets | undefined {
  if (d.mode === 'pods')
    return d.pods.length
      ? { kind: 'pods', pods: d.pods.map((p) => ({ namespace: p.namespace, name: p.name })) }
      : undefined;
  const labelSelector = d.labelSelector.trim();
  const namespace = d.namespace.trim();
  return labelSelector && namespace ? { kind: 'selector', namespace, labelSelector } : undefined;
}

/** The dialog's answer may arrive after the user changed the question: only the latest counts. */
let preflightSeq = 0;

export async function runPreflight(): Promise<void> {
  const d = store().dialog;
  const targets = d && targetsOf(d);
  const seq = ++preflightSeq;
  if (!d || !targets) {
    store().patchDialog({ preflight: { state: 'idle' } });
    return;
  }
  store().patchDialog({ preflight: { state: 'checking' }, startError: undefined });
  try {
    const result = await client().call('capture.preflight', { context: d.context, targets });
    if (seq === preflightSeq) store().patchDialog({ preflight: { state: 'done', result } });
  } catch (err) {
    if (seq === preflightSeq)
      store().patchDialog({ preflight: { state: 'error', error: toWireError(err) } });
  }
}

export function openCaptureFromSelection(): void {
  const context = useContextsStore.getState().selected;
  const { selected } = useSelectionStore.getState();
  const rows = usePodsStore.getState().rows;
  if (!context || selected.size === 0) return;
  const pods: DraftPod[] = [];
  for (const uid of selected) {
    const p = rows.get(uid)?.pod;
    if (p)
      pods.push({ namespace: p.namespace, name: p.name, node: p.node, hostNetwork: p.hostNetwork });
  }
  if (pods.length === 0) return;
  store().openDialog({ context, mode: 'pods', pods, namespace: '', labelSelector: '' });
  void runPreflight();
}

export function openCaptureByLabel(): void {
  const context = useContextsStore.getState().selected;
  if (!context) return;
  const chosen = chosenNamespaces(useNamespacesStore.getState(), context);
  // Start from what the table shows: its namespace (when one) and its label selector.
  store().openDialog({
    context,
    mode: 'selector',
    pods: [],
    namespace: chosen.length === 1 ? (chosen[0] ?? '') : '',
    labelSelector: usePodsStore.getState().labelSelector,
  });
  void runPreflight();
}

export async function startCapture(): Promise<void> {
  const d = store().dialog;
  if (!d || d.starting) return;
  const targets = targetsOf(d);
  const { options } = parseOptions(d.draft);
  const pre = d.preflight;
  if (!targets || !options || pre.state !== 'done' || !pre.result.ok) return;
  store().patchDialog({ starting: true, startError: undefined, filterError: undefined });
  try {
    const progress = await client().call('capture.start', {
      context: d.context,
      targets,
      options: {
        ...(options.filter ? { filter: options.filter } : {}),
        interface: options.iface,
        snaplen: options.snaplen,
        ...(options.durationSeconds ? { durationSeconds: options.durationSeconds } : {}),
        ...(options.maxPackets ? { maxPackets: options.maxPackets } : {}),
        ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
      },
    });
    // Progress events may have overtaken this answer: never let the older snapshot win.
    if (!store().sessions[progress.sessionId]) store().applyProgress(progress);
    store().closeDialog();
    store().setPanelOpen(true);
  } catch (err) {
    const error = toWireError(err);
    // tcpdump's verdict on the filter belongs next to the filter field, word for word.
    if (error.code === 'INVALID_BPF_FILTER')
      store().patchDialog({ starting: false, filterError: error });
    else store().patchDialog({ starting: false, startError: error });
  }
}

async function sessionAction(
  sessionId: string,
  busy: 'stop' | 'open' | 'live',
  run: () => Promise<unknown>,
): Promise<void> {
  store().patchSession(sessionId, { busy, actionError: undefined });
  let actionError: WireError | undefined;
  try {
    await run();
  } catch (err) {
    actionError = toWireError(err);
  }
  store().patchSession(sessionId, { busy: undefined, actionError });
}

export function stopCapture(sessionId: string): Promise<void> {
  return sessionAction(sessionId, 'stop', async () => {
    store().applyProgress(await client().call('capture.stop', { sessionId }));
  });
}

export function openInWireshark(sessionId: string): Promise<void> {
  return sessionAction(sessionId, 'open', () =>
    client().call('capture.openInWireshark', { sessionId }),
  );
}

export function liveInWireshark(sessionId: string): Promise<void> {
  return sessionAction(sessionId, 'live', () =>
    client().call('capture.liveInWireshark', { sessionId }),
  );
}
