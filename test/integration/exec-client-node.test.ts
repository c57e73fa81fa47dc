// @kubernetes/client-node 1.4's Exec against the pods/exec endpoint: binary-safe output, exit
// codes on the status channel, v5 stdin half-close, resizes, backpressure, and lost sockets.
import { Exec, KubeConfig, type V1Status } from '@kubernetes/client-node';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeKubelet } from '../sandbox/api/exec/testing/fake-kubelet';
import { startExecTestServer, type ExecTestServer } from '../sandbox/api/exec/testing/mini-server';
import { testPod } from '../sandbox/api/exec/testing/pods';
import { waitFor } from '../sandbox/api/exec/testing/wait';

class Collector extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    done();
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** A stdout that client-node treats as a terminal: it has rows, columns and 'resize' events. */
class FakeTerminal extends Collector {
  rows = 40;
  columns = 120;
}

interface Session {
  ws: WebSocket;
  stdout: Collector;
  stderr: Collector;
  status: Promise<V1Status>;
  closed: Promise<number>;
}

describe('pods/exec with @kubernetes/client-node Exec', () => {
  const kubelet = new FakeKubelet();
  let server: ExecTestServer;
  let exec: Exec;
  let dataDir: string;

  beforeAll(async () => {
    server = await startExecTestServer({ kubelet, pods: [testPod('p', [{ name: 'main' }])] });
    const kc = new KubeConfig();
    kc.loadFromFile(server.kubeconfigPath);
    exec = new Exec(kc);
    dataDir = await mkdtemp(join(tmpdir(), 'snoopy-exec-data-'));
  });
  afterEach(() => kubelet.killAll());
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(
    command: string[],
    opts: { stdin?: PassThrough; stdout?: Collector; tty?: boolean } = {},
  ): Promise<Session> {
    const stdout = opts.stdout ?? new Collector();
    const stderr = new Collector();
    let onStatus: (s: V1Status) => void = () => undefined;
    const status = new Promise<V1Status>((resolve) => (onStatus = resolve));
    const ws = (await exec.exec(
      'default',
      'p',
      'main',
      command,
      stdout,
      stderr,
      opts.stdin ?? null,
      opts.tty ?? false,
      onStatus,
    )) as unknown as WebSocket;
    const closed = new Promise<number>((resolve) =>
      ws.once('close', (code: number) => resolve(code)),
    );
    return { ws, stdout, stderr, status, closed };
  }

  async function fileWith(name: string, data: Buffer): Promise<string> {
    const path = join(dataDir, name);
    await writeFile(path, data);
    return path;
  }

  const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

  it('negotiates v5.channel.k8s.io', async () => {
    const s = await start(['true']);
    expect(s.ws.protocol).toBe('v5.channel.k8s.io');
    await s.status;
  });

  it('delivers stdout containing every byte value 0..255 unchanged', async () => {
    const everyByte = Buffer.from(Array.from({ length: 256 * 4 }, (_, i) => i % 256));
    const s = await start(['cat', await fileWith('every-byte', everyByte)]);
    expect(await s.status).toEqual({ metadata: {}, status: 'Success' });
    expect(s.stdout.bytes.equals(everyByte)).toBe(true);
  });

  it('delivers a 5 MB output unchanged and in order', async () => {
    const payload = randomBytes(5 * 1024 * 1024);
    const s = await start(['cat', await fileWith('five-mb', payload)]);
    expect((await s.status).status).toBe('Success');
    expect(s.stdout.bytes.length).toBe(payload.length);
    expect(sha(s.stdout.bytes)).toBe(sha(payload));
  });

  it('keeps stderr on its own channel', async () => {
    const s = await start(['sh', '-c', 'echo out; echo err >&2']);
    await s.status;
    expect(s.stdout.bytes.toString()).toBe('out\n');
    expect(s.stderr.bytes.toString()).toBe('err\n');
  });

  it('reports a non-zero exit code on the status channel as the v5 API server words it', async () => {
    const s = await start(['sh', '-c', 'exit 7']);
    expect(await s.status).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: command terminated with exit code 7',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '7' }] },
    });
  });

  it('ends the process’s stdin when the client half-closes stdin (v5 close signal)', async () => {
    const stdin = new PassThrough();
    const s = await start(['cat'], { stdin });
    stdin.write('abc');
    stdin.end('def');
    expect((await s.status).status).toBe('Success');
    expect(s.stdout.bytes.toString()).toBe('abcdef');
    expect(await s.closed).toBe(1000);
  });

  it('round-trips 8 MB of stdin through a process that reads slower than the client sends', async () => {
    const payload = randomBytes(8 * 1024 * 1024);
    const stdin = new PassThrough();
    const s = await start(['cat'], { stdin });
    stdin.end(payload);
    expect((await s.status).status).toBe('Success');
    expect(sha(s.stdout.bytes)).toBe(sha(payload));
  });

  it('passes client-node’s resizes (lowercase JSON) to ExecProcess.resize', async () => {
    const stdin = new PassThrough();
    const terminal = new FakeTerminal();
    const before = kubelet.execs.length;
    const s = await start(['cat'], { stdin, stdout: terminal, tty: true });
    const record = await waitFor(() => kubelet.execs[before]);
    await waitFor(() => record.resizes.length === 1);
    expect(record.resizes[0]).toEqual({ cols: 120, rows: 40 });

    terminal.columns = 90;
    terminal.rows = 20;
    terminal.emit('resize');
    await waitFor(() => record.resizes.length === 2);
    expect(record.resizes[1]).toEqual({ cols: 90, rows: 20 });

    stdin.end();
    expect((await s.status).status).toBe('Success');
  });

  it('pauses the process output while the client is not reading, and loses nothing', async () => {
    const payload = randomBytes(32 * 1024 * 1024);
    const before = kubelet.execs.length;
    const s = await start(['cat', await fileWith('thirty-two-mb', payload)]);
    s.ws.pause();
    const record = await waitFor(() => kubelet.execs[before]);
    await waitFor(() => record.process.stdout?.isPaused());
    s.ws.resume();
    expect((await s.status).status).toBe('Success');
    expect(sha(s.stdout.bytes)).toBe(sha(payload));
  });

  it('shows a severed stream to the client as an abnormal close and kills the process', async () => {
    const stdin = new PassThrough();
    const before = kubelet.execs.length;
    const s = await start(['cat'], { stdin });
    const record = await waitFor(() => kubelet.execs[before]);

    expect(server.registry.severAll({ namespace: 'default', pod: 'p' })).toBe(1);
    expect(await s.closed).toBe(1006);
    expect(await record.exited).toEqual({ exitCode: null, signal: 'SIGKILL' });
    expect(server.registry.severAll()).toBe(0);
  });

  it('kills the process when the client disappears mid-command', async () => {
    const stdin = new PassThrough();
    const before = kubelet.execs.length;
    const s = await start(['cat'], { stdin });
    const record = await waitFor(() => kubelet.execs[before]);
    s.ws.terminate();
    expect(await record.exited).toEqual({ exitCode: null, signal: 'SIGKILL' });
    expect(record.kills).toHaveLength(1);
  });
});
