// A real http server with the WebSocket transport on loopback, and renderer clients over the ws
// package (it speaks the browser's WebSocket API and lets a test set the Origin header).
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import {
  attachWebSocketTransport,
  type WebSocketTransport,
} from '../../main/api/transports/ws-server';
import type { OutboxLimits } from '../../main/api/transports/outbox';
import {
  createWsClient,
  type WebSocketLike,
  type WsClientOptions,
} from '../../renderer/src/transport/ws-client';
import type { TransportClient } from '../../renderer/src/transport/types';
import { createFakeCore, type FakeCore } from './transport-fake-handlers';

export const TEST_TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuv';

export interface WsTestServer {
  core: FakeCore;
  server: Server;
  transport: WebSocketTransport;
  port: number;
  origin: string;
  url: string;
  logs: string[];
  client(options?: Partial<WsClientOptions>): TransportClient;
  /** Cuts every TCP connection under the clients' feet (a network drop). */
  dropAll(): void;
  close(): Promise<void>;
}

export function nodeSocket(origin: string): (url: string, protocols: string[]) => WebSocketLike {
  return (url, protocols) => new WebSocket(url, protocols, { origin }) as unknown as WebSocketLike;
}

export async function startWsTestServer(
  options: { outbox?: OutboxLimits; maxRequestBytes?: number } = {},
): Promise<WsTestServer> {
  const core = createFakeCore('browser');
  const server = createServer((_req, res) => res.writeHead(200).end('page'));
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const port = address.port;
  const logs: string[] = [];
  const transport = attachWebSocketTransport(server, {
    handlers: core.handlers,
    token: TEST_TOKEN,
    isAllowedHost: (host) => host === `127.0.0.1:${port}`,
    log: (line) => logs.push(line),
    ...options,
  });
  const origin = `http://127.0.0.1:${port}`;
  const clients: TransportClient[] = [];
  return {
    core,
    server,
    transport,
    port,
    origin,
    url: `ws://127.0.0.1:${port}/ws`,
    logs,
    client: (overrides = {}) => {
      const client = createWsClient({
        url: `ws://127.0.0.1:${port}/ws`,
        token: TEST_TOKEN,
        openSocket: nodeSocket(origin),
        backoff: { initialMs: 20, maxMs: 200 },
        ...overrides,
      });
      clients.push(client);
      return client;
    },
    dropAll: () => sockets.forEach((socket) => socket.destroy()),
    close: async () => {
      clients.forEach((c) => c.close());
      await transport.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

export function whenOpen(client: TransportClient): Promise<void> {
  if (client.status === 'open') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const off = client.onStatus((status, error) => {
      if (status === 'open') {
        off();
        resolve();
      } else if (status === 'unauthorized' || status === 'closed') {
        off();
        reject(new Error(`client ${status}: ${error?.message ?? ''}`));
      }
    });
  });
}
