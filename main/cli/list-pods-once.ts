// The CLI's pod list, taken through the same pods.watch operation the app uses: start a watch,
// apply its batches until the first `synced`, then stop. The first error ends it (a terminal
// user wants the message now, not a retry loop).
import type { EventName, EventPayload, PodSummary, PodWatchInput } from '../api/contract/index';
import type { Connection, Handlers } from '../api/handlers';
import { SnoopyError } from '../errors';

/** An event and its payload, joined so that a switch on the name narrows the payload. */
type AnyEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export async function listPodsOnce(
  handlers: Handlers,
  input: PodWatchInput,
): Promise<PodSummary[]> {
  const pods = new Map<string, PodSummary>();
  const closers: Array<() => void> = [];
  let resolveDone: () => void = () => undefined;
  let rejectDone: (err: SnoopyError) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    resolveDone = resolve;
    rejectDone = reject;
  });

  const onEvent = (e: AnyEvent): void => {
    if (e.event === 'pods.batch') {
      if (e.payload.reset) pods.clear();
      for (const pod of e.payload.upserted) pods.set(pod.uid, pod);
      for (const uid of e.payload.removed) pods.delete(uid);
    } else if (e.event === 'pods.state') {
      if (e.payload.state === 'synced') resolveDone();
      else if (e.payload.error) rejectDone(SnoopyError.fromJSON(e.payload.error));
    }
  };
  const connection: Connection = {
    id: 'cli',
    emit: (event, payload) => onEvent({ event, payload } as AnyEvent),
    onClose: (cleanup) => closers.push(cleanup),
  };

  let watchId: string | undefined;
  try {
    ({ watchId } = await handlers['pods.watch'](input, connection));
    await done;
    return [...pods.values()];
  } finally {
    if (watchId) await handlers['pods.unwatch']({ watchId }, connection).catch(() => undefined);
    for (const close of closers) close();
  }
}
