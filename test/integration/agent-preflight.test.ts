// Preflight says what will be created and whether the user may, before anything is created:
// it passes for the admin, and fails with the specific fix for a read-only user (RBAC) and for
// an agent namespace that enforces Pod Security baseline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preflight } from '../../main/agent/preflight';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { expectNoAgentPods, testManager } from './helpers/agent-manager';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

async function run(context: string, namespace?: string) {
  const m = testManager(sandbox, { context, ...(namespace ? { settings: { namespace } } : {}) });
  const report = await preflight(m, m.agentApi, {
    nodes: ['sbx-node-a', 'sbx-node-c'],
    targetNamespaces: ['shop'],
  });
  await expectNoAgentPods(sandbox, namespace ?? 'snoopy-system');
  return report;
}

describe('preflight', () => {
  it('passes for an admin and says what will be created', async () => {
    const report = await run('sandbox');
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.willCreate).toEqual({
      namespace: 'snoopy-system',
      nodes: ['sbx-node-a', 'sbx-node-c'],
      image: 'nicolaka/netshoot:v0.13',
      privileges: 'privileged, hostPID, hostNetwork',
    });
  });

  it('names the missing RoleBinding for a read-only user', async () => {
    const report = await run('sandbox-viewer');
    expect(report.ok).toBe(false);
    const failed = report.checks.filter((c) => !c.ok);
    expect(failed.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'may create pods in snoopy-system',
        'may create pods/exec in snoopy-system',
        'may delete pods in snoopy-system',
      ]),
    );
    const create = failed.find((c) => c.name === 'may create pods in snoopy-system');
    expect(create?.error?.code).toBe('RBAC_DENIED');
    expect(create?.error?.fix).toContain('agent-manifests/rbac.yaml');
    expect(report.checks.find((c) => c.name === 'may get pods in shop')?.ok).toBe(true);
  });

  it('explains the namespace label for a baseline agent namespace', async () => {
    const report = await run('sandbox', 'locked-down');
    const psa = report.checks.find((c) => c.name.startsWith('agent namespace'));
    expect(psa?.error?.code).toBe('POD_SECURITY_REJECTED');
    expect(psa?.error?.fix).toContain('pod-security.kubernetes.io/enforce=privileged');
    const dryRun = report.checks.find((c) => c.name.startsWith('server-side dry-run'));
    expect(dryRun?.error?.code).toBe('POD_SECURITY_REJECTED');
    expect(dryRun?.error?.message).toContain('violates PodSecurity');
  });
});
