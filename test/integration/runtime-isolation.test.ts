// What a container may see and do: kubelet-style cgroups with its container ID, and the
// privileges its spec grants (an agent needs hostPID and privileged to enter another pod).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../sandbox/runtime/test-cluster';
import type { Pod, SecurityContext } from '../sandbox/contracts';

const netshoot = 'docker.io/nicolaka/netshoot:v0.13';
const busybox = 'registry.sandbox.local/busybox:1.36';
const sleeper = ['sleep', '3600'];

function containerId(pod: Pod): string {
  return (pod.status.containerStatuses?.[0]?.containerID ?? '').replace(/^[a-z-]+:\/\//, '');
}

describe('runtime isolation', () => {
  let cluster: TestCluster;
  let workload: Pod;
  let workloadPid: string;
  beforeAll(async () => {
    cluster = await startTestCluster();
    workload = await cluster.runPod('workload', {
      containers: [
        {
          name: 'app',
          image: busybox,
          command: [
            'sh',
            '-c',
            'while true; do wget -q -T 1 -O /dev/null http://10.109.0.1:1/ 2>/dev/null; sleep 0.2; done',
          ],
        },
      ],
    });
    const agent = await cluster.runPod('finder', {
      hostPID: true,
      containers: [
        { name: 'agent', image: netshoot, command: sleeper, securityContext: { privileged: true } },
      ],
    });
    // Find the workload's process the way the podtracer agent does: by its container ID in /proc/*/cgroup.
    const found = await cluster.exec(agent, [
      'sh',
      '-c',
      `grep -l ${containerId(workload)} /proc/[0-9]*/cgroup | head -1 | cut -d/ -f3`,
    ]);
    workloadPid = found.stdout.toString().trim();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('puts container processes in systemd-driver cgroups named after the pod UID and container ID', async () => {
    expect(workload.status.containerStatuses?.[0]?.containerID).toMatch(
      /^containerd:\/\/[0-9a-f]{64}$/,
    );
    const lines = readFileSync(`/proc/${workloadPid}/cgroup`, 'utf8');
    const uid = workload.metadata.uid.replaceAll('-', '_');
    expect(lines).toContain(
      `/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod${uid}.slice/cri-containerd-${containerId(workload)}.scope`,
    );
  });

  it('puts container processes in cgroupfs-driver cgroups on a cgroupfs node, with a CRI-O container ID', async () => {
    const pod = await cluster.runPod('on-b', {
      nodeName: 'node-b',
      containers: [
        { name: 'app', image: busybox, command: sleeper, resources: { requests: { cpu: '10m' } } },
      ],
    });
    expect(pod.status.qosClass).toBe('Burstable');
    expect(pod.status.containerStatuses?.[0]?.containerID).toMatch(/^cri-o:\/\/[0-9a-f]{64}$/);
    const { stdout } = await cluster.exec(pod, ['cat', '/proc/self/cgroup']);
    expect(stdout.toString()).toContain(
      `/kubepods/burstable/pod${pod.metadata.uid}/${containerId(pod)}`,
    );
  });

  it('lets a hostPID privileged agent enter the workload netns, see its IP and capture there', async () => {
    expect(workloadPid).toMatch(/^\d+$/);
    const agent = await cluster.runPod('agent', {
      hostPID: true,
      containers: [
        { name: 'agent', image: netshoot, command: sleeper, securityContext: { privileged: true } },
      ],
    });
    const addr = await cluster.exec(agent, [
      'nsenter',
      '-t',
      workloadPid,
      '-n',
      'ip',
      '-4',
      'addr',
    ]);
    expect(addr.exitCode, addr.stderr).toBe(0);
    expect(addr.stdout.toString()).toContain(`inet ${workload.status.podIP}/`);
    const capture = await cluster.exec(agent, [
      'nsenter',
      '-t',
      workloadPid,
      '-n',
      'tcpdump',
      '-n',
      '-c',
      '3',
      '-i',
      'any',
    ]);
    expect(capture.exitCode, capture.stderr).toBe(0);
    expect(capture.stderr).toContain('3 packets captured');
  });

  it('keeps an agent without hostPID from seeing the workload process', async () => {
    const agent = await cluster.runPod('agent-no-hostpid', {
      containers: [
        { name: 'agent', image: netshoot, command: sleeper, securityContext: { privileged: true } },
      ],
    });
    const ps = await cluster.exec(agent, ['ps', '-o', 'pid,args']);
    expect(ps.stdout.toString()).not.toContain('wget');
    const enter = await cluster.exec(agent, [
      'nsenter',
      '-t',
      workloadPid,
      '-n',
      'ip',
      '-4',
      'addr',
    ]);
    expect(enter.exitCode).not.toBe(0);
    expect(enter.stderr).toMatch(/No such (process|file)/);
  });

  it('refuses nsenter and tcpdump to an agent that is not privileged', async () => {
    const unprivileged: SecurityContext = {};
    const agent = await cluster.runPod('agent-unprivileged', {
      hostPID: true,
      containers: [
        { name: 'agent', image: netshoot, command: sleeper, securityContext: unprivileged },
      ],
    });
    const enter = await cluster.exec(agent, [
      'nsenter',
      '-t',
      workloadPid,
      '-n',
      'ip',
      '-4',
      'addr',
    ]);
    expect(enter.exitCode).not.toBe(0);
    expect(enter.stderr).toContain('Operation not permitted');
    const capture = await cluster.exec(agent, ['tcpdump', '-c', '1', '-i', 'any']);
    expect(capture.exitCode).not.toBe(0);
    expect(capture.stderr).toMatch(/Operation not permitted|permission/i);
  });

  it('gives busybox-userland images busybox applets but the real tcpdump and ip', async () => {
    const agent = await cluster.runPod('userland', {
      containers: [{ name: 'agent', image: netshoot, command: sleeper }],
    });
    const which = await cluster.exec(agent, [
      'sh',
      '-c',
      'readlink -f "$(command -v ls)"; command -v tcpdump; command -v ip',
    ]);
    const [ls, tcpdump, ip] = which.stdout.toString().trim().split('\n');
    expect(ls).toMatch(/busybox$/);
    expect(tcpdump).toMatch(/^\/usr\/s?bin\/tcpdump$|^\/s?bin\/tcpdump$/);
    expect(ip).not.toContain('snoopy-sandbox');
  });
});
