// An agent pod created through the API gets exactly the privileges its spec asks for: with hostPID
// and privileged it can find a workload pod's process, enter its network namespace and capture
// real packets; without them it fails as it would in a real cluster.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container, PodSpec } from '../sandbox/contracts';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { kubectl } from './helpers/kubectl';
import { containerId, waitForRunning } from './helpers/sandbox-pods';
import { waitUntil } from './helpers/wait';

const run = promisify(execFile);
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  const slot = sandbox?.network.slot;
  await sandbox?.stop();
  if (slot !== undefined) {
    // Nothing of this instance may survive it: no netns, no process in its cgroups.
    const { stdout } = await run('ip', ['netns', 'list']);
    expect(stdout.split('\n').filter((l) => l.startsWith(`sbx${slot}-`))).toEqual([]);
  }
});

const agentContainer = (securityContext: Container['securityContext']): Container => ({
  name: 'agent',
  image: 'nicolaka/netshoot:v0.13',
  command: ['sleep', '600'],
  ...(securityContext ? { securityContext } : {}),
});

function createAgent(
  name: string,
  node: string,
  spec: Partial<PodSpec>,
  container: Container,
): void {
  sandbox.cluster.createPod({
    metadata: {
      name,
      namespace: 'snoopy-system',
      labels: { 'app.kubernetes.io/name': 'podtracer' },
    },
    spec: {
      nodeName: node,
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      ...spec,
      containers: [container],
    },
  });
}

/** The agent's way in: the PID whose /proc/PID/cgroup names the container ID. */
const findPidScript =
  'for f in /proc/[0-9]*/cgroup; do if grep -q "$1" "$f" 2>/dev/null; then p=${f#/proc/}; echo ${p%/cgroup}; exit 0; fi; done; exit 1';

async function agentExec(
  pod: string,
  argv: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return kubectl(sandbox.kubeconfigPath, ['exec', '-n', 'snoopy-system', pod, '--', ...argv], {
    timeoutMs: 40_000,
  });
}

describe('agent pods in the sandbox', () => {
  for (const [node, target] of [
    ['sbx-node-a', 'web-7d4b9-x2x8k'],
    ['sbx-node-b', 'web-7d4b9-q7m2p'],
  ] as const) {
    it(`enters ${target}'s network namespace on ${node} from a hostPID privileged agent and captures its packets`, async () => {
      const web = await waitForRunning(sandbox, 'shop', target);
      await waitForRunning(sandbox, 'shop', 'client-5f6c7-abcde');
      const agent = `agent-${node}`;
      createAgent(agent, node, { hostPID: true }, agentContainer({ privileged: true }));
      await waitForRunning(sandbox, 'snoopy-system', agent);

      const found = await agentExec(agent, ['sh', '-c', findPidScript, 'sh', containerId(web)]);
      expect(found.code).toBe(0);
      const pid = found.stdout.trim();
      expect(pid).toMatch(/^\d+$/);

      const addr = await agentExec(agent, ['nsenter', '-t', pid, '-n', 'ip', '-4', 'addr']);
      expect(addr.stdout).toContain(`inet ${web.status.podIP}/`);

      // Real HTTP to this pod: the client pod fetches from its IP directly (the client's own loop
      // goes through the Service and may pick the other backend for a while).
      const capturing = agentExec(agent, [
        'nsenter',
        '-t',
        pid,
        '-n',
        'timeout',
        '30',
        'tcpdump',
        '-nn',
        '-i',
        'any',
        '-c',
        '4',
        'tcp port 8080',
      ]);
      let done = false;
      void capturing.finally(() => (done = true));
      for (let i = 0; i < 20 && !done; i++) {
        await new Promise((r) => setTimeout(r, 700));
        await kubectl(sandbox.kubeconfigPath, [
          'exec',
          '-n',
          'shop',
          'client-5f6c7-abcde',
          '--',
          'wget',
          '-q',
          '-O',
          '/dev/null',
          `http://${web.status.podIP}:8080/`,
        ]);
      }
      const capture = await capturing;
      expect(capture.code).toBe(0);
      const lines = capture.stdout.trim().split('\n');
      expect(lines).toHaveLength(4);
      expect(capture.stdout).toContain(`${web.status.podIP}.8080`);
    });
  }

  it("cannot see other pods' processes without hostPID", async () => {
    const web = await waitForRunning(sandbox, 'shop', 'web-7d4b9-q7m2p');
    createAgent('agent-no-hostpid', 'sbx-node-b', {}, agentContainer({ privileged: true }));
    await waitForRunning(sandbox, 'snoopy-system', 'agent-no-hostpid');
    const found = await agentExec('agent-no-hostpid', [
      'sh',
      '-c',
      findPidScript,
      'sh',
      containerId(web),
    ]);
    expect(found.code).toBe(1);
    const ps = await agentExec('agent-no-hostpid', ['sh', '-c', 'ls -d /proc/[0-9]* | wc -l']);
    expect(Number(ps.stdout.trim())).toBeLessThan(10);
  });

  it('cannot enter a network namespace or capture without privileged', async () => {
    const web = await waitForRunning(sandbox, 'shop', 'web-7d4b9-q7m2p');
    createAgent('agent-unprivileged', 'sbx-node-b', { hostPID: true }, agentContainer(undefined));
    await waitForRunning(sandbox, 'snoopy-system', 'agent-unprivileged');
    const found = await agentExec('agent-unprivileged', [
      'sh',
      '-c',
      findPidScript,
      'sh',
      containerId(web),
    ]);
    const pid = found.stdout.trim();
    expect(pid).toMatch(/^\d+$/);
    const entered = await agentExec('agent-unprivileged', [
      'nsenter',
      '-t',
      pid,
      '-n',
      'ip',
      '-4',
      'addr',
    ]);
    expect(entered.code).not.toBe(0);
    expect(entered.stderr).toMatch(/Operation not permitted/);
    const captured = await agentExec('agent-unprivileged', ['tcpdump', '-c', '1', '-i', 'any']);
    expect(captured.code).not.toBe(0);
    expect(captured.stderr).toMatch(/Operation not permitted|permission/i);
  });

  it('deletes agent pods on request and leaves none behind', async () => {
    for (const pod of sandbox.cluster
      .listPods()
      .filter((p) => p.metadata.namespace === 'snoopy-system')) {
      sandbox.cluster.deletePod('snoopy-system', pod.metadata.name, 0);
    }
    await waitUntil('the agent namespace to be empty', () =>
      sandbox.cluster.listPods().every((p) => p.metadata.namespace !== 'snoopy-system'),
    );
    const { stdout } = await kubectl(sandbox.kubeconfigPath, [
      'get',
      'pods',
      '-n',
      'snoopy-system',
      '-o',
      'name',
    ]);
    expect(stdout.trim()).toBe('');
  });
});
