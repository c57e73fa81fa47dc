// Runs a command in a pod through the Kubernetes exec API (client-node's WebSocket client,
// binary-safe channels). argv only: every element travels as its own `command=` parameter, so
// no user text is ever parsed by a shell.
import { Exec, type KubeConfig, type V1Status } from '@kubernetes/client-node';
import { PassThrough, type Readable } from 'node:stream';

export interface ExecTarget {
  namespace: string;
  pod: string;
  container: string;
}

export interface ExecOptions {
  stdin?: Readable;
  tty?: boolean;
}

export interface ExecHandle {
  stdout: Readable;
  stderr: Readable;
  /** The command's exit code, or null when the stream ended without a status (severed). */
  exitCode: Promise<number | null>;
  /** Closes the stream; the command gets SIGHUP/EOF like with kubectl exec. */
  close(): void;
}

interface ClosableSocket {
  close(): void;
  once(event: 'close', listener: () => void): void;
}

export async function startExec(
  kubeConfig: KubeConfig,
  target: ExecTarget,
  argv: readonly string[],
  options: ExecOptions = {},
): Promise<ExecHandle> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let settle: (code: number | null) => void = () => undefined;
  const exitCode = new Promise<number | null>((resolve) => (settle = resolve));
  const onStatus = (status: V1Status): void => settle(exitCodeOf(status));
  const socket = (await new Exec(kubeConfig).exec(
    target.namespace,
    target.pod,
    target.container,
    [...argv],
    stdout,
    stderr,
    options.stdin ?? null,
    options.tty ?? false,
    onStatus,
  )) as unknown as ClosableSocket;
  socket.once('close', () => {
    settle(null);
    stdout.end();
    stderr.end();
  });
  return { stdout, stderr, exitCode, close: () => socket.close() };
}

/** Success → 0; `NonZeroExitCode` carries the code in details.causes[reason=ExitCode]. */
function exitCodeOf(status: V1Status): number | null {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  return Number.isInteger(code) ? code : null;
}

export interface ExecResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** A short command, its whole output collected (for agent.sh find/heartbeat, tcpdump -d). */
export async function runExec(
  kubeConfig: KubeConfig,
  target: ExecTarget,
  argv: readonly string[],
  timeoutMs = 30_000,
): Promise<ExecResult> {
  const handle = await startExec(kubeConfig, target, argv);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  handle.stdout.on('data', (d: Buffer) => out.push(d));
  handle.stderr.on('data', (d: Buffer) => err.push(d));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const ended = Promise.all([
    handle.exitCode,
    new Promise((r) => handle.stdout.once('end', r)),
    new Promise((r) => handle.stderr.once('end', r)),
  ]);
  const result = await Promise.race([ended, timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') {
    handle.close();
    throw Object.assign(new Error(`exec ${argv[0] ?? ''} timed out after ${timeoutMs} ms`), {
      code: 'ETIMEDOUT',
    });
  }
  return {
    exitCode: await handle.exitCode,
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}
