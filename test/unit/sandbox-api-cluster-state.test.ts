import { describe, expect, it } from 'vitest';
import { FakeKubelet } from '../sandbox/api/testing/fake-kubelet';
import { testCluster, testNetwork } from '../sandbox/api/testing/fixtures';

function cluster(opts: ConstructorParameters<typeof FakeKubelet>[1] = {}) {
  const state = testCluster();
  const kubelet = new FakeKubelet(state, opts);
  state.attachKubelet(kubelet);
  return { state, kubelet };
}

const spec = { containers: [{ name: 'c', image: 'busybox:1.36' }] };

describe('the cluster state', () => {
  it('fills the defaults a real API server fills into a new pod', () => {
    const { state } = cluster({ run: false });
    const pod = state.createPod({
      metadata: { name: 'p', namespace: 'default' },
      spec: { ...spec, nodeName: 'sbx-node-a' },
    });
    expect(pod.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(pod.spec).toMatchObject({
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      priority: 0,
      enableServiceLinks: true,
    });
    expect(pod.spec.tolerations).toEqual([
      {
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
    expect(pod.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(pod.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
    });
  });

  it('names a generateName pod with a five-character suffix', () => {
    const { state } = cluster();
    const { pod } = state.createPodObject('default', {
      metadata: { generateName: 'debug-' },
      spec,
    });
    expect(pod.metadata.name).toMatch(/^debug-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('refuses invalid pods with 422 and one cause per problem', () => {
    const { state } = cluster();
    const attempt = (): unknown =>
      state.createPodObject('default', {
        metadata: { name: 'Bad_Name' },
        spec: {
          containers: [
            { name: 'a', image: 'i' },
            { name: 'a', image: '' },
          ],
        },
      });
    expect(attempt).toThrow(expect.objectContaining({ code: 422, reason: 'Invalid' }));
    try {
      attempt();
    } catch (err) {
      const e = err as { message: string; details: { causes: Array<{ field: string }> } };
      expect(e.message).toMatch(
        /^Pod "Bad_Name" is invalid: \[metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
      );
      expect(e.details.causes.map((c) => c.field)).toEqual([
        'metadata.name',
        'spec.containers[1].name',
        'spec.containers[1].image',
      ]);
    }
    expect(() =>
      state.createPodObject('default', { metadata: { name: 'x' }, spec: { containers: [] } }),
    ).toThrow('Pod "x" is invalid: spec.containers: Required value');
  });

  it('refuses volume names that are not DNS labels and mounts of volumes that do not exist', () => {
    const { state } = cluster();
    const attempt = (): unknown =>
      state.createPodObject('default', {
        metadata: { name: 'vols' },
        spec: {
          volumes: [{ name: '../../../etc', emptyDir: {} }],
          containers: [
            { name: 'c', image: 'i', volumeMounts: [{ name: 'missing', mountPath: '/data' }] },
          ],
        },
      });
    expect(attempt).toThrow(expect.objectContaining({ code: 422, reason: 'Invalid' }));
    try {
      attempt();
    } catch (err) {
      const e = err as { details: { causes: Array<{ field: string; message: string }> } };
      expect(e.details.causes.map((c) => c.field)).toEqual([
        'spec.volumes[0].name',
        'spec.containers[0].volumeMounts[0].name',
      ]);
      expect(e.details.causes[1]?.message).toBe('Not found: "missing"');
    }
  });

  it('refuses a duplicate name with 409 and validates a dry run without storing it', () => {
    const { state, kubelet } = cluster();
    state.createPod({ metadata: { name: 'p', namespace: 'default' }, spec });
    expect(() => state.createPod({ metadata: { name: 'p', namespace: 'default' }, spec })).toThrow(
      'pods "p" already exists',
    );
    state.createPodObject('default', { metadata: { name: 'dry' }, spec }, { dryRun: true });
    expect(state.getPod('default', 'dry')).toBeUndefined();
    expect(kubelet.admitted.map((p) => p.metadata.name)).toEqual(['p']);
  });

  it('schedules to a ready node it tolerates, with a Scheduled event, then admits it', () => {
    const { state, kubelet } = cluster();
    state.createPod({
      metadata: { name: 'p', namespace: 'default' },
      spec: { ...spec, nodeSelector: { 'topology.kubernetes.io/zone': 'sandbox-2' } },
    });
    const pod = state.getPod('default', 'p');
    expect(pod?.spec.nodeName).toBe('sbx-node-b');
    expect(kubelet.admitted.map((p) => p.spec.nodeName)).toEqual(['sbx-node-b']);
    expect(
      state.events.list('default').map((e) => [e.reason, e.message, e.source.component]),
    ).toEqual([
      ['Scheduled', 'Successfully assigned default/p to sbx-node-b', 'default-scheduler'],
    ]);
  });

  it('leaves an unschedulable pod Pending and schedules it once a node becomes ready', () => {
    const { state, kubelet } = cluster();
    state.setNodeReady('sbx-node-b', false);
    state.createPod({
      metadata: { name: 'p', namespace: 'default' },
      spec: { ...spec, nodeSelector: { 'topology.kubernetes.io/zone': 'sandbox-2' } },
    });
    const pending = state.getPod('default', 'p');
    expect(pending?.status.conditions?.[0]).toMatchObject({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
    });
    expect(pending?.status.conditions?.[0]?.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/infra: }, 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    expect(kubelet.admitted).toEqual([]);
    state.setNodeReady('sbx-node-b', true);
    expect(state.getPod('default', 'p')?.spec.nodeName).toBe('sbx-node-b');
  });

  it('deletes gracefully through the kubelet, and at once for a NotReady node or a virtual pod', () => {
    const { state, kubelet } = cluster({ finalizeAfterMs: 'never' });
    const pod = state.createPod({
      metadata: { name: 'p', namespace: 'default' },
      spec: { ...spec, nodeName: 'sbx-node-a' },
    });
    state.deletePod('default', 'p', 5);
    expect(state.getPod('default', 'p')?.metadata).toMatchObject({ deletionGracePeriodSeconds: 5 });
    expect(state.getPod('default', 'p')?.metadata.deletionTimestamp).toBeDefined();
    expect(kubelet.terminated.map((t) => t.grace)).toEqual([5]);
    state.finalizePodDeletion('default', 'p', 'some-other-uid');
    expect(state.getPod('default', 'p')).toBeDefined();
    state.finalizePodDeletion('default', 'p', pod.metadata.uid);
    expect(state.getPod('default', 'p')).toBeUndefined();

    state.createPod(
      { metadata: { name: 'v', namespace: 'default' }, spec: { ...spec, nodeName: 'sbx-node-a' } },
      { virtual: true },
    );
    state.deletePod('default', 'v');
    expect(state.getPod('default', 'v')).toBeUndefined();

    state.createPod({
      metadata: { name: 'q', namespace: 'default' },
      spec: { ...spec, nodeName: 'sbx-node-b' },
    });
    state.setNodeReady('sbx-node-b', false);
    state.deletePod('default', 'q');
    expect(state.getPod('default', 'q')).toBeUndefined();
  });

  it('counts a repeated event instead of adding another', () => {
    const { state } = cluster();
    const pod = state.createPod({
      metadata: { name: 'p', namespace: 'default' },
      spec: { ...spec, nodeName: 'sbx-node-a' },
    });
    state.recordEvent(
      pod,
      'Warning',
      'BackOff',
      'Back-off restarting failed container c in pod p_default(uid)',
    );
    state.recordEvent(
      pod,
      'Warning',
      'BackOff',
      'Back-off restarting failed container c in pod p_default(uid)',
    );
    const events = state.events.list('default').filter((e) => e.reason === 'BackOff');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      count: 2,
      source: { component: 'kubelet', host: 'sbx-node-a' },
      involvedObject: { kind: 'Pod', name: 'p', fieldPath: 'spec.containers{c}' },
    });
  });

  it('allocates service IPs from the service CIDR and keeps the DNS IP for kube-dns', () => {
    const { state, kubelet } = cluster();
    const dns = state.createService({
      name: 'kube-dns',
      namespace: 'kube-system',
      selector: {},
      ports: [{ port: 53, protocol: 'UDP' }],
      clusterIP: testNetwork.dnsIP,
    });
    const web = state.createService({
      name: 'web',
      namespace: 'default',
      selector: { app: 'web' },
      ports: [{ port: 80 }],
    });
    expect(dns.spec.clusterIP).toBe('10.209.0.10');
    expect(web.spec.clusterIP).toMatch(/^10\.209\.\d+\.\d+$/);
    expect(web.spec.clusterIP).not.toBe('10.209.0.10');
    expect(kubelet.services.map((s) => s.metadata.name).sort()).toEqual(['kube-dns', 'web']);
  });

  it('expires watch history after a compaction', () => {
    const { state } = cluster();
    const rv = state.log.currentRv;
    state.createPod({ metadata: { name: 'p', namespace: 'default' }, spec });
    expect(state.log.since('pods', rv)?.length).toBeGreaterThan(0);
    state.compactHistory();
    expect(state.log.since('pods', rv)).toBeUndefined();
  });
});
