// Who may open the WebSocket: only our own page (Origin), on our own address (Host), with the
// per-start token; and what a connected client may send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tokensEqual } from '../../main/api/transports/token';
import { startWsTestServer, TEST_TOKEN, type WsTestServer } from './transport-ws-harness';

type Outcome =
  | { opened: true; protocol: string; ws: WebSocket }
  | { opened: false; status: number | undefined; body: string };

function connect(
  url: string,
  protocols: string[],
  headers: Record<string, string>,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('open', () => resolve({ opened: true, protocol: ws.protocol, ws }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ opened: false, status: res.statusCode, body }));
    });
    ws.on('error', () => resolve({ opened: false, status: undefined, body: '' }));
  });
}

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

describe('the WebSocket handshake', () => {
  let t: WsTestServer;
  let good: Record<string, string>;
  const protocols = (token = TEST_TOKEN) => ['snoopy.v1', `snoopy.token.${token}`];
  beforeAll(async () => {
    t = await startWsTestServer({ maxRequestBytes: 64 * 1024 });
    good = { origin: t.origin, host: `127.0.0.1:${t.port}` };
  });
  afterAll(() => t.close());

  it('opens for our page with the token, and echoes only the protocol name (never the token)', async () => {
    const outcome = await connect(t.url, protocols(), good);
    expect(outcome.opened).toBe(true);
    if (outcome.opened) {
      expect(outcome.protocol).toBe('snoopy.v1');
      outcome.ws.close();
    }
  });

  it('refuses a connection without the token with 401', async () => {
    expect(await connect(t.url, ['snoopy.v1'], good)).toMatchObject({ opened: false, status: 401 });
    expect(await connect(t.url, [], good)).toMatchObject({ opened: false, status: 401 });
  });

  it('refuses a wrong token, a token prefix and a token with extra characters with 401', async () => {
    for (const token of [
      'wrong',
      TEST_TOKEN.slice(0, -1),
      `${TEST_TOKEN}x`,
      TEST_TOKEN.toUpperCase(),
    ]) {
      expect(await connect(t.url, protocols(token), good)).toMatchObject({
        opened: false,
        status: 401,
      });
    }
  });

  it('refuses two offered tokens (one right, one wrong)', async () => {
    const outcome = await connect(t.url, [...protocols(), 'snoopy.token.other'], good);
    expect(outcome).toMatchObject({ opened: false, status: 401 });
  });

  it('does not accept the token in the URL', async () => {
    expect(await connect(`${t.url}?token=${TEST_TOKEN}`, ['snoopy.v1'], good)).toMatchObject({
      opened: false,
      status: 401,
    });
  });

  it.each([
    ['a foreign site', 'https://evil.example'],
    ['a look-alike host', `http://127.0.0.1:${0}.evil.example`],
    ['another port on loopback', 'http://127.0.0.1:1'],
    ['localhost instead of 127.0.0.1', 'http://localhost'],
    ['an opaque origin', 'null'],
    ['a file page', 'file://'],
  ])('refuses an Origin of %s with 403, even with the token', async (_what, origin) => {
    const outcome = await connect(t.url, protocols(), { ...good, origin });
    expect(outcome).toMatchObject({ opened: false, status: 403 });
  });

  it('refuses a handshake without an Origin', async () => {
    expect(await connect(t.url, protocols(), { host: good.host as string })).toMatchObject({
      opened: false,
      status: 403,
    });
  });

  it('refuses a Host other than the bound address (DNS rebinding) with 403', async () => {
    for (const host of [
      `evil.example:${t.port}`,
      `localhost:${t.port}`,
      `127.0.0.1:${t.port + 1}`,
    ]) {
      const outcome = await connect(t.url, protocols(), { host, origin: `http://${host}` });
      expect(outcome, host).toMatchObject({ opened: false, status: 403 });
    }
  });

  it('answers other paths with 404', async () => {
    const outcome = await connect(`ws://127.0.0.1:${t.port}/other`, protocols(), good);
    expect(outcome).toMatchObject({ opened: false, status: 404 });
  });

  it('never writes the token to its log', () => {
    expect(t.logs.length).toBeGreaterThan(5);
    expect(t.logs.join('\n')).not.toContain(TEST_TOKEN);
  });

  it('closes a socket that sends a frame over the size cap (1009)', async () => {
    const outcome = await connect(t.url, protocols(), good);
    if (!outcome.opened) throw new Error('not opened');
    const done = closed(outcome.ws);
    outcome.ws.send(
      JSON.stringify({ id: 1, method: 'app.info', input: { pad: 'x'.repeat(100 * 1024) } }),
    );
    expect((await done).code).toBe(1009);
  });

  it('closes a socket that sends something other than a request (4400)', async () => {
    for (const frame of [
      'not json',
      JSON.stringify({ method: 'app.info' }),
      JSON.stringify([1, 2]),
    ]) {
      const outcome = await connect(t.url, protocols(), good);
      if (!outcome.opened) throw new Error('not opened');
      const done = closed(outcome.ws);
      outcome.ws.send(frame);
      expect(await done).toMatchObject({ code: 4400 });
    }
  });
});

