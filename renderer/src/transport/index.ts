// How the renderer reaches the core. createTransportClient() picks the Electron bridge when the
// preload put one on window.snoopy, and otherwise browser mode: a WebSocket to the page's own
// origin with the token from `#token=…`.
//
//   const client = getTransportClient();
//   if (client.status === 'unauthorized') render(client.error);   // e.g. MISSING_TOKEN_ERROR
//   const info = await client.call('app.info', {});
//   client.onReconnected(() => restartWatches());
import { createElectronClient } from './electron-client';
import { tokenFromHash, webSocketUrlFor } from './location';
import type { TransportClient } from './types';
import { createWsClient } from './ws-client';

export { MISSING_TOKEN_ERROR, SnoopyClientError } from './client-error';
export type { SnoopyBridge } from './bridge';
export type { ConnectionStatus, TransportClient } from './types';

// Survives a reload of this tab (the token is gone from the address bar by then), and nothing
// else: closing the tab forgets it.
const TOKEN_KEY = 'snoopy.token';

/** Reads the token once and removes it from the address bar, history entry and all. */
function takeToken(): string | undefined {
  const { token, restHash } = tokenFromHash(window.location.hash);
  if (token !== undefined) {
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${window.location.search}${restHash}`,
    );
    sessionStorage.setItem(TOKEN_KEY, token);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

/**
 * The link state as `<html data-snoopy-connection="open">`: harmless (the page can read its own
 * status anyway), handy for CSS, and what the end-to-end tests wait on.
 */
function reflectStatus(client: TransportClient): void {
  const show = (): void => {
    document.documentElement.dataset.snoopyConnection = client.status;
  };
  show();
  client.onStatus(show);
}

export function createTransportClient(): TransportClient {
  const bridge = window.snoopy;
  if (bridge) return createElectronClient(bridge);
  const token = takeToken();
  const client = createWsClient({
    url: webSocketUrlFor(window.location.href),
    token,
    // A refused upgrade looks like a dead server to a page; asking for our own page tells them apart.
    serverIsUp: () =>
      fetch(window.location.pathname, { method: 'HEAD', cache: 'no-store' }).then((r) => r.ok),
  });
  // A refused token is stale: forget it, so the next reload does not try it again.
  client.onStatus((status) => {
    if (status === 'unauthorized') sessionStorage.removeItem(TOKEN_KEY);
  });
  reflectStatus(client);
  return client;
}

let shared: TransportClient | undefined;

/** The one client of this page (React StrictMode mounts twice; this connects once). */
export function getTransportClient(): TransportClient {
  shared ??= createTransportClient();
  return shared;
}
