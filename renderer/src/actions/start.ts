// Start-up: choose the client, listen to the core's events, load the contexts.
import { chooseClient } from '../client/client-source';
import { setClient } from '../client/current-client';
import { toWireError } from '../client/wire-error';
import { useUiStore } from '../stores/ui-store';
import { followTransport, setReconnectHandler } from './connection';
import { applyContexts, loadContexts, requestContext } from './contexts';
import { restartWatch, wireWatchEvents } from './pod-watch';

export async function start(url: URL): Promise<void> {
  try {
    requestContext(new URLSearchParams(url.hash.slice(1)).get('context') ?? undefined);
    const chosen = await chooseClient(url);
    const c = chosen.client;
    setClient(c);
    wireWatchEvents(c);
    c.on('contexts.changed', applyContexts);
    setReconnectHandler(() => {
      void loadContexts().then(() => restartWatch());
    });
    if (chosen.kind === 'transport') {
      followTransport(chosen.client);
      if (chosen.client.status === 'unauthorized') return;
    }
    await loadContexts();
  } catch (err) {
    useUiStore.getState().setFatal(toWireError(err));
  }
}
