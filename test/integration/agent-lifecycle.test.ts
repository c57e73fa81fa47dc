// The podtracer agent's life against the sandbox cluster: created on the workload's node, reused,
// finds pods on every cgroup driver (and crash-looping and hostNetwork ones), ends on its own when
// the heartbeat stops, and leaves nothing behind.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentManager } from '../../main/agent/agent-manager';
import type { AgentProgress } from '../../main/agent/agent-start';
import { nsenterArgv } from '../../main/agent/target';
import { isSnoopyError } from '../../main/errors';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { expectNoAgentPods, testManager } from './helpers/agent-manager';
import { waitForRunning } from './helpers/sandbox-pods';
import { waitUntil } from './helpers/wait';

let sandbox: Sandbox;
const managers: AgentManager[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterEach(async () => {
  for (const m of managers.splice(0)) await m.shutdown();
  await expectNoAgentPods(sandbox);
});

afterAll(async () => {
  await sandbox?.stop();
});

function manager(options: Parameters<typeof testManager>[1] = {}): AgentManager {
  const m = testManager(sandbox, options);
  managers.push(m);
  return m;
}

describe('agent lifecycle', () => {
  it("creates an agent on the workload's node, reports progress, and reuses it for a second request", async () => {
    const m = manager();
    const progress: AgentProgress['step'][] = [];
    const agent = await m.ensureAgent('sbx-node-a', { onProgress: (p) => progress.push(p.step) });
    expect(progress).toEqual(['creating', 'scheduled', 'pulling-image', 'started']);
    const pod = sandbox.cluster.getPod('snoopy-system', agent.pod);
    expect(pod?.spec.nodeName).toBe('sbx-node-a');
    expect(pod?.spec.hostPID).toBe(true);
    expect(pod?.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('snoopy');

    const again: AgentProgress['step'][] = [];
    const second = await m.ensureAgent('sbx-node-a', { onProgress: (p) => again.push(p.step) });
    expect(second.pod).toBe(agent.pod);
    expect(again).toEqual(['reused']);
    const agents = sandbox.cluster
      .listPods()
      .filter((p) => p.metadata.namespace === 'snoopy-system');
    expect(agents).toHaveLength(1);
  });

  for (const [node, name] of [
    ['sbx-node-a', 'web-7d4b9-x2x8k'],
    ['sbx-node-b', 'web-7d4b9-q7m2p'],
  ] as const) {
    it(`finds ${name} on ${node} by its container and enters its network namespace`, async () => {
      const web = await waitForRunning(sandbox, 'shop', name);
      const m = manager();
      const target = await m.findTarget('shop', name);
      expect(target.via).toBe('container');
      expect(target.hostNetwork).toBe(false);
      expect(target.pod.node).toBe(node);
      const addr = await m.run(node, nsenterArgv(target.pid, ['ip', '-4', 'addr']));
      expect(addr.exitCode, addr.stderr).toBe(0);
      expect(addr.stdout).toContain(`inet ${web.status.podIP}/`);
    });
  }

  it('finds a crash-looping pod through its sandbox (pause) process', async () => {
    await waitUntil('crashy to have restarted', () => {
      const pod = sandbox.cluster.getPod('shop', 'crashy');
      return (pod?.status.containerStatuses?.[0]?.restartCount ?? 0) > 0;
    });
    const m = manager();
    // Its container is dead most of the time: look until we meet it between two starts.
    const target = await waitUntil(
      'crashy to be found through its sandbox',
      async () => {
        const found = await m.findTarget('shop', 'crashy');
        return found.via === 'sandbox-by-uid' ? found : undefined;
      },
      40_000,
      500,
    );
    const crashy = sandbox.cluster.getPod('shop', 'crashy');
    const addr = await m.run('sbx-node-a', nsenterArgv(target.pid, ['ip', '-4', 'addr']));
    expect(addr.stdout).toContain(`inet ${crashy?.status.podIP ?? 'no IP'}/`);
  });

  it('flags a hostNetwork pod', async () => {
    await waitForRunning(sandbox, 'kube-system', 'node-exporter-a');
    const m = manager();
    const target = await m.findTarget('kube-system', 'node-exporter-a');
    expect(target.hostNetwork).toBe(true);
  });

  it('says which image cannot be pulled, and leaves no pod behind', async () => {
    const m = manager({ settings: { image: 'registry.invalid/podtracer:v1' } });
    const err = await m.ensureAgent('sbx-node-b').catch((e: unknown) => e);
    expect(isSnoopyError(err) && err.code).toBe('AGENT_IMAGE_PULL_FAILED');
    expect(isSnoopyError(err) && err.message).toContain('registry.invalid/podtracer:v1');
    expect(isSnoopyError(err) && err.fix).toContain('agent.image');
  });

  it('ends on its own when the heartbeat stops', async () => {
    const m = manager({ settings: { heartbeatTimeoutSeconds: 3, heartbeatIntervalSeconds: 1 } });
    const agent = await m.ensureAgent('sbx-node-b');
    // Stop renewing (as if the app were gone) but keep the pod object to watch it end.
    (m as unknown as { agents: Map<string, { heartbeat?: NodeJS.Timeout }> }).agents.forEach((e) =>
      clearInterval(e.heartbeat),
    );
    const ended = await waitUntil(
      'the agent to end',
      () => {
        const pod = sandbox.cluster.getPod('snoopy-system', agent.pod);
        return pod?.status.phase === 'Succeeded' ? pod : undefined;
      },
      20_000,
      200,
    );
    expect(ended.status.phase).toBe('Succeeded');
  });

  it('shutdown() deletes every agent of this run and waits until they are gone', async () => {
    const m = manager();
    await Promise.all([m.ensureAgent('sbx-node-a'), m.ensureAgent('sbx-node-b')]);
    const removed = await m.shutdown();
    expect(removed).toHaveLength(2);
    await expectNoAgentPods(sandbox);
  });
});
