// The runtime's pod network: own netns and IP per pod, cross-node traffic, Services and DNS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../sandbox/runtime/test-cluster';

const busybox = 'registry.sandbox.local/busybox:1.36';
const httpd = [
  'sh',
  '-c',
  'mkdir -p /tmp/www && echo "hello from $HOSTNAME" > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www',
];
const sleeper = ['sleep', '3600'];

describe('runtime pod network', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(async () => {
    await cluster?.close();
  });

  it('gives a workload pod its own IP that exec inside the pod sees instead of the host addresses', async () => {
    const pod = await cluster.runPod('ip-check', {
      containers: [{ name: 'app', image: busybox, command: sleeper }],
    });
    expect(pod.status.podIP).toMatch(/^10\.109\.1\.\d+$/);
    expect(pod.status.hostIP).toBe('10.109.0.10');
    const { stdout, exitCode } = await cluster.exec(pod, ['ip', '-4', 'addr']);
    expect(exitCode).toBe(0);
    const addresses = [...stdout.toString().matchAll(/inet (\S+)\//g)].map((m) => m[1]);
    expect(addresses.sort()).toEqual(['127.0.0.1', pod.status.podIP].sort());
    const resolv = await cluster.exec(pod, ['cat', '/etc/resolv.conf']);
    expect(resolv.stdout.toString()).toContain('nameserver 10.209.0.10');
    expect(resolv.stdout.toString()).toContain(
      'search default.svc.cluster.local svc.cluster.local cluster.local',
    );
  });

  it('lets pods on different nodes ping each other', async () => {
    const withRaw = { capabilities: { add: ['NET_RAW'] } };
    const a = await cluster.runPod('pinger-a', {
      containers: [{ name: 'app', image: busybox, command: sleeper, securityContext: withRaw }],
    });
    const b = await cluster.runPod('pinger-b', {
      nodeName: 'node-b',
      containers: [{ name: 'app', image: busybox, command: sleeper, securityContext: withRaw }],
    });
    expect(b.status.podIP).toMatch(/^10\.109\.2\./);
    const there = await cluster.exec(a, ['ping', '-c', '1', '-W', '2', b.status.podIP ?? '']);
    expect(there.exitCode, there.stderr).toBe(0);
    const back = await cluster.exec(b, ['ping', '-c', '1', '-W', '2', a.status.podIP ?? '']);
    expect(back.exitCode, back.stderr).toBe(0);
  });

  it('resolves a Service name through the cluster DNS and reaches a backend through its cluster IP', async () => {
    await cluster.runPod(
      'web-1',
      {
        nodeName: 'node-b',
        containers: [
          {
            name: 'web',
            image: busybox,
            command: httpd,
            ports: [{ containerPort: 8080, name: 'http' }],
          },
        ],
      },
      { app: 'web' },
    );
    const client = await cluster.runPod('client', {
      containers: [{ name: 'client', image: busybox, command: sleeper }],
    });
    cluster.store.addService('web', 'default', '10.209.0.20', { app: 'web' }, [
      { name: 'http', port: 80, targetPort: 'http' },
    ]);
    cluster.kubelet.servicesChanged(cluster.store.listServices());
    await cluster.kubelet.servicesSettled();

    const lookup = await cluster.exec(client, ['nslookup', 'web.default.svc.cluster.local']);
    expect(lookup.stdout.toString()).toContain('10.209.0.20');
    const unknown = await cluster.exec(client, [
      'nslookup',
      'no-such-service.default.svc.cluster.local',
    ]);
    expect(unknown.stdout.toString() + unknown.stderr).toMatch(/NXDOMAIN/);
    const page = await cluster.exec(client, ['wget', '-q', '-O', '-', 'http://web/']);
    expect(page.stdout.toString(), page.stderr).toBe('hello from web-1\n');
  });

  it('runs a hostNetwork pod in the root network namespace with the node IP', async () => {
    const pod = await cluster.runPod('host-net', {
      hostNetwork: true,
      containers: [{ name: 'app', image: busybox, command: sleeper }],
    });
    expect(pod.status.podIP).toBe('10.109.0.10');
    const { stdout } = await cluster.exec(pod, ['readlink', '/proc/self/ns/net']);
    const { readlinkSync } = await import('node:fs');
    expect(stdout.toString().trim()).toBe(readlinkSync('/proc/self/ns/net'));
  });
});
