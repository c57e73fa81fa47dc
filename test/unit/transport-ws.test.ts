import { describe, expect, it, vi } from 'vitest';
import { contractSuite } from './transport-contract-suite';
import { startWsTestServer, whenOpen } from './transport-ws-harness';

contractSuite('the WebSocket transport', async () => {
  const t = await startWsTestServer();
  return {
    core: t.core,
    connect: async () => {
      const client = t.client();
      await whenOpen(client);
      return { client, close: () => client.close() };
    },
    dispose: () => t.close(),
  };
});

describe('the WebSocket client', () => {
  it('queues calls made before the socket opens and sends them once it does', async () => {
    const t = await startWsTestServer();
    try {
      const client = t.client();
      expect(client.status).toBe('connecting');
      await expect(client.call('app.info', {})).resolves.toMatchObject({ transport: 'browser' });
    } finally {
      await t.close();
    }
  });

  it('reconnects with backoff after the server drops it, and says so', async () => {
    const t = await startWsTestServer();
    try {
      const client = t.client();
      await whenOpen(client);
      const statuses: string[] = [];
      client.onStatus((s) => statuses.push(s));
      const reconnected = vi.fn();
      client.onReconnected(reconnected);
      const { watchId } = await client.call('pods.watch', { context: 'a', namespaces: [] });
      t.dropAll(); // the link breaks under the client
      await vi.waitFor(() => expect(reconnected).toHaveBeenCalledOnce());
      expect(statuses).toEqual(['reconnecting', 'open']);
      // The server side of the old link ended: its watch was cleaned up.
      await vi.waitFor(() => expect(t.core.cleanedUp).toEqual([watchId]));
      await expect(client.call('app.info', {})).resolves.toMatchObject({ version: '0.0.0-test' });
    } finally {
      await t.close();
    }
  });

  it('fails a call that gets no answer in time with a transport error', async () => {
    const t = await startWsTestServer();
    try {
      t.core.handlers['app.info'] = () => new Promise(() => undefined);
      const client = t.client({ requestTimeoutMs: 100 });
      await whenOpen(client);
      await expect(client.call('app.info', {})).rejects.toMatchObject({
        name: 'SnoopyError',
        code: 'TRANSPORT_CLOSED',
        message: expect.stringContaining('no answer to app.info'),
      });
    } finally {
      await t.close();
    }
  });

  it('fails calls in flight when the link drops, instead of leaving them hanging', async () => {
    const t = await startWsTestServer();
    try {
      t.core.handlers['app.info'] = () => new Promise(() => undefined);
      const client = t.client();
      await whenOpen(client);
      const call = client.call('app.info', {});
      await new Promise((r) => setTimeout(r, 20));
      t.dropAll();
      await expect(call).rejects.toMatchObject({
        code: 'TRANSPORT_CLOSED',
        message: expect.stringContaining('lost the connection'),
      });
    } finally {
      await t.close();
    }
  });

  it('without a token is unauthorized at once and explains how to get one', async () => {
    const t = await startWsTestServer();
    try {
      const client = t.client({ token: undefined });
      expect(client.status).toBe('unauthorized');
      expect(client.error?.message).toBe('missing or invalid token — open the URL Snoopy printed');
      await expect(client.call('app.info', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      expect(t.transport.connections).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('with a refused token stops retrying and reports the token, when the server is up', async () => {
    const t = await startWsTestServer();
    try {
      const client = t.client({
        token: 'stale-token-from-an-earlier-start-xxxxxxxx',
        serverIsUp: async () => true,
      });
      await vi.waitFor(() => expect(client.status).toBe('unauthorized'));
      expect(client.error?.code).toBe('UNAUTHORIZED');
      expect(client.error?.message).toContain('missing or invalid token');
    } finally {
      await t.close();
    }
  });

  it('keeps retrying while the server is down', async () => {
    const t = await startWsTestServer();
    const url = t.url;
    await t.close();
    const { createWsClient } = await import('../../renderer/src/transport/ws-client');
    const { nodeSocket } = await import('./transport-ws-harness');
    const client = createWsClient({
      url,
      token: 'whatever-token-xxxxxxxxxxxxxxxx',
      openSocket: nodeSocket('http://127.0.0.1'),
      backoff: { initialMs: 10, maxMs: 20 },
      serverIsUp: async () => false,
    });
    const seen: string[] = [];
    client.onStatus((s) => seen.push(s));
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(3));
    expect(new Set(seen)).toEqual(new Set(['reconnecting']));
    client.close();
    expect(client.status).toBe('closed');
  });
});
