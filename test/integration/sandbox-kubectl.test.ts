// The sandbox cluster as the real kubectl sees it: it must not be able to tell it from a real one
// for everything Snoopy does.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../sandbox/scenario';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { kubectl, kubectlStream } from './helpers/kubectl';
import { waitForRunning } from './helpers/sandbox-pods';
import { waitUntil } from './helpers/wait';

let sandbox: Sandbox;
let kc: string;
let dir: string;

beforeAll(async () => {
  const scenario = await loadScenario();
  sandbox = await startSandbox({ scenario: { ...scenario, crashLoopBackoffSeconds: 1 } });
  kc = sandbox.kubeconfigPath;
  dir = await mkdtemp(join(tmpdir(), 'snoopy-kubectl-'));
  await waitForRunning(sandbox, 'shop', 'web-7d4b9-x2x8k');
  await waitForRunning(sandbox, 'shop', 'web-7d4b9-q7m2p');
  await waitForRunning(sandbox, 'shop', 'client-5f6c7-abcde');
});

afterAll(async () => {
  await sandbox?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('kubectl against the sandbox', () => {
  it('lists every pod with -A -o wide, with the IP and node the API reports', async () => {
    const { code, stdout } = await kubectl(kc, ['get', 'pods', '-A', '-o', 'wide']);
    expect(code).toBe(0);
    const header = stdout.split('\n')[0] ?? '';
    expect(header).toMatch(
      /^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES/,
    );
    const web = sandbox.cluster.getPod('shop', 'web-7d4b9-x2x8k');
    const line = stdout.split('\n').find((l) => l.includes('web-7d4b9-x2x8k')) ?? '';
    expect(line).toMatch(
      /^shop\s+web-7d4b9-x2x8k\s+1\/1\s+Running\s+0\s+\S+\s+(\S+)\s+sbx-node-a\s/,
    );
    expect(line).toContain(web?.status.podIP);
    for (const pod of sandbox.cluster.listPods()) expect(stdout).toContain(pod.metadata.name);
  });

  it('selects pods by label like a real server', async () => {
    const { stdout } = await kubectl(kc, [
      'get',
      'pods',
      '-n',
      'shop',
      '-l',
      'app=web',
      '-o',
      'name',
    ]);
    expect(stdout.trim().split('\n').sort()).toEqual([
      'pod/web-7d4b9-q7m2p',
      'pod/web-7d4b9-x2x8k',
    ]);
    const notWeb = await kubectl(kc, [
      'get',
      'pods',
      '-n',
      'shop',
      '-l',
      'app notin (web),tier',
      '-o',
      'name',
    ]);
    expect(notWeb.stdout.trim()).toBe('pod/client-5f6c7-abcde');
  });

  it('shows a crash-looping pod as CrashLoopBackOff with restarts', async () => {
    const line = await waitUntil(
      'crashy to be in CrashLoopBackOff',
      async () => {
        const { stdout } = await kubectl(kc, ['get', 'pod', 'crashy', '-n', 'shop']);
        return /crashy\s+0\/1\s+CrashLoopBackOff\s+[1-9]/.test(stdout) ? stdout : undefined;
      },
      45_000,
      500,
    );
    expect(line).toContain('CrashLoopBackOff');
  });

  it('watches pods with get -w and sees an add and a delete', async () => {
    const watch = kubectlStream(kc, [
      'get',
      'pods',
      '-n',
      'default',
      '-w',
      '--output-watch-events',
    ]);
    try {
      await new Promise((r) => setTimeout(r, 1500)); // let the watch start before the add
      sandbox.cluster.createPod({
        metadata: { name: 'watched', namespace: 'default', labels: { app: 'watched' } },
        spec: {
          nodeName: 'sbx-node-b',
          containers: [
            { name: 'c', image: 'registry.sandbox.local/busybox:1.36', command: ['sleep', '300'] },
          ],
        },
      });
      await watch.waitFor(/ADDED\s+watched/);
      sandbox.cluster.deletePod('default', 'watched', 0);
      const seen = await watch.waitFor(/DELETED\s+watched/);
      // Added once, deleted once, in that order.
      expect(seen.indexOf('ADDED')).toBeLessThan(seen.lastIndexOf('DELETED'));
      expect(seen.match(/DELETED\s+watched/g)).toHaveLength(1);
    } finally {
      watch.stop();
    }
  });

  it('describes a pod with its containers, container IDs, IP and events', async () => {
    const { code, stdout } = await kubectl(kc, [
      'describe',
      'pod',
      '-n',
      'shop',
      'web-7d4b9-x2x8k',
    ]);
    expect(code).toBe(0);
    const pod = sandbox.cluster.getPod('shop', 'web-7d4b9-x2x8k');
    expect(stdout).toMatch(/Node:\s+sbx-node-a\//);
    expect(stdout).toContain(`IP:           ${pod?.status.podIP}`);
    expect(stdout).toContain(pod?.status.containerStatuses?.[0]?.containerID);
    // Pods bound with nodeName skip the scheduler (no Scheduled event), as in a real cluster.
    expect(stdout).toMatch(/Normal\s+Created\s+.*kubelet\s+Created container: web/);
    expect(stdout).not.toMatch(/Normal\s+Scheduled/);
    expect(stdout).toMatch(/Normal\s+Started/);
  });

  it('execs in the pod network namespace: ip -4 addr shows the pod IP, not the host', async () => {
    const pod = await waitForRunning(sandbox, 'shop', 'web-7d4b9-x2x8k');
    const { code, stdout } = await kubectl(kc, [
      'exec',
      '-n',
      'shop',
      'web-7d4b9-x2x8k',
      '--',
      'ip',
      '-4',
      'addr',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain(`inet ${pod.status.podIP}/`);
    expect(stdout).not.toContain(sandbox.network.gatewayIP + '/');
  });

  it('passes stdin through exec -i and returns exit codes', async () => {
    const payload = 'line one\nline two\n';
    const echo = await kubectl(kc, ['exec', '-i', '-n', 'shop', 'web-7d4b9-x2x8k', '--', 'cat'], {
      input: payload,
    });
    expect(echo.code).toBe(0);
    expect(echo.stdout).toBe(payload);
    const failing = await kubectl(kc, [
      'exec',
      '-n',
      'shop',
      'web-7d4b9-x2x8k',
      '--',
      'sh',
      '-c',
      'exit 3',
    ]);
    expect(failing.code).toBe(3);
    expect(failing.stderr).toContain('command terminated with exit code 3');
  });

  it('gives exec -it a real terminal with the size kubectl sends', async () => {
    // kubectl -t needs a terminal itself: run it under `script`, whose pty we size first.
    const command = `stty cols 123 rows 45; kubectl --kubeconfig ${kc} exec -it -n shop web-7d4b9-x2x8k -- sh -c 'stty size; tty'`;
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { stdio: 'pipe' });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.on('error', reject);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.on('close', () => {
        clearTimeout(timer);
        resolve(text);
      });
      child.stdin.end();
    });
    expect(output).toContain('45 123');
    expect(output).toMatch(/\/dev\/pts\/\d+/);
  });

  it('follows logs with logs -f', async () => {
    const logs = kubectlStream(kc, ['logs', '-f', '-n', 'shop', 'client-5f6c7-abcde']);
    try {
      const text = await logs.waitFor(/hello from web-7d4b9-\w+/, 30_000);
      expect(text).toMatch(/hello from web-7d4b9-(x2x8k|q7m2p)/);
    } finally {
      logs.stop();
    }
  });

  it('creates, applies and deletes a pod from a manifest file', async () => {
    const manifest = join(dir, 'pod.yaml');
    await writeFile(
      manifest,
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: from-manifest',
        '  namespace: default',
        '  labels: { app: manifest }',
        'spec:',
        '  nodeName: sbx-node-b',
        '  containers:',
        '    - name: main',
        '      image: registry.sandbox.local/busybox:1.36',
        '      command: [sleep, "300"]',
        '',
      ].join('\n'),
    );
    const created = await kubectl(kc, ['create', '-f', manifest]);
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('pod/from-manifest created');
    const dup = await kubectl(kc, ['create', '-f', manifest]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('Error from server (AlreadyExists): error when creating');
    const applied = await kubectl(kc, ['apply', '-f', manifest]);
    expect(applied.code).toBe(0);
    expect(applied.stdout.trim()).toMatch(/^pod\/from-manifest (configured|unchanged)$/);
    await waitForRunning(sandbox, 'default', 'from-manifest');
    const deleted = await kubectl(kc, ['delete', '-f', manifest, '--grace-period=1']);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout.trim()).toBe('pod "from-manifest" deleted');
    expect(sandbox.cluster.getPod('default', 'from-manifest')).toBeUndefined();

    const fresh = join(dir, 'fresh.yaml');
    await writeFile(
      fresh,
      (await readFile(manifest, 'utf8')).replace('from-manifest', 'applied-fresh'),
    );
    const applyNew = await kubectl(kc, ['apply', '-f', fresh]);
    expect(applyNew.stdout.trim()).toBe('pod/applied-fresh created');
    await kubectl(kc, ['delete', '-f', fresh, '--grace-period=0', '--force']);
  });

  it('answers auth can-i for an allowed and a denied user', async () => {
    const yes = await kubectl(kc, ['auth', 'can-i', 'create', 'pods', '-n', 'snoopy-system']);
    expect([yes.code, yes.stdout.trim()]).toEqual([0, 'yes']);
    const no = await kubectl(kc, [
      '--context',
      sandbox.contexts.viewer ?? '',
      'auth',
      'can-i',
      'create',
      'pods',
      '-n',
      'snoopy-system',
    ]);
    expect([no.code, no.stdout.trim()]).toEqual([1, 'no']);
    const execInShop = await kubectl(kc, [
      '--context',
      sandbox.contexts['shop-dev'] ?? '',
      'auth',
      'can-i',
      'create',
      'pods',
      '--subresource=exec',
      '-n',
      'shop',
    ]);
    expect(execInShop.stdout.trim()).toBe('yes');
  });

  it('rejects a forbidden create with the RBAC message kubectl prints', async () => {
    const { code, stderr } = await kubectl(kc, [
      '--context',
      sandbox.contexts.viewer ?? '',
      'run',
      'nope',
      '-n',
      'snoopy-system',
      '--image',
      'registry.sandbox.local/busybox:1.36',
      '--restart=Never',
      '--',
      'sleep',
      '1',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'Error from server (Forbidden): pods is forbidden: User "viewer" cannot create resource "pods" in API group "" in the namespace "snoopy-system"',
    );
  });

  it('rejects a privileged pod in a baseline namespace with the Pod Security message', async () => {
    const manifest = join(dir, 'privileged.yaml');
    await writeFile(
      manifest,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'agent', namespace: 'locked-down' },
        spec: {
          hostPID: true,
          containers: [
            {
              name: 'agent',
              image: 'nicolaka/netshoot:v0.13',
              command: ['sleep', '60'],
              securityContext: { privileged: true },
            },
          ],
        },
      }),
    );
    const { code, stderr } = await kubectl(kc, ['create', '-f', manifest]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'Error from server (Forbidden): error when creating "' +
        manifest +
        '": pods "agent" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostPID=true), privileged (container "agent" must not set securityContext.privileged=true)',
    );
  });
});
