// A runtime on a fake store for the runtime's integration tests: two nodes (systemd/containerd
// and cgroupfs/cri-o), helpers to run pods and to collect exec output.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { FakePodStore } from './fake-pod-store';
import { createKubelet, type SandboxKubelet } from './index';
import { networkPlan, nodeAddresses } from '../slots';
import type { ExecRequest, NetworkPlan, Pod, PodSpec, SandboxNode } from '../contracts';

export interface TestCluster {
  store: FakePodStore;
  kubelet: SandboxKubelet;
  plan: NetworkPlan;
  nodes: SandboxNode[];
  stateDir: string;
  runPod(
    name: string,
    spec: Omit<PodSpec, 'nodeName'> & { nodeName?: string },
    labels?: Record<string, string>,
  ): Promise<Pod>;
  exec(
    pod: Pod,
    command: string[],
    options?: Partial<ExecRequest>,
  ): Promise<{ stdout: Buffer; stderr: string; exitCode: number | null }>;
  close(): Promise<void>;
}

export async function readAll(stream: Readable | null): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startTestCluster(
  slot = 9,
  crashLoopBackoffSeconds = 1,
): Promise<TestCluster> {
  const plan = networkPlan(slot);
  const nodes: SandboxNode[] = (
    [
      { name: 'node-a', cgroupDriver: 'systemd', runtime: 'containerd' },
      { name: 'node-b', cgroupDriver: 'cgroupfs', runtime: 'cri-o' },
    ] as const
  ).map((node, index) => ({
    ...node,
    ...nodeAddresses(slot, index),
    ready: true,
    labels: {},
    taints: [],
  }));
  const store = new FakePodStore();
  const stateDir = mkdtempSync(join(tmpdir(), `runtime-test-${slot}-`));
  const kubelet = await createKubelet({
    store,
    nodes,
    network: plan,
    stateDir,
    failingImages: ['*.invalid/*', '*/does-not-exist*'],
    busyboxImages: ['*netshoot*', '*alpine*', '*busybox*'],
    crashLoopBackoffSeconds,
  });
  return {
    store,
    kubelet,
    plan,
    nodes,
    stateDir,
    async runPod(name, spec, labels = {}) {
      const pod = store.makePod(
        name,
        'default',
        { nodeName: 'node-a', terminationGracePeriodSeconds: 0, ...spec },
        labels,
      );
      kubelet.admit(pod);
      return store.waitForPod(
        'default',
        name,
        'Running and Ready',
        (p) =>
          p.status.phase === 'Running' &&
          p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true,
      );
    },
    async exec(pod, command, options = {}) {
      const process = await kubelet.exec(pod, {
        container: pod.spec.containers[0]?.name ?? '',
        command,
        stdin: false,
        stdout: true,
        stderr: true,
        tty: false,
        ...options,
      });
      const [stdout, stderr, exit] = await Promise.all([
        readAll(process.stdout),
        readAll(process.stderr),
        process.exited,
      ]);
      return { stdout, stderr: stderr.toString(), exitCode: exit.exitCode };
    },
    async close() {
      try {
        await kubelet.shutdown();
      } finally {
        rmSync(stateDir, { recursive: true, force: true });
      }
    },
  };
}
