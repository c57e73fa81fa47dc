// Where browser mode finds its server and token: the page's own origin, and `#token=…` in the
// URL fragment (a fragment never reaches the server, its logs or a Referer). Pure functions over
// plain strings so they are tested without a DOM.
import { WS_PATH } from './wire';

/** ws://host:port/ws for http://host:port/… (wss for https). */
export function webSocketUrlFor(pageHref: string): string {
  const page = new URL(pageHref);
  const scheme = page.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${page.host}${WS_PATH}`;
}

/** The token from a fragment like `#token=abc` (other fragment parameters are kept apart). */
export function tokenFromHash(hash: string): { token: string | undefined; restHash: string } {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const token = params.get('token') ?? undefined;
  params.delete('token');
  const rest = params.toString();
  return {
    token: token && /^[A-Za-z0-9_-]{16,256}$/.test(token) ? token : undefined,
    restHash: rest ? `#${rest}` : '',
  };
}
