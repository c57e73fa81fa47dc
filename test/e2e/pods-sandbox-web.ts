// Starts `snoopy web` as a user would (the real CLI, the real core) and hands back the URL it
// prints, token included. Shared by the sandbox browser-mode specs.
import { spawn } from 'node:child_process';

export interface RunningWeb {
  url: string;
  stop(): Promise<void>;
}

/** `env` replaces KUBECONFIG-related variables for kubeconfig-discovery tests. */
export function startSnoopyWeb(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningWeb> {
  const child = spawn('node', ['main/snoopy.mjs', 'web', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise<RunningWeb>((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`snoopy web printed no URL:\n${out}`));
    }, 120_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /running at (\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        ok({ url, stop });
      }
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`snoopy web exited (${code}):\n${out}`));
    });
  });
}
