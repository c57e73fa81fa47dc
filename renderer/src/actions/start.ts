// Start-up: choose the client, listen to the core's events, load the contexts.
import { chooseClient } from '../client/client-source';
import { setClient } from '../client/current-client';
import { toWireError } from '../client/wire-error';
import { useUiStore } from '../stores/ui-store';
import { followTransport, setReconnectHandler } from './connection';
import { loadSessions, wireCaptureEvents } from './capture';
import { applyContexts, loadContexts, requestContext } from './contexts';
import { restartWatch, wireWatchEvents } from './pod-watch';

export async function start(url: URL): Promise<void> {
  try {
    requestContext(new URLSearchParams(url.hash.slice(1)).get('context') ?? undefined);
    const chosen = await chooseClient(url);
    const c = chosen.client;
    setClient(c);
    wireWatchEvents(c);
    wireCaptureEvents(c);
    c.on('contexts.changed', applyContexts);
    setReconnectHandler(() => {
      void loadContexts().then(() => restartWatch());
      // Sessions kept running in the core while the link was down: catch up on their state.
      void loadSessions();
    });
    if (chosen.kind === 'transport') {
      followTransport(chosen.client);
      if (chosen.client.status === 'unauthorized') return;
    }
    await loadContexts();
    void loadSessions();
  } catch (err) {
    useUiStore.getState().setFatal(toWireError(err));
  }
}
