// A kubelet whose exec runs the command as a local child process (no namespaces, no pty), and
// which records what the exec endpoint asked of each process: resizes, kills, how it ended.
import { spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import {
  SandboxApiError,
  type ExecProcess,
  type ExecRequest,
  type Kubelet,
  type Pod,
} from '../../../contracts';

export interface FakeExecRecord {
  request: ExecRequest;
  /** The ExecProcess handed to the exec endpoint. */
  process: ExecProcess;
  resizes: Array<{ cols: number; rows: number }>;
  kills: Array<NodeJS.Signals | undefined>;
  exited: Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>;
  /** Emits 'resize' on every ExecProcess.resize call. */
  events: EventEmitter;
}

export class FakeKubelet implements Kubelet {
  readonly execs: FakeExecRecord[] = [];
  private readonly live = new Set<() => void>();

  async exec(pod: Pod, request: ExecRequest): Promise<ExecProcess> {
    const status = pod.status.containerStatuses?.find((c) => c.name === request.container);
    if (!status || !('running' in status.state)) {
      throw new SandboxApiError(400, 'BadRequest', `container not found ("${request.container}")`);
    }
    const [file, ...args] = request.command;
    if (file === undefined) throw new SandboxApiError(400, 'BadRequest', 'empty command');
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const [spawnError] = await Promise.race([
      once(child, 'spawn').then(() => [undefined]),
      once(child, 'error') as Promise<[Error]>,
    ]);
    if (spawnError) throw new SandboxApiError(500, 'InternalError', String(spawnError));

    const exited = new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>(
      (resolve) => child.once('close', (exitCode, signal) => resolve({ exitCode, signal })),
    );
    const killChild = (): void => void child.kill('SIGKILL');
    this.live.add(killChild);
    void exited.then(() => this.live.delete(killChild));

    const resizes: FakeExecRecord['resizes'] = [];
    const kills: FakeExecRecord['kills'] = [];
    const events = new EventEmitter();
    const process: ExecProcess = {
      stdin: child.stdin,
      // A terminal merges stderr into stdout.
      stdout: request.tty ? merge(child.stdout, child.stderr) : child.stdout,
      stderr: request.tty ? null : child.stderr,
      resize(cols, rows) {
        resizes.push({ cols, rows });
        events.emit('resize', { cols, rows });
      },
      kill(signal) {
        kills.push(signal);
        child.kill(signal ?? 'SIGKILL');
      },
      exited,
    };
    this.execs.push({ request, process, resizes, kills, exited, events });
    return process;
  }

  /** Kills whatever is still running. */
  killAll(): void {
    for (const kill of this.live) kill();
  }

  admit(): void {}
  terminate(): void {}
  async logs(): Promise<Readable> {
    throw new Error('the fake kubelet has no logs');
  }
  servicesChanged(): void {}
  setNodeReady(): void {}
  async shutdown(): Promise<void> {
    this.killAll();
  }
}

function merge(a: Readable, b: Readable): Readable {
  const out = new PassThrough();
  let open = 2;
  for (const s of [a, b]) {
    s.pipe(out, { end: false });
    s.once('end', () => {
      if (--open === 0) out.end();
    });
  }
  return out;
}
