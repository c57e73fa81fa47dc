// `snoopy pods` against the sandbox, with the real kubectl as the reference on the same cluster.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PodSummary } from '../../main/api/contract/index';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { kubectl } from './helpers/kubectl';
import { waitUntil } from './helpers/wait';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
  // The crash-looping pod has restarted at least once: its row then has a "(…ago)".
  await waitUntil(
    'crashy to restart',
    () =>
      (sandbox.cluster.getPod('shop', 'crashy')?.status.containerStatuses?.[0]?.restartCount ?? 0) >
      0,
    60_000,
  );
});

afterAll(async () => {
  await sandbox?.stop();
});

function snoopy(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['snoopy', ...args], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, KUBECONFIG: sandbox.kubeconfigPath },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Rows of a kubectl-style table, cells split on the 3-space column gap, keyed by the first two. */
function tableRows(text: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of text.trim().split('\n').slice(1)) {
    const cells = line.trim().split(/ {3,}/);
    rows.set(`${cells[0]}/${cells[1]}`, cells);
  }
  return rows;
}

describe('snoopy pods', () => {
  it('-A -o json names the same pods as kubectl get pods -A', async () => {
    const ours = await snoopy(['pods', '-A', '-o', 'json']);
    expect(ours.code).toBe(0);
    const pods = JSON.parse(ours.stdout) as PodSummary[];
    const theirs = await kubectl(sandbox.kubeconfigPath, ['get', 'pods', '-A', '-o', 'json']);
    const reference = (
      JSON.parse(theirs.stdout) as {
        items: Array<{ metadata: { namespace: string; name: string } }>;
      }
    ).items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(pods.map((p) => `${p.namespace}/${p.name}`).sort()).toEqual(reference.sort());
    expect(pods.find((p) => p.name === 'crashy')?.restarts).toBeGreaterThan(0);
  });

  it('prints the READY, STATUS and RESTARTS that kubectl prints, for every pod', async () => {
    // crashy changes state every second or so: compare runs taken close together, a few times.
    let last = '';
    for (let attempt = 0; attempt < 6; attempt++) {
      const [ours, theirs] = await Promise.all([
        snoopy(['pods', '-A']),
        kubectl(sandbox.kubeconfigPath, ['get', 'pods', '-A']),
      ]);
      expect(ours.code).toBe(0);
      expect(ours.stdout.split('\n')[0]).toBe(theirs.stdout.split('\n')[0]);
      const a = tableRows(ours.stdout);
      const b = tableRows(theirs.stdout);
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      const differences = [...b].filter(([key, cells]) => {
        const mine = a.get(key) ?? [];
        // READY, STATUS, and the RESTARTS count (its "(5s ago)" may tick between the two runs).
        return (
          mine[2] !== cells[2] ||
          mine[3] !== cells[3] ||
          mine[4]?.split(' ')[0] !== cells[4]?.split(' ')[0]
        );
      });
      if (differences.length === 0) {
        expect(a.get('shop/crashy')?.[4]).toMatch(/^\d+ \(\d+\w+ ago\)$/);
        return;
      }
      last = JSON.stringify(differences.map(([k, c]) => [k, c, a.get(k)]));
    }
    throw new Error(`snoopy and kubectl disagree: ${last}`);
  });

  it('honours -n, -l and -o wide', async () => {
    const ours = await snoopy(['pods', '-n', 'shop', '-l', 'app=web', '-o', 'wide']);
    expect(ours.code).toBe(0);
    const lines = ours.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([
      'web-7d4b9-q7m2p',
      'web-7d4b9-x2x8k',
    ]);
  });

  it('prints the error with its fix and exits 1', async () => {
    const denied = await snoopy(['pods', '-A', '--context', sandbox.contexts['shop-dev'] ?? '']);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/^RBAC_DENIED: you may not list pods at the cluster scope.* — /m);
    const unknown = await snoopy(['pods', '--context', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^CONTEXT_NOT_FOUND: /m);
    const missing = await snoopy(['pods', '--kubeconfig', '/nonexistent/kubeconfig']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^KUBECONFIG_NOT_FOUND: /m);
  });
});
