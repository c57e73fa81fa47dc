// The contract over WebSocket (browser mode), attached to an existing http server so the page
// and the socket share one origin. An upgrade is accepted only from our own origin, on our own
// Host, with the per-start token; each socket is one Connection whose cleanups run on close.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { SnoopyError } from '../../errors';
import type { WireError } from '../contract/index';
import { createDispatcher } from '../dispatch';
import type { Handlers } from '../handlers';
import { createConnection } from './connection';
import { createOutbox, type OutboxLimits } from './outbox';
import { isAllowedOrigin } from './request-guards';
import { tokensEqual } from './token';
import {
  CLOSE_CODES,
  LIMITS,
  WS_PATH,
  WS_PROTOCOL,
  WS_TOKEN_PROTOCOL_PREFIX,
  requestFrameSchema,
  type RequestFrame,
} from './wire';

export interface WebSocketTransportOptions {
  handlers: Handlers;
  token: string;
  /**
   * Exact origins allowed to connect. Default: only the page's own origin, http://<Host>, where
   * Host has already passed isAllowedHost (so with a 127.0.0.1 bind: http://127.0.0.1:PORT).
   */
  allowedOrigins?: readonly string[];
  /** Host header check (DNS rebinding), shared with the HTTP side of the server. */
  isAllowedHost: (hostHeader: string | undefined) => boolean;
  maxRequestBytes?: number;
  outbox?: OutboxLimits;
  /** Where refusals and failures are reported; never given the token. */
  log?: (line: string) => void;
}

export interface WebSocketTransport {
  /** Open client connections right now. */
  readonly connections: number;
  /** Closes every socket (their cleanups run) and stops accepting upgrades. */
  close(): Promise<void>;
}

type Refusal = { status: 401 | 403 | 404; reason: string };

/** The token offered as a `snoopy.token.<token>` subprotocol, when there is exactly one. */
function offeredToken(protocolHeader: string | undefined): string | undefined {
  const offered = (protocolHeader ?? '').split(',').map((p) => p.trim());
  const tokens = offered.filter((p) => p.startsWith(WS_TOKEN_PROTOCOL_PREFIX));
  return tokens.length === 1 ? tokens[0]?.slice(WS_TOKEN_PROTOCOL_PREFIX.length) : undefined;
}

function refuse(socket: Duplex, { status, reason }: Refusal): void {
  const text = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`,
  );
}

export function attachWebSocketTransport(
  server: Server,
  options: WebSocketTransportOptions,
): WebSocketTransport {
  const log = options.log ?? (() => undefined);
  const dispatch = createDispatcher(options.handlers);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxRequestBytes ?? LIMITS.maxRequestBytes,
    // Echo only our protocol name: the token offered beside it must never be sent back.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
    perMessageDeflate: false,
  });
  let nextId = 0;

  const check = (req: IncomingMessage): Refusal | undefined => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== WS_PATH) return { status: 404, reason: 'no such endpoint' };
    if (!options.isAllowedHost(req.headers.host)) {
      return { status: 403, reason: 'Host not allowed: open the address Snoopy printed' };
    }
    const ownOrigin = `http://${req.headers.host ?? ''}`;
    if (!isAllowedOrigin(req.headers.origin, options.allowedOrigins ?? [ownOrigin])) {
      return { status: 403, reason: 'Origin not allowed: only the Snoopy page may connect' };
    }
    const token = offeredToken(req.headers['sec-websocket-protocol']);
    if (token === undefined || !tokensEqual(token, options.token)) {
      return { status: 401, reason: 'missing or invalid token: open the URL Snoopy printed' };
    }
    return undefined;
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const refusal = check(req);
    if (refusal) {
      // The reason names the failed check, never the offered or expected token.
      log(
        `websocket refused (${refusal.status}): ${refusal.reason}; origin=${req.headers.origin ?? '-'}`,
      );
      refuse(socket, refusal);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, `ws-${++nextId}`));
  };

  const serve = (ws: WebSocket, id: string): void => {
    const outbox = createOutbox(ws, options.outbox ?? LIMITS);
    const handle = createConnection(
      id,
      (event, payload) => outbox.send(JSON.stringify({ event, payload })),
      (err) => log(`cleanup of ${id} failed: ${String(err)}`),
    );
    let inFlight = 0;

    const reply = (
      frameId: RequestFrame['id'],
      result: { ok: true; value: unknown } | { ok: false; error: WireError },
    ): void => {
      outbox.send(JSON.stringify({ id: frameId, ...result }));
    };

    ws.on('message', (data: RawData, isBinary: boolean) => {
      let frame: RequestFrame;
      try {
        if (isBinary) throw new Error('binary frame');
        frame = requestFrameSchema.parse(JSON.parse(data.toString()));
      } catch {
        // Not our protocol: a client bug or a probe. Nothing to answer to (no usable id).
        ws.close(CLOSE_CODES.badFrame, 'expected a JSON request {id, method, input}');
        return;
      }
      if (inFlight >= LIMITS.maxInFlight) {
        const busy = new SnoopyError(
          'INTERNAL',
          `too many requests at once (more than ${LIMITS.maxInFlight})`,
          'Wait for earlier requests to finish before sending more.',
        );
        reply(frame.id, { ok: false, error: busy.toJSON() });
        return;
      }
      inFlight++;
      void dispatch(frame.method, frame.input, handle.connection).then((result) => {
        inFlight--;
        reply(frame.id, result);
      });
    });
    ws.on('close', () => handle.close());
    ws.on('error', (err) => log(`websocket ${id}: ${err.message}`));
  };

  server.on('upgrade', onUpgrade);

  return {
    get connections() {
      return wss.clients.size;
    },
    close: async () => {
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(CLOSE_CODES.goingAway, 'Snoopy is shutting down');
      // Sockets that do not finish the closing handshake promptly are cut.
      const deadline = Date.now() + 1000;
      while (wss.clients.size > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
