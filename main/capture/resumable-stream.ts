// Resumable capture stream: `agent.sh stream ID OFFSET` sends the spool file from OFFSET and
// exits 0 once tcpdump ended and every byte was sent. When the exec drops (severed, API
// restart, laptop sleep) or goes silent past the keep-alive window, we re-attach with backoff
// from the last byte written to disk: while the agent lives, nothing is lost or duplicated.
import type { AgentManager } from '../agent/agent-manager';
import { captureArgv } from './capture-script';
import { SnoopyError, toSnoopyError } from '../errors';

export interface StreamTuning {
  /** The agent writes a keep-alive line on stderr after this much silence. */
  keepAliveSeconds: number;
  /** No byte and no keep-alive for this long: the connection is dead, re-attach. */
  stallSeconds: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** Give up after failing to re-attach for this long (the agent is gone). */
  giveUpSeconds: number;
}

export const DEFAULT_STREAM_TUNING: StreamTuning = {
  keepAliveSeconds: 10,
  stallSeconds: 35,
  backoffInitialMs: 250,
  backoffMaxMs: 5000,
  giveUpSeconds: 120,
};

export interface StreamOptions {
  agents: AgentManager;
  node: string;
  id: string;
  /** Bytes already on disk: where a (re-)attached stream starts. */
  offset(): number;
  /** Synchronous: written to disk before the next chunk is read. Throwing ends the stream. */
  onChunk(chunk: Buffer): void;
  onReconnecting(attempt: number, why: string): void;
  onStreaming(): void;
  signal: AbortSignal;
  tuning?: Partial<StreamTuning>;
}

/** Resolves when the capture ended and every byte is on disk; rejects when it cannot be had. */
export async function streamCapture(o: StreamOptions): Promise<void> {
  const t = { ...DEFAULT_STREAM_TUNING, ...o.tuning };
  let delay = t.backoffInitialMs;
  let failingSince: number | undefined;
  let attempt = 0;
  for (;;) {
    if (o.signal.aborted) return;
    const outcome = await attachOnce(o, t).catch((err: unknown) => ({
      kind: 'error' as const,
      error: toSnoopyError(err),
    }));
    if (outcome.kind === 'complete') return;
    if (outcome.kind === 'fatal') throw outcome.error;
    // Our own write failed (disk full): re-attaching cannot help.
    if (outcome.kind === 'local') throw outcome.error;
    if (o.signal.aborted) return;
    const now = Date.now();
    if (outcome.kind === 'progress') {
      // The connection carried bytes: a fresh drop, start the backoff over.
      failingSince = undefined;
      delay = t.backoffInitialMs;
    }
    failingSince ??= now;
    if (now - failingSince > t.giveUpSeconds * 1000) {
      const why = outcome.kind === 'error' ? outcome.error.message : outcome.why;
      throw new SnoopyError(
        'CAPTURE_FAILED',
        `lost the capture stream from ${o.node} and could not re-attach for ${t.giveUpSeconds}s: ${why}`,
        'The bytes received so far are saved. Check the connection to the cluster and that the agent pod still runs, then capture again.',
      );
    }
    attempt++;
    o.onReconnecting(attempt, outcome.kind === 'error' ? outcome.error.message : outcome.why);
    await sleep(delay, o.signal);
    delay = Math.min(delay * 2, t.backoffMaxMs);
  }
}

type Outcome =
  | { kind: 'complete' }
  | { kind: 'fatal'; error: SnoopyError }
  | { kind: 'progress' | 'dropped'; why: string }
  | { kind: 'error'; error: SnoopyError }
  | { kind: 'local'; error: unknown };

async function attachOnce(o: StreamOptions, t: StreamTuning): Promise<Outcome> {
  const start = o.offset();
  const argv = captureArgv('stream', [o.id, String(start), String(t.keepAliveSeconds)]);
  const handle = await o.agents.exec(o.node, argv);
  let stalled = false;
  let lastSign = Date.now();
  let stderr = '';
  const timer = setInterval(() => {
    if (Date.now() - lastSign > t.stallSeconds * 1000) {
      stalled = true;
      handle.close();
    }
  }, 1000);
  const abort = (): void => handle.close();
  o.signal.addEventListener('abort', abort);
  handle.stderr.on('data', (chunk: Buffer) => {
    lastSign = Date.now();
    // Keep-alives travel on stderr only: they are never part of the capture bytes.
    const text = chunk.toString('utf8').replace(/^keepalive\n/gm, '');
    if (stderr.length < 4096) stderr += text;
  });
  let first = true;
  try {
    for await (const chunk of handle.stdout as AsyncIterable<Buffer>) {
      lastSign = Date.now();
      if (first) {
        first = false;
        o.onStreaming();
      }
      try {
        o.onChunk(chunk);
      } catch (err) {
        return { kind: 'local', error: err };
      }
    }
    const code = await handle.exitCode;
    if (code === 0 && !stalled) return { kind: 'complete' };
    if (code === 5 || code === 6 || code === 2) {
      return {
        kind: 'fatal',
        error: new SnoopyError(
          'CAPTURE_FAILED',
          `the agent on ${o.node} cannot stream capture ${o.id}: ${stderr.trim() || `exit ${String(code)}`}`,
          'The agent pod was replaced and its spool lost; the bytes received so far are saved. Capture again.',
        ),
      };
    }
    const why = stalled
      ? `no data nor keep-alive for ${t.stallSeconds}s`
      : code === null
        ? 'the connection dropped'
        : `stream exited ${String(code)}: ${stderr.trim()}`;
    return { kind: o.offset() > start ? 'progress' : 'dropped', why };
  } finally {
    clearInterval(timer);
    o.signal.removeEventListener('abort', abort);
    handle.close();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
