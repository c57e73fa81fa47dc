// The manifests are real Kubernetes objects: the namespace applies with the real kubectl, and the
// pod Snoopy builds passes a server-side dry-run (admission included) without creating anything.
// rbac.yaml and openshift-scc.yaml are not applied here: the sandbox serves no RBAC API objects
// (its users' rights come from the scenario); the unit tests check their content.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { buildAgentPod } from '../../main/agent/agent-pod';
import { agentSettings } from '../../main/agent/settings';
import { expectNoAgentPods } from './helpers/agent-manager';
import { kubectl } from './helpers/kubectl';

let sandbox: Sandbox;
const manifest = (name: string): string =>
  new URL(`../../agent-manifests/${name}`, import.meta.url).pathname;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

describe('agent manifests against the sandbox', () => {
  it('namespace.yaml applies with kubectl and labels the namespace privileged', async () => {
    const applied = await kubectl(sandbox.kubeconfigPath, [
      'apply',
      '-f',
      manifest('namespace.yaml'),
    ]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/namespace\/snoopy-system (configured|unchanged|created)/);
    const got = await kubectl(sandbox.kubeconfigPath, [
      'get',
      'ns',
      'snoopy-system',
      '-o',
      'jsonpath={.metadata.labels}',
    ]);
    expect(JSON.parse(got.stdout)).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/warn': 'privileged',
    });
  });

  it('agent-pod.yaml, with a node filled in, passes a server-side dry-run', async () => {
    const yaml = readFileSync(manifest('agent-pod.yaml'), 'utf8').replace(
      'NODE_NAME',
      'sbx-node-a',
    );
    const result = await kubectl(
      sandbox.kubeconfigPath,
      ['create', '--dry-run=server', '-f', '-', '-o', 'name'],
      {
        input: yaml,
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('pod/podtracer-example');
    await expectNoAgentPods(sandbox);
  });

  for (const privileges of ['privileged', 'capabilities'] as const) {
    it(`the pod Snoopy builds (${privileges}) passes a server-side dry-run`, async () => {
      const pod = buildAgentPod(
        'sbx-node-c',
        { context: 'sandbox', owner: 'o', session: 's' },
        agentSettings({ privileges }),
      );
      const result = await kubectl(
        sandbox.kubeconfigPath,
        ['create', '--dry-run=server', '-f', '-', '-o', 'name'],
        {
          input: JSON.stringify(pod),
        },
      );
      expect(result.code, result.stderr).toBe(0);
      await expectNoAgentPods(sandbox);
    });
  }
});
