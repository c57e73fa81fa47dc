// Starts one container process: joins the pod sandbox's namespaces, creates the container's
// own (mount, and PID unless hostPID) through pod-init.py, and runs container-init.sh there,
// which moves into the container cgroup before it execs the command.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { HostTools } from './host-tools';

export type NamespaceKind = 'mount' | 'uts' | 'ipc' | 'pid';

export interface ContainerLaunch {
  /** nsenter options joining existing namespaces (e.g. the pause process's net/uts/ipc). */
  join: string[];
  unshare: NamespaceKind[];
  /** container-init.sh steps before the command. */
  steps: string[];
  /** The command with its setpriv prefix. */
  argv: string[];
  env: Record<string, string>;
}

export interface ExitStatus {
  exitCode: number;
  /** Signal number when the process was killed by one. */
  signal: number | null;
}

export class ContainerProcess {
  readonly child: ChildProcess;
  /** Host PID of the container's first process (PID 1 of its PID namespace, if it has one). */
  readonly mainPid: Promise<number>;
  /** True once the command is being exec'd; false if setup failed before that. */
  readonly started: Promise<boolean>;
  readonly exited: Promise<ExitStatus>;
  readonly stdout: Readable;
  readonly stderr: Readable;

  constructor(tools: HostTools, launch: ContainerLaunch) {
    const initArgv = [
      tools.python,
      tools.podInit,
      '3',
      launch.unshare.length > 0 ? launch.unshare.join(',') : '-',
      '--',
      tools.shell,
      tools.containerInit,
      tools.mount,
      tools.mkdir,
      ...launch.steps,
      'exec',
      ...launch.argv,
    ];
    const argv =
      launch.join.length > 0 ? [tools.nsenter, ...launch.join, '--', ...initArgv] : initArgv;
    const [file = '', ...args] = argv;
    this.child = spawn(file, args, {
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      env: launch.env,
      detached: true,
      cwd: '/',
    });
    const [, stdout, stderr, status] = this.child.stdio;
    this.stdout = stdout as Readable;
    this.stderr = stderr as Readable;

    let reportedExit: ExitStatus | undefined;
    let resolvePid!: (pid: number) => void;
    let resolveStarted!: (started: boolean) => void;
    this.mainPid = new Promise((resolve) => (resolvePid = resolve));
    this.started = new Promise((resolve) => (resolveStarted = resolve));
    const lines = createInterface({ input: status as Readable });
    lines.on('line', (line) => {
      const [word, value] = line.split(' ');
      if (word === 'pid') resolvePid(Number(value));
      if (word === 'started') resolveStarted(true);
      if (word === 'exit') reportedExit = { exitCode: Number(value), signal: null };
      if (word === 'signal')
        reportedExit = { exitCode: 128 + Number(value), signal: Number(value) };
    });

    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        resolveStarted(false);
        resolvePid(-1);
        if (reportedExit) return resolve(reportedExit);
        // pod-init itself died (killed with its process group): the container died with it.
        const signalNumber = signal ? signalNumberOf(signal) : null;
        resolve({ exitCode: code ?? 128 + (signalNumber ?? 9), signal: signalNumber });
      });
    });
    this.child.on('error', () => resolveStarted(false));
  }

  /** Signals the process group of the runtime-side helpers (not the container itself). */
  killHelpers(): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

function signalNumberOf(signal: NodeJS.Signals): number {
  return osConstants.signals[signal];
}
