// The resumable stream against a fake agent: drops, stalls and fatal answers, with the bytes
// on "disk" checked against the spool file byte for byte.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { AgentManager } from '../../main/agent/agent-manager';
import type { ExecHandle } from '../../main/agent/kube/agent-exec';
import { streamCapture } from '../../main/capture/resumable-stream';

type Behaviour = (offset: number) => {
  chunks: Buffer[];
  end: 'exit0' | 'sever' | 'stall' | number;
};

/** An AgentManager whose `exec` replays `behaviours` in turn for each attach. */
function fakeAgents(behaviours: Behaviour[], calls: string[][]): AgentManager {
  let n = 0;
  const exec = async (_node: string, argv: readonly string[]): Promise<ExecHandle> => {
    calls.push([...argv]);
    const offset = Number(argv[argv.length - 2]);
    const b = behaviours[Math.min(n++, behaviours.length - 1)];
    const { chunks, end } = b ? b(offset) : { chunks: [], end: 'exit0' as const };
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let settle: (c: number | null) => void = () => undefined;
    const exitCode = new Promise<number | null>((r) => (settle = r));
    const finish = (code: number | null): void => {
      stdout.end();
      stderr.end();
      settle(code);
    };
    setImmediate(() => {
      for (const c of chunks) stdout.write(c);
      if (end === 'exit0') finish(0);
      else if (end === 'sever') finish(null);
      else if (typeof end === 'number') finish(end);
    });
    return { stdout, stderr, exitCode, close: () => finish(null) };
  };
  return { exec } as unknown as AgentManager;
}

const spool = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));

describe('resumable capture stream', () => {
  it('resumes a dropped stream from the last byte written, without losing or repeating one', async () => {
    const disk: Buffer[] = [];
    let written = 0;
    const calls: string[][] = [];
    const reconnects: number[] = [];
    // First attach: 3000 bytes then severed; second: 4000 more then severed; third: the rest.
    const agents = fakeAgents(
      [
        (o) => ({ chunks: [spool.subarray(o, o + 3000)], end: 'sever' }),
        (o) => ({
          chunks: [spool.subarray(o, o + 1000), spool.subarray(o + 1000, o + 4000)],
          end: 'sever',
        }),
        (o) => ({ chunks: [spool.subarray(o)], end: 'exit0' }),
      ],
      calls,
    );
    await streamCapture({
      agents,
      node: 'n',
      id: 'abc-0',
      offset: () => written,
      onChunk: (c) => {
        disk.push(Buffer.from(c));
        written += c.length;
      },
      onReconnecting: (a) => reconnects.push(a),
      onStreaming: () => undefined,
      signal: new AbortController().signal,
      tuning: { backoffInitialMs: 1, backoffMaxMs: 2 },
    });
    expect(Buffer.concat(disk).equals(spool)).toBe(true);
    expect(calls.map((c) => c[c.length - 2])).toEqual(['0', '3000', '7000']);
    expect(calls[0]?.slice(0, 2)).toEqual(['sh', '-c']);
    expect(reconnects).toEqual([1, 2]);
  });

  it('re-attaches when the connection goes silent past the keep-alive window', async () => {
    let written = 0;
    const calls: string[][] = [];
    const agents = fakeAgents(
      [
        (o) => ({ chunks: [spool.subarray(o, o + 10)], end: 'stall' }),
        (o) => ({ chunks: [spool.subarray(o)], end: 'exit0' }),
      ],
      calls,
    );
    await streamCapture({
      agents,
      node: 'n',
      id: 'abc-0',
      offset: () => written,
      onChunk: (c) => (written += c.length),
      onReconnecting: () => undefined,
      onStreaming: () => undefined,
      signal: new AbortController().signal,
      tuning: { backoffInitialMs: 1, stallSeconds: 1 },
    });
    expect(written).toBe(spool.length);
    expect(calls).toHaveLength(2);
  });

  it('fails clearly when the agent no longer has the capture (spool lost)', async () => {
    const agents = fakeAgents([() => ({ chunks: [], end: 5 })], []);
    await expect(
      streamCapture({
        agents,
        node: 'n',
        id: 'abc-0',
        offset: () => 0,
        onChunk: () => undefined,
        onReconnecting: () => undefined,
        onStreaming: () => undefined,
        signal: new AbortController().signal,
      }),
    ).rejects.toMatchObject({ code: 'CAPTURE_FAILED' });
  });

  it('stops at once when the disk write fails (ENOSPC ends the stream, not the retry loop)', async () => {
    const agents = fakeAgents(
      [(o) => ({ chunks: [spool.subarray(o, o + 100)], end: 'exit0' })],
      [],
    );
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    await expect(
      streamCapture({
        agents,
        node: 'n',
        id: 'abc-0',
        offset: () => 0,
        onChunk: () => {
          throw full;
        },
        onReconnecting: () => undefined,
        onStreaming: () => undefined,
        signal: new AbortController().signal,
      }),
    ).rejects.toBe(full);
  });
});
