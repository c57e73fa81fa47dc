// An AgentManager over a sandbox context, for the agent-* integration tests, and the check every
// one of them ends with: no agent pod left in the agent namespace.
import { KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { AgentManager } from '../../../main/agent/agent-manager';
import type { AgentSettingsInput } from '../../../main/agent/settings';
import type { Sandbox } from '../../sandbox/sandbox';
import { kubectl } from './kubectl';

export function sandboxKubeConfig(sandbox: Sandbox, context = 'sandbox'): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(sandbox.kubeconfigPath);
  kc.setCurrentContext(context);
  return kc;
}

export function testManager(
  sandbox: Sandbox,
  options: {
    context?: string;
    settings?: AgentSettingsInput;
    owner?: string;
    session?: string;
  } = {},
): AgentManager {
  const context = options.context ?? 'sandbox';
  return new AgentManager({
    kubeConfig: sandboxKubeConfig(sandbox, context),
    target: { context, server: sandbox.url, user: undefined },
    identity: {
      owner: options.owner ?? `test-${randomBytes(4).toString('hex')}`,
      session: options.session ?? randomBytes(4).toString('hex'),
    },
    settings: { heartbeatIntervalSeconds: 2, ...options.settings },
  });
}

/** `kubectl get pods -n <ns>` lists nothing (the agents' promise: zero litter). */
export async function expectNoAgentPods(
  sandbox: Sandbox,
  namespace = 'snoopy-system',
): Promise<void> {
  const { stdout, stderr, code } = await kubectl(sandbox.kubeconfigPath, [
    'get',
    'pods',
    '-n',
    namespace,
    '-o',
    'name',
  ]);
  expect(code, stderr).toBe(0);
  expect(stdout.trim()).toBe('');
}