describe('the token comparison', () => {
  it('is exact, whatever the lengths', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abd', 'abc')).toBe(false);
    expect(tokensEqual('ab', 'abc')).toBe(false);
    expect(tokensEqual('', '')).toBe(false);
  });
});

describe('backpressure', () => {
  it('holds events for a slow reader and delivers every one, in order', async () => {
    const t = await startWsTestServer({
      outbox: { highWaterBytes: 64 * 1024, maxQueuedBytes: 64 * 1024 * 1024 },
    });
    try {
      const outcome = await connect(t.url, ['snoopy.v1', `snoopy.token.${TEST_TOKEN}`], {
        origin: t.origin,
      });
      if (!outcome.opened) throw new Error('not opened');
      const { ws } = outcome;
      const received: number[] = [];
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as {
          id?: number;
          event?: string;
          payload?: { removed: string[] };
        };
        const first = frame.payload?.removed[0];
        if (first) received.push(Number(first.split(':')[0]));
      });
      ws.send(
        JSON.stringify({ id: 1, method: 'pods.watch', input: { context: 'a', namespaces: [] } }),
      );
      await new Promise((r) => setTimeout(r, 50));
      ws.pause();
      const [watchId] = [...t.core.watches.keys()];
      t.core.flood(watchId as string, 200, 50_000); // 10 MB while the reader is paused
      ws.resume();
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (received.length >= 200) {
            clearInterval(check);
            resolve();
          }
        }, 10);
      });
      expect(received).toEqual(Array.from({ length: 200 }, (_, i) => i));
      ws.close();
    } finally {
      await t.close();
    }
  });

  it('disconnects a reader that falls too far behind, with a clear reason, instead of dropping events', async () => {
    const t = await startWsTestServer({
      outbox: { highWaterBytes: 64 * 1024, maxQueuedBytes: 1024 * 1024 },
    });
    try {
      const outcome = await connect(t.url, ['snoopy.v1', `snoopy.token.${TEST_TOKEN}`], {
        origin: t.origin,
      });
      if (!outcome.opened) throw new Error('not opened');
      const { ws } = outcome;
      ws.send(
        JSON.stringify({ id: 1, method: 'pods.watch', input: { context: 'a', namespaces: [] } }),
      );
      await new Promise((r) => setTimeout(r, 50));
      ws.pause();
      const [watchId] = [...t.core.watches.keys()];
      const done = closed(ws);
      t.core.flood(watchId as string, 400, 50_000); // 20 MB: more than kernel buffers plus 1 MiB
      ws.resume();
      const { code, reason } = await done;
      expect(code).toBe(4008);
      expect(reason).toMatch(/client too slow/);
      await new Promise((r) => setTimeout(r, 50));
      expect(t.core.cleanedUp).toEqual([watchId]);
    } finally {
      await t.close();
    }
  });
});
