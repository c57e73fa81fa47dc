// Apps started from a desktop launcher (Dock, GNOME, KDE) get a minimal PATH, so exec
// credential plugins installed by Homebrew, gcloud, asdf … are not found. Like VS Code, run
// the user's login shell once and take its environment. The shell's rc files may print
// anything, so the environment is read between two unique markers.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';

export interface LoginShellOptions {
  /** Defaults to $SHELL, else /bin/sh. */
  shell?: string;
  /** Defaults to 5000 ms: a slow rc file must not block the app. */
  timeoutMs?: number;
  platform?: NodeJS.Platform;
  /** The environment the shell starts from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface LoginShellEnvironment {
  env: Record<string, string>;
  /** false when the shell could not be used (Windows, timeout, failure): env is then process.env. */
  fromShell: boolean;
  /** Why the shell was not used, for the log. */
  problem?: string;
}

// Set by the shell for itself: meaningless (or wrong) for the processes we spawn later.
const SHELL_LOCAL = new Set(['_', 'PWD', 'OLDPWD', 'SHLVL']);

export async function loginShellEnvironment(
  options: LoginShellOptions = {},
): Promise<LoginShellEnvironment> {
  const base = options.env ?? process.env;
  const fallback = (problem: string): LoginShellEnvironment => ({
    env: definedOnly(base),
    fromShell: false,
    problem,
  });
  // Windows apps inherit the user's full environment from Explorer already.
  if ((options.platform ?? process.platform) === 'win32') return fallback('not needed on Windows');

  const shell = options.shell ?? (base.SHELL || '/bin/sh');
  const start = `__SNOOPY_ENV_START_${randomUUID()}__`;
  const end = `__SNOOPY_ENV_END_${randomUUID()}__`;
  // The markers are hex and underscores: safe inside single quotes in any POSIX shell or fish.
  const script = `printf '%s' '${start}'; env -0; printf '%s' '${end}'`;

  return new Promise((resolve) => {
    const child = spawn(shell, ['-l', '-i', '-c', script], {
      env: { ...base },
      stdio: ['ignore', 'pipe', 'ignore'],
      // Its own process group, so a timeout also ends whatever the rc files started.
      detached: true,
    });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (result: LoginShellEnvironment): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      killGroup(child.pid);
      finish(fallback(`${shell} did not answer within ${options.timeoutMs ?? 5000} ms`));
    }, options.timeoutMs ?? 5000);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (err) => finish(fallback(`cannot run ${shell}: ${err.message}`)));
    child.on('close', () => {
      const env = parseBetweenMarkers(Buffer.concat(chunks).toString('utf8'), start, end);
      // The exit code is ignored: rc files often fail harmlessly; the markers prove success.
      finish(env ? { env, fromShell: true } : fallback(`${shell} printed no environment`));
    });
  });
}

export function parseBetweenMarkers(
  output: string,
  start: string,
  end: string,
): Record<string, string> | undefined {
  const from = output.indexOf(start);
  const to = output.indexOf(end, from + start.length);
  if (from < 0 || to < 0) return undefined;
  const env: Record<string, string> = {};
  for (const entry of output.slice(from + start.length, to).split('\0')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    if (!SHELL_LOCAL.has(name)) env[name] = entry.slice(eq + 1);
  }
  return env;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
