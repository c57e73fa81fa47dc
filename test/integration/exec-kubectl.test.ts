// The real kubectl 1.32 against the pods/exec endpoint: it must not be able to tell it from a
// real cluster, and must never need its SPDY fallback when the exec is possible.
import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../sandbox/api/exec/testing/wait';
import { useExecTestServer } from './helpers/exec-server';

const PTY_DRIVER = fileURLToPath(
  new URL('../sandbox/api/exec/testing/pty-driver.py', import.meta.url),
);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('pods/exec with the real kubectl', () => {
  const { kubelet, server } = useExecTestServer();

  const env = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    KUBECONFIG: server.kubeconfigPath,
    HOME: server.home,
  });

  function kubectl(args: string[], input?: string): Promise<Run> {
    return new Promise((resolve) => {
      const child = execFile('kubectl', args, { env: env() }, (err, stdout, stderr) => {
        const code = err ? Number((err as { code?: unknown }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      });
      if (input !== undefined) child.stdin?.end(input);
    });
  }

  /** Upgrades since `from` that were not plain WebSocket GETs (a SPDY fallback, say). */
  const nonWebSocketUpgradesSince = (from: number): unknown[] =>
    server.upgrades.slice(from).filter((u) => u.method !== 'GET' || u.upgrade !== 'websocket');

  it('prints the output of `kubectl exec p -- echo hi` and exits 0', async () => {
    const before = server.upgrades.length;
    const run = await kubectl(['exec', 'p', '--', 'echo', 'hi']);
    expect(run).toEqual({ code: 0, stdout: 'hi\n', stderr: '' });
    expect(nonWebSocketUpgradesSince(before)).toEqual([]);
  });

  it('exits with the command exit code and prints kubectl’s own message for it', async () => {
    const run = await kubectl(['exec', 'p', '--', 'sh', '-c', 'echo oops >&2; exit 3']);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe('oops\ncommand terminated with exit code 3\n');
  });

  it('round-trips piped stdin with `exec -i`, and the end of input ends the command', async () => {
    const before = server.upgrades.length;
    const input = 'first line\nsecond line\n'.repeat(1000);
    const run = await kubectl(['exec', '-i', 'p', '--', 'cat'], input);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(input);
    expect(nonWebSocketUpgradesSince(before)).toEqual([]);
  });

  it('delivers the terminal size and its changes under `exec -it` to ExecProcess.resize', async () => {
    const before = kubelet.execs.length;
    const driver = spawn(
      'python3',
      [
        PTY_DRIVER,
        'kubectl',
        'exec',
        '-it',
        'p',
        '--',
        'sh',
        '-c',
        'echo ready; read answer; echo "bye $answer"',
      ],
      { env: { ...env(), PTY_COLS: '100', PTY_ROWS: '30' }, stdio: ['pipe', 'ignore', 'pipe'] },
    );
    let screen = '';
    driver.stderr.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
    const exitCode = new Promise<number | null>((resolve) => driver.once('close', resolve));

    const record = await waitFor(() => kubelet.execs[before]);
    expect(record.request).toMatchObject({ tty: true, stdin: true, stdout: true, stderr: false });
    await waitFor(() => screen.includes('ready'));
    await waitFor(() => record.resizes.length >= 1);
    expect(record.resizes[0]).toEqual({ cols: 100, rows: 30 });

    driver.stdin.write('resize 132 43\n');
    await waitFor(() => record.resizes.some((r) => r.cols === 132 && r.rows === 43));

    driver.stdin.end('type done\n');
    expect(await exitCode).toBe(0);
    expect(screen).toContain('bye done');
  });

  it('fails with kubectl’s abnormal-closure error when the stream is severed', async () => {
    const before = kubelet.execs.length;
    const child = spawn('kubectl', ['exec', '-i', 'p', '--', 'cat'], { env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exitCode = new Promise<number | null>((resolve) => child.once('close', resolve));
    child.stdin.write('ping\n');
    await waitFor(() => stdout === 'ping\n'); // the stream is up end to end

    expect(server.registry.severAll({ namespace: 'default', pod: 'p' })).toBe(1);
    expect(await exitCode).toBe(1);
    expect(stderr).toContain(
      'error: error reading from error stream: next reader: websocket: close 1006 (abnormal closure): unexpected EOF',
    );
    expect(await kubelet.execs[before]?.exited).toEqual({ exitCode: null, signal: 'SIGKILL' });
  });

  it('reports a container that is not running as a 1.30+ cluster does, without a SPDY retry', async () => {
    const before = server.upgrades.length;
    const run = await kubectl(['exec', 'crashing', '--', 'echo', 'hi']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: Internal error occurred: unable to upgrade connection: container not found ("main")\n',
    );
    expect(nonWebSocketUpgradesSince(before)).toEqual([]);
  });

  it('refuses a container the pod does not have before upgrading, so kubectl retries over SPDY and shows the 400', async () => {
    const before = server.upgrades.length;
    const run = await kubectl(['exec', 'p', '-c', 'nope', '--', 'echo', 'hi']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'Error from server (BadRequest): container nope is not valid for pod p\n',
    );
    // Exactly what kubectl does against a real cluster: WebSocket refused, SPDY tried, refused.
    expect(server.upgrades.slice(before).map((u) => `${u.method} ${u.upgrade}`)).toEqual([
      'GET websocket',
      'POST SPDY/3.1',
    ]);
  });
});
