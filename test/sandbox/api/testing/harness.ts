// An API server on a random port with a fake kubelet, a kubeconfig for each test user, and a
// way to run the real kubectl against it (own cache dir, so discovery is never stale).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer, type RunningApiServer } from '../server';
import type { ClusterState } from '../store/cluster-state';
import { FakeKubelet, type FakeKubeletOptions } from './fake-kubelet';
import { testCluster, testUsers } from './fixtures';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TestApi {
  state: ClusterState;
  kubelet: FakeKubelet;
  server: RunningApiServer;
  dir: string;
  kubeconfigPath: string;
  kubectl(args: string[], opts?: { user?: string; stdin?: string }): Promise<KubectlResult>;
  /** A long-running kubectl (get -w); killed by close(). */
  spawnKubectl(args: string[], opts?: { user?: string }): ChildProcess;
  close(): Promise<void>;
}

function kubeconfig(url: string, caPem: string): string {
  const users = testUsers
    .map((u) => `- name: ${u.name}\n  user:\n    token: ${u.token}`)
    .join('\n');
  const contexts = testUsers
    .map((u) => `- name: ${u.name}\n  context:\n    cluster: sandbox\n    user: ${u.name}`)
    .join('\n');
  return `apiVersion: v1
kind: Config
clusters:
- name: sandbox
  cluster:
    server: ${url}
    certificate-authority-data: ${Buffer.from(caPem).toString('base64')}
users:
${users}
contexts:
${contexts}
current-context: admin
`;
}

export async function startTestApi(
  opts: { kubelet?: FakeKubeletOptions; bookmarkIntervalMs?: number } = {},
): Promise<TestApi> {
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-api-test-'));
  const state = testCluster();
  const kubelet = new FakeKubelet(state, opts.kubelet);
  const server = await startApiServer({
    state,
    kubelet,
    users: testUsers,
    pkiDir: join(dir, 'pki'),
    ...(opts.bookmarkIntervalMs ? { bookmarkIntervalMs: opts.bookmarkIntervalMs } : {}),
  });
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeFile(kubeconfigPath, kubeconfig(server.url, server.caPem), { mode: 0o600 });
  const children = new Set<ChildProcess>();
  const baseArgs = (user: string): string[] => [
    '--kubeconfig',
    kubeconfigPath,
    '--context',
    user,
    '--cache-dir',
    join(dir, 'cache'),
  ];
  const env = { ...process.env, HOME: dir, KUBECONFIG: kubeconfigPath };

  return {
    state,
    kubelet,
    server,
    dir,
    kubeconfigPath,
    kubectl(args, o = {}) {
      return new Promise((resolve) => {
        const child = execFile(
          'kubectl',
          [...baseArgs(o.user ?? 'admin'), ...args],
          { env, timeout: 60_000, maxBuffer: 512 * 1024 * 1024 },
          (err, stdout, stderr) => {
            const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
            resolve({ code, stdout, stderr });
          },
        );
        if (o.stdin !== undefined) child.stdin?.end(o.stdin);
      });
    },
    spawnKubectl(args, o = {}) {
      const child = spawn('kubectl', [...baseArgs(o.user ?? 'admin'), ...args], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      child.once('exit', () => children.delete(child));
      return child;
    },
    async close() {
      for (const child of children) child.kill('SIGKILL');
      await server.close();
      await kubelet.shutdown();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the output once `predicate` holds for it (or rejects after `ms`). */
export function waitForOutput(
  child: ChildProcess,
  predicate: (out: string) => boolean,
  ms = 15_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for kubectl output; got:\n${out}`)),
      ms,
    );
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      if (predicate(out)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(out);
      }
    };
    child.stdout?.on('data', onData);
  });
}
