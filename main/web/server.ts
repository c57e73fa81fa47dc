// Browser mode: one http server on loopback that serves the built renderer and carries the
// contract over a WebSocket on the same origin. createWebServer takes the core's handlers, so
// tests give it a fake core and `snoopy web` gives it the real one.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { Handlers } from '../api/handlers';
import { isAllowedHost, isIpLiteralHost } from '../api/transports/request-guards';
import { createToken } from '../api/transports/token';
import { attachWebSocketTransport, type WebSocketTransport } from '../api/transports/ws-server';
import { contentSecurityPolicy, securityHeaders } from './security-headers';
import { lookupStaticFile } from './static-files';

export interface WebServerOptions {
  handlers: Handlers;
  /** The built renderer (default: out/renderer of this checkout). */
  root?: string;
  /** Default 127.0.0.1. Anything else exposes the app beyond this machine (see isLoopback). */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default: a fresh random token (tests pass one to know it). */
  token?: string;
  log?: (line: string) => void;
}

export interface WebServer {
  /** http://127.0.0.1:PORT — the page's origin. */
  readonly origin: string;
  /** The URL to open: origin plus `/#token=…` (a fragment: never sent to the server). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly token: string;
  readonly transport: WebSocketTransport;
  close(): Promise<void>;
}

export const DEFAULT_RENDERER_ROOT = resolve(import.meta.dirname, '../../out/renderer');

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::';
}

/** host:port as it appears in a URL and a Host header (IPv6 in brackets, port 80 omitted). */
function urlHost(host: string, port: number): string {
  return new URL(`http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`).host;
}

export async function createWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const root = resolve(options.root ?? DEFAULT_RENDERER_ROOT);
  const token = options.token ?? createToken();
  const log = options.log ?? (() => undefined);

  // Filled in once listening: the port is only known then.
  let port = 0;
  let csp = '';
  const hostAllowed = (hostHeader: string | undefined): boolean =>
    isWildcard(host)
      ? isIpLiteralHost(hostHeader, port)
      : isAllowedHost(hostHeader, [urlHost(host, port)]);

  const send = (res: ServerResponse, status: number, text: string): void => {
    res.writeHead(status, { ...securityHeaders(csp), 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`${text}\n`);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (!hostAllowed(req.headers.host)) {
      send(res, 403, 'Host not allowed: open the address Snoopy printed');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      send(res, 405, 'method not allowed');
      return;
    }
    void lookupStaticFile(root, req.url ?? '/').then((found) => {
      if (found.status !== 200) {
        send(res, found.status, found.reason);
        return;
      }
      res.writeHead(200, { ...securityHeaders(csp), 'Content-Type': found.contentType });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(found.file)
        .on('error', () => res.destroy())
        .pipe(res);
    });
  };

  const server = createServer(onRequest);
  const transport = attachWebSocketTransport(server, {
    handlers: options.handlers,
    token,
    isAllowedHost: hostAllowed,
    log,
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the web server has no port');
  port = address.port;

  // With a wildcard bind the page's address is whatever IP the user typed; printed as loopback.
  const origin = `http://${urlHost(isWildcard(host) ? '127.0.0.1' : host, port)}`;
  csp = contentSecurityPolicy([`ws://${new URL(origin).host}`]);

  return {
    origin,
    url: `${origin}/#token=${token}`,
    host,
    port,
    token,
    transport,
    close: async () => {
      await transport.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
