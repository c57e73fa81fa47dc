// Run the real kubectl against a sandbox: argv arrays only, a timeout, and everything captured.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function kubectl(
  kubeconfig: string,
  args: string[],
  opts: { input?: string | Buffer; timeoutMs?: number } = {},
): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, ...args], { stdio: 'pipe' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`kubectl ${args.join(' ')} timed out; stderr: ${Buffer.concat(err).toString()}`),
      );
    }, opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/** A long-running kubectl (get -w, logs -f): collect its output until `until` matches it. */
export function kubectlStream(
  kubeconfig: string,
  args: string[],
): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
  stop: () => void;
} {
  const child = spawn('kubectl', ['--kubeconfig', kubeconfig, ...args], { stdio: 'pipe' });
  let text = '';
  child.stdout.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => (text += d.toString()));
  const waitFor = (pattern: RegExp, timeoutMs = 20_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const tick = (): void => {
        if (pattern.test(text)) return resolve(text);
        if (child.exitCode !== null)
          return reject(new Error(`kubectl exited (${child.exitCode}) before ${pattern}: ${text}`));
        if (Date.now() - started > timeoutMs)
          return reject(new Error(`timed out waiting for ${pattern} in: ${text}`));
        setTimeout(tick, 100);
      };
      tick();
    });
  return { child, output: () => text, waitFor, stop: () => child.kill('SIGTERM') };
}
