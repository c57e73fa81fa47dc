// `kubectl exec`: a new process that joins a running container's namespaces and cgroup, with
// the container's privileges and userland; optionally on a pseudo-terminal (pty-helper.py).
import { spawn, type ChildProcess } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { CgroupSet } from './cgroups';
import type { HostTools } from './host-tools';
import type { ExecProcess, ExecRequest } from '../contracts';

export interface ExecTarget {
  mainPid: number;
  ownPidNamespace: boolean;
  cgroup: CgroupSet;
  env: Record<string, string>;
  /** setpriv prefix with the container's capabilities. */
  privileges: string[];
  workingDir: string;
}

export function startExec(tools: HostTools, target: ExecTarget, req: ExecRequest): ExecProcess {
  const enter = [tools.nsenter, '-t', String(target.mainPid), '--net', '--uts', '--ipc', '--mount'];
  if (target.ownPidNamespace) enter.push('--pid');
  const inner = [
    tools.shell,
    tools.containerInit,
    tools.mount,
    tools.mkdir,
    ...target.cgroup.procsFiles().flatMap((f) => ['cgroup', f]),
    'cd',
    target.workingDir,
    'run',
    ...target.privileges,
    ...req.command,
  ];
  const argv = [...enter, '--', ...inner];
  const env = req.tty ? { ...target.env, TERM: 'xterm' } : target.env;
  const stdinMode = req.stdin ? 'pipe' : 'ignore';

  if (!req.tty) {
    const [file = '', ...args] = argv;
    const child = spawn(file, args, {
      stdio: [stdinMode, req.stdout ? 'pipe' : 'ignore', req.stderr ? 'pipe' : 'ignore'],
      env,
      detached: true,
      cwd: '/',
    });
    return wrap(child.pid, undefined, child, child.stdin, child.stdout, child.stderr, undefined);
  }

  const child = spawn(
    tools.python,
    [tools.ptyHelper, '3', '4', req.stdin ? '1' : '0', '--', ...argv],
    {
      stdio: [stdinMode, 'pipe', 'pipe', 'pipe', 'pipe'],
      env,
      detached: true,
      cwd: '/',
    },
  );
  child.stderr?.resume();
  const resizePipe = child.stdio[3] as Writable;
  resizePipe.on('error', () => undefined);
  let sessionPid: number | undefined;
  createInterface({ input: child.stdio[4] as Readable }).on('line', (line) => {
    const [word, value] = line.split(' ');
    if (word === 'pid') sessionPid = Number(value);
  });
  return wrap(child.pid, () => sessionPid, child, child.stdin, child.stdout, null, resizePipe);
}

function wrap(
  groupLeader: number | undefined,
  sessionPid: (() => number | undefined) | undefined,
  child: ChildProcess,
  stdin: Writable | null,
  stdout: Readable | null,
  stderr: Readable | null,
  resizePipe: Writable | undefined,
): ExecProcess {
  stdin?.on('error', () => undefined);
  const exited = new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>(
    (resolve) => {
      child.on('close', (code, signal) => {
        resolve({ exitCode: code ?? (signal ? 128 + osConstants.signals[signal] : null), signal });
      });
      child.on('error', () => resolve({ exitCode: 126, signal: null }));
    },
  );
  return {
    stdin,
    stdout,
    stderr,
    resize(cols: number, rows: number) {
      if (resizePipe && !resizePipe.destroyed)
        resizePipe.write(`${Math.round(cols)} ${Math.round(rows)}\n`);
    },
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      for (const pid of [sessionPid?.(), groupLeader]) {
        if (pid === undefined) continue;
        try {
          process.kill(-pid, signal);
        } catch {
          // already gone
        }
      }
    },
    exited,
  };
}
