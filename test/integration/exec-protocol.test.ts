// The remotecommand wire protocol itself, seen from a raw WebSocket client: which subprotocol is
// picked, what comes first and last, how each protocol words the status, and what is refused.
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SandboxApiError, type ExecRequest } from '../sandbox/contracts';
import { parseExecQuery } from '../sandbox/api/exec/index';
import { ResizeDecoder } from '../sandbox/api/exec/resize';
import { goJson } from '../sandbox/api/exec/status';
import { testPod } from '../sandbox/api/exec/testing/pods';
import { waitFor } from '../sandbox/api/exec/testing/wait';
import { useExecTestServer } from './helpers/exec-server';

interface Frame {
  binary: boolean;
  data: Buffer;
}

type Outcome =
  | { kind: 'open'; ws: WebSocket; protocol: string; frames: Frame[]; closed: Promise<number> }
  | { kind: 'refused'; status: number; contentType: string | undefined; body: string };

describe('pods/exec wire protocol', () => {
  const { kubelet, server } = useExecTestServer();

  function execUrl(pod: string, command: string[], flags: string): string {
    const cmd = command.map((c) => `command=${encodeURIComponent(c)}`).join('&');
    return `${server.url.replace('https', 'wss')}/api/v1/namespaces/default/pods/${pod}/exec?${cmd}&${flags}`;
  }

  function connect(url: string, protocols: string[]): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, protocols, {
        ca: server.caPem,
        headers: { Authorization: 'Bearer t' },
      });
      const frames: Frame[] = [];
      const closed = new Promise<number>((done) => ws.once('close', (code: number) => done(code)));
      ws.on('message', (data: Buffer, binary: boolean) => frames.push({ binary, data }));
      ws.once('open', () => resolve({ kind: 'open', ws, protocol: ws.protocol, frames, closed }));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () =>
          resolve({
            kind: 'refused',
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            body,
          }),
        );
      });
      ws.once('error', reject);
    });
  }

  async function opened(o: Promise<Outcome>): Promise<Extract<Outcome, { kind: 'open' }>> {
    const outcome = await o;
    if (outcome.kind !== 'open') throw new Error(`refused with ${outcome.status}: ${outcome.body}`);
    return outcome;
  }

  const channelFrames = (frames: Frame[], channel: number): Buffer[] =>
    frames.filter((f) => f.data[0] === channel).map((f) => f.data.subarray(1));

  it('picks v5 whenever the client offers it, wherever it is in the list', async () => {
    const s = await opened(
      connect(execUrl('p', ['true'], 'stdout=true'), ['v4.channel.k8s.io', 'v5.channel.k8s.io']),
    );
    expect(s.protocol).toBe('v5.channel.k8s.io');
    await s.closed;
  });

  it('sends an empty stdout frame first, the status last, then a normal close', async () => {
    const s = await opened(
      connect(execUrl('p', ['echo', 'hi'], 'stdout=true&stderr=true'), ['v5.channel.k8s.io']),
    );
    expect(await s.closed).toBe(1000);
    expect(s.frames.map((f) => [...f.data])).toEqual([
      [1],
      [1, ...Buffer.from('hi\n')],
      [3, ...Buffer.from('{"metadata":{},"status":"Success"}')],
    ]);
    expect(s.frames.every((f) => f.binary)).toBe(true);
  });

  it('answers the client’s keep-alive pings', async () => {
    const s = await opened(
      connect(execUrl('p', ['cat'], 'stdin=true&stdout=true'), ['v5.channel.k8s.io']),
    );
    const pong = new Promise<Buffer>((resolve) => s.ws.once('pong', resolve));
    s.ws.ping(Buffer.from('heartbeat'));
    expect((await pong).toString()).toBe('heartbeat');
    s.ws.send(Buffer.from([255, 0]));
    expect(await s.closed).toBe(1000);
  });

  it('sends the first empty frame on the error channel when no output was asked for', async () => {
    const s = await opened(connect(execUrl('p', ['cat'], 'stdin=true'), ['v5.channel.k8s.io']));
    await waitFor(() => s.frames.length > 0);
    expect([...(s.frames[0]?.data ?? [])]).toEqual([3]);
    s.ws.send(Buffer.from([255, 0]));
    expect(await s.closed).toBe(1000);
  });

  it('words a v4 exit status as the kubelet (containerd) does, as JSON', async () => {
    const s = await opened(
      connect(execUrl('p', ['sh', '-c', 'exit 3'], 'stdout=true'), ['v4.channel.k8s.io']),
    );
    expect(s.protocol).toBe('v4.channel.k8s.io');
    expect(await s.closed).toBe(1000);
    const [status] = channelFrames(s.frames, 3);
    expect(status?.toString()).toBe(
      '{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}',
    );
  });

  it('writes nothing on success and only the message text on failure under channel.k8s.io', async () => {
    const ok = await opened(connect(execUrl('p', ['true'], 'stdout=true'), ['channel.k8s.io']));
    await ok.closed;
    expect(channelFrames(ok.frames, 3)).toEqual([]);

    const bad = await opened(
      connect(execUrl('p', ['sh', '-c', 'exit 4'], 'stdout=true'), ['channel.k8s.io']),
    );
    await bad.closed;
    expect(channelFrames(bad.frames, 3).map(String)).toEqual([
      'command terminated with non-zero exit code: error executing command [sh -c exit 4], exit code 4',
    ]);
  });

  it('speaks base64.channel.k8s.io in text frames: channel digit, then base64', async () => {
    const s = await opened(
      connect(execUrl('p', ['cat'], 'stdin=true&stdout=true'), ['base64.channel.k8s.io']),
    );
    expect(s.protocol).toBe('base64.channel.k8s.io');
    s.ws.send('0' + Buffer.from([0, 255, 10]).toString('base64'));
    await waitFor(() => s.frames.length >= 2);
    s.ws.close(); // no half-close before v5: the client closes, as client-node does
    await s.closed;
    expect(s.frames.slice(0, 2)).toEqual([
      { binary: false, data: Buffer.from('1') },
      { binary: false, data: Buffer.from('1' + Buffer.from([0, 255, 10]).toString('base64')) },
    ]);
  });

  it('refuses subprotocols the kubelet does not know with a bare 403, starting nothing', async () => {
    const before = kubelet.execs.length;
    const outcome = await connect(execUrl('p', ['true'], 'stdout=true'), [
      'v3.channel.k8s.io',
      'v2.channel.k8s.io',
    ]);
    expect(outcome).toMatchObject({ kind: 'refused', status: 403, body: '' });
    expect(kubelet.execs.length).toBe(before);
  });

  it('answers a kubelet refusal on the proxied (pre-v5) path with its plain-text 500, before upgrading', async () => {
    const outcome = await connect(execUrl('crashing', ['true'], 'stdout=true'), [
      'v4.channel.k8s.io',
    ]);
    expect(outcome).toEqual({
      kind: 'refused',
      status: 500,
      contentType: 'text/plain; charset=utf-8',
      body: 'container not found ("main")',
    });
  });

  it('reports a kubelet refusal in-band on v5, after the upgrade', async () => {
    const s = await opened(
      connect(execUrl('crashing', ['true'], 'stdout=true'), ['v5.channel.k8s.io']),
    );
    expect(await s.closed).toBe(1000);
    expect(JSON.parse(String(channelFrames(s.frames, 3)[0]))).toEqual({
      metadata: {},
      status: 'Failure',
      message:
        'Internal error occurred: unable to upgrade connection: container not found ("main")',
      reason: 'InternalError',
      details: {
        causes: [{ message: 'unable to upgrade connection: container not found ("main")' }],
      },
      code: 500,
    });
  });

  it('closes the connection and ends the process on a malformed close signal', async () => {
    const before = kubelet.execs.length;
    const s = await opened(
      connect(execUrl('p', ['cat'], 'stdin=true&stdout=true'), ['v5.channel.k8s.io']),
    );
    const record = await waitFor(() => kubelet.execs[before]);
    s.ws.send(Buffer.from([255]));
    expect(await s.closed).toBe(1000);
    expect(await record.exited).toEqual({ exitCode: null, signal: 'SIGKILL' });
    expect(channelFrames(s.frames, 3)).toEqual([]);
  });

  it('ignores a [255, 0] frame under v4, which has no close signal', async () => {
    const s = await opened(
      connect(execUrl('p', ['cat'], 'stdin=true&stdout=true'), ['v4.channel.k8s.io']),
    );
    s.ws.send(Buffer.from([255, 0]));
    s.ws.send(Buffer.from([0, ...Buffer.from('still open\n')]));
    await waitFor(() => channelFrames(s.frames, 1).some((b) => b.toString() === 'still open\n'));
    s.ws.close();
    await s.closed;
  });

  /** An upgrade request by hand, for what ws's client will not send (POST, SPDY). */
  function rawUpgrade(
    pod: string,
    method: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${server.url}/api/v1/namespaces/default/pods/${pod}/exec?command=true&stdout=true`,
        {
          method,
          ca: server.caPem,
          headers: { Authorization: 'Bearer t', Connection: 'Upgrade', ...headers },
        },
      );
      req.once('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.once('upgrade', (_res, socket) => {
        socket.destroy();
        reject(new Error('upgraded'));
      });
      req.once('error', reject);
      req.end();
    });
  }

  it('refuses a WebSocket upgrade by POST with 405, as the Go server does, starting nothing', async () => {
    const before = kubelet.execs.length;
    const outcome = await rawUpgrade('p', 'POST', {
      Upgrade: 'websocket',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Protocol': 'v5.channel.k8s.io',
    });
    expect(outcome.status).toBe(405);
    expect(kubelet.execs.length).toBe(before);
  });

  it('answers a SPDY fallback with the kubelet error when there is one, else a loud 400', async () => {
    const spdy = { Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v4.channel.k8s.io' };
    expect(await rawUpgrade('crashing', 'POST', spdy)).toEqual({
      status: 500,
      body: 'container not found ("main")',
    });
    const refused = await rawUpgrade('p', 'POST', spdy);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      code: 400,
    });
    expect(JSON.parse(refused.body).message).toContain('SPDY/3.1 is not supported');
  });
});

describe('parseExecQuery', () => {
  const url = (query: string): URL =>
    new URL(`https://x/api/v1/namespaces/default/pods/p/exec?${query}`);
  const one = testPod('p', [{ name: 'main' }]);
  const two = testPod('p', [{ name: 'a' }, { name: 'b' }]);

  it('defaults to the only container and reads booleans as the API server does', () => {
    expect(
      parseExecQuery(url('command=ls&command=-l&stdout=true&stderr=&stdin=False'), one),
    ).toEqual<ExecRequest>({
      container: 'main',
      command: ['ls', '-l'],
      stdin: false,
      stdout: true,
      stderr: true,
      tty: false,
    });
  });

  it('drops stderr under a tty, as the kubelet does', () => {
    expect(parseExecQuery(url('command=sh&stdin=1&stdout=1&stderr=1&tty=1'), one)).toMatchObject({
      stderr: false,
      tty: true,
    });
  });

  it('asks for a container name when the pod has several', () => {
    const err = parseExecQuery(url('command=ls&stdout=true'), two);
    expect(err).toBeInstanceOf(SandboxApiError);
    expect(err).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: 'a container name must be specified for pod p, choose one of: [a b]',
    });
  });

  it('refuses unknown containers, missing streams and missing commands', () => {
    expect(parseExecQuery(url('command=ls&stdout=1&container=c'), two)).toMatchObject({
      code: 400,
      message: 'container c is not valid for pod p',
    });
    expect(parseExecQuery(url('command=ls'), one)).toMatchObject({
      message: 'you must specify at least 1 of stdin, stdout, stderr',
    });
    expect(parseExecQuery(url('stdout=1'), one)).toMatchObject({ code: 400 });
  });
});

describe('resize channel decoding', () => {
  it('reads JSON values split across and packed into frames, names in any case', () => {
    const d = new ResizeDecoder();
    expect(d.push(Buffer.from('{"Width":80,'))).toEqual([]);
    expect(d.push(Buffer.from('"Height":24}\n{"height":5,"width":6}'))).toEqual([
      { width: 80, height: 24 },
      { width: 6, height: 5 },
    ]);
  });

  it('stops at the first value that does not decode, as Go’s decoder loop does', () => {
    const d = new ResizeDecoder();
    expect(d.push(Buffer.from('{"Width":-1,"Height":2}{"Width":1,"Height":2}'))).toEqual([]);
    expect(d.push(Buffer.from('{"Width":1,"Height":2}'))).toEqual([]);
  });
});

describe('status JSON', () => {
  it('escapes like encoding/json', () => {
    expect(goJson({ message: 'a<b>&c' })).toBe('{"message":"a\\u003cb\\u003e\\u0026c"}');
  });
});
