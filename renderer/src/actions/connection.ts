// Losing the core (browser mode: the WebSocket dropped) shows a bar; when the link is back the
// contexts are reloaded and the watch restarted (the core forgot it with the old connection).
// A real transport reports its status; for a client that cannot (the fake), a TRANSPORT_CLOSED
// error starts polling app.info instead.
import type { WireError } from '../../../main/api/contract';
import { client } from '../client/current-client';
import type { TransportClient } from '../transport';
import { useUiStore } from '../stores/ui-store';

const POLL_MS = 2000;
let polling: ReturnType<typeof setTimeout> | undefined;
let pollWhenLost = true;
let onReconnect: () => void = () => {};

export function setReconnectHandler(handler: () => void): void {
  onReconnect = handler;
}

/** Follows a real transport's own status instead of polling. */
export function followTransport(transport: TransportClient): void {
  pollWhenLost = false;
  const apply = (status: TransportClient['status'], error: WireError | undefined) => {
    if (status === 'unauthorized' && error) useUiStore.getState().setFatal(error);
    else if (status === 'reconnecting') useUiStore.getState().setConnection('lost');
    else if (status === 'open') useUiStore.getState().setConnection('connected');
  };
  apply(transport.status, transport.error);
  transport.onStatus(apply);
  transport.onReconnected(() => {
    useUiStore.getState().setConnection('connected');
    onReconnect();
  });
}

/** True when the error means the core is out of reach (and the caller should not show it). */
export function noteTransportError(error: WireError): boolean {
  if (error.code !== 'TRANSPORT_CLOSED') return false;
  if (useUiStore.getState().connection === 'lost') return true;
  useUiStore.getState().setConnection('lost');
  if (pollWhenLost) schedulePoll();
  return true;
}

function schedulePoll(): void {
  if (polling) clearTimeout(polling);
  polling = setTimeout(() => {
    client()
      .call('app.info', {})
      .then(
        () => {
          polling = undefined;
          useUiStore.getState().setConnection('connected');
          onReconnect();
        },
        () => schedulePoll(),
      );
  }, POLL_MS);
}
