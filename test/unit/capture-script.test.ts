// The agent's capture commands run for real here (tcpdump on this machine's loopback, the test's
// own network namespace), under GNU sh and busybox sh: start, stat, stream from an offset until
// tcpdump ends, stop, keep-alives on stderr only, and argv validation.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CAPTURE_SCRIPT } from '../../main/capture/capture-script';

const run = promisify(execFile);
const spool = mkdtempSync(join(tmpdir(), 'snoopy-spool-'));
afterAll(() => rmSync(spool, { recursive: true, force: true }));

const canCapture =
  process.getuid?.() === 0 &&
  spawnSync('sh', ['-c', 'command -v tcpdump && command -v nsenter && command -v setsid'])
    .status === 0;
const shells = [
  ['sh'],
  ...(spawnSync('busybox', ['true']).status === 0 ? [['busybox', 'sh']] : []),
];

function script(shell: string[], args: string[]): Promise<{ stdout: string; stderr: string }> {
  const [cmd = 'sh', ...pre] = shell;
  return run(cmd, [...pre, '-c', CAPTURE_SCRIPT, 'capture', ...args], {
    env: { ...process.env, SNOOPY_SPOOL: spool },
    encoding: 'latin1',
    maxBuffer: 64 << 20,
  });
}

function failure(shell: string[], args: string[]): Promise<{ code: number; stderr: string }> {
  return script(shell, args).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
}

describe.each(shells)('capture script under %s', (...shell) => {
  const id = `t-${shell.join('')}`;

  it.skipIf(!canCapture)(
    'captures, streams from an offset until tcpdump ends, and reports stats',
    async () => {
      await script(shell, ['start', id, String(process.pid), '--', '-i', 'lo', '-n', '--', 'icmp']);
      spawnSync('ping', ['-c', '3', '-i', '0.2', '127.0.0.1']);
      const stat = await script(shell, ['stat', id]);
      expect(stat.stdout).toMatch(/running=yes/);
      // A follower from 0 and one from 24 (after the pcap header), ended by the stop below.
      const [cmd = 'sh', ...pre] = shell;
      const follower = spawn(
        cmd,
        [...pre, '-c', CAPTURE_SCRIPT, 'capture', 'stream', id, '24', '1'],
        {
          env: { ...process.env, SNOOPY_SPOOL: spool },
        },
      );
      const got: Buffer[] = [];
      let stderr = '';
      follower.stdout.on('data', (d: Buffer) => got.push(d));
      follower.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await new Promise((r) => setTimeout(r, 1600));
      const stopped = await script(shell, ['stop', id]);
      expect(stopped.stdout).toMatch(/running=no/);
      expect(stopped.stdout).toMatch(/captured=\d+/);
      expect(stopped.stdout).toMatch(/dropped=0/);
      const code =
        follower.exitCode ?? (await new Promise<number | null>((r) => follower.once('exit', r)));
      expect(code).toBe(0);
      const file = readFileSync(join(spool, `${id}.pcap`));
      expect(Buffer.concat(got).equals(file.subarray(24))).toBe(true);
      // Keep-alives went to stderr, never into the bytes.
      expect(stderr).toMatch(/keepalive/);
      const whole = await script(shell, ['stream', id, '0']);
      expect(Buffer.from(whole.stdout, 'latin1').equals(file)).toBe(true);
      const tshark = await run('tshark', ['-r', join(spool, `${id}.pcap`), '-Y', 'icmp']);
      expect(tshark.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(6);
    },
  );

  it('rejects ids, PIDs and offsets that are not plain tokens, and unknown captures', async () => {
    expect((await failure(shell, ['stat', '../etc'])).code).toBe(2);
    expect((await failure(shell, ['stream', 'a;b', '0'])).code).toBe(2);
    expect((await failure(shell, ['stream', 'nope', '1x'])).code).toBe(2);
    expect((await failure(shell, ['start', 'x', '1;id', '--', '-i', 'lo'])).code).toBe(2);
    expect((await failure(shell, ['start', 'x', '1', '-i', 'lo'])).code).toBe(2);
    expect((await failure(shell, ['stream', 'never-started', '0'])).code).toBe(5);
    expect((await failure(shell, ['stop', 'never-started'])).code).toBe(5);
  });
});
