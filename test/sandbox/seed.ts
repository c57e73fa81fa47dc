// Seed a fresh sandbox from its scenario: the cluster's own services (kubernetes, kube-dns), the
// scenario's services and workload pods, and any objects-only virtual pods for scale tests.
import type { ClusterAdmin, NetworkPlan, PodSpec, SandboxNode } from './contracts';
import type { Scenario, ScenarioPod } from './scenario';

function serviceIP(network: NetworkPlan, last: number): string {
  return network.serviceCidr.replace(/\.0\.0\/16$/, `.0.${last}`);
}

function podSpec(pod: ScenarioPod): PodSpec {
  return {
    nodeName: pod.node,
    hostNetwork: pod.hostNetwork,
    restartPolicy: pod.restartPolicy,
    containers: pod.containers.map((c) => ({
      name: c.name,
      image: c.image,
      imagePullPolicy: 'IfNotPresent',
      ...(c.command ? { command: c.command } : {}),
      ...(c.args ? { args: c.args } : {}),
      ...(c.ports ? { ports: c.ports } : {}),
    })),
  };
}

export function seedScenario(
  cluster: ClusterAdmin,
  scenario: Scenario,
  network: NetworkPlan,
  nodes: SandboxNode[],
): void {
  cluster.createService({
    name: 'kubernetes',
    namespace: 'default',
    selector: {},
    ports: [{ name: 'https', port: 443, protocol: 'TCP' }],
    clusterIP: serviceIP(network, 1),
  });
  cluster.createService({
    name: 'kube-dns',
    namespace: 'kube-system',
    selector: { 'k8s-app': 'kube-dns' },
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ],
    clusterIP: network.dnsIP,
  });
  for (const svc of scenario.services) {
    cluster.createService({
      name: svc.name,
      namespace: svc.namespace,
      selector: svc.selector,
      ports: svc.ports.map((p) => ({
        name: p.name,
        port: p.port,
        targetPort: p.targetPort ?? p.port,
        protocol: p.protocol,
      })),
    });
  }
  for (const pod of scenario.pods) {
    cluster.createPod({
      metadata: {
        name: pod.name,
        namespace: pod.namespace,
        labels: pod.labels,
        annotations: pod.annotations,
        ...(pod.owner
          ? {
              ownerReferences: [
                {
                  apiVersion: 'apps/v1',
                  kind: pod.owner.kind,
                  name: pod.owner.name,
                  uid: crypto.randomUUID(),
                  controller: true,
                },
              ],
            }
          : {}),
      },
      spec: podSpec(pod),
    });
  }
  if (scenario.virtualPods) addVirtualPods(cluster, scenario.virtualPods, nodes);
}

/** Objects-only pods spread over namespaces and nodes, Running, with made-up IPs (100.64/10). */
export function addVirtualPods(
  cluster: ClusterAdmin,
  spec: { count: number; namespaces: string[]; namePrefix: string },
  nodes: SandboxNode[],
  startIndex = 0,
): void {
  const apps = ['web', 'api', 'worker', 'cache', 'queue', 'auth', 'search', 'billing'];
  for (let i = startIndex; i < startIndex + spec.count; i++) {
    const namespace = spec.namespaces[i % spec.namespaces.length] ?? 'default';
    const node = nodes[i % nodes.length];
    if (!node) throw new Error('virtual pods need at least one node');
    const app = apps[i % apps.length] ?? 'web';
    const name = `${spec.namePrefix}-${app}-${i.toString(36).padStart(5, '0')}`;
    cluster.createPod(
      {
        metadata: {
          name,
          namespace,
          labels: { app, 'sandbox.snoopy.dev/virtual': 'true', shard: String(i % 10) },
        },
        spec: {
          nodeName: node.name,
          containers: [{ name: app, image: `registry.sandbox.local/${app}:1.0` }],
        },
      },
      { virtual: true },
    );
    const ip = `100.${64 + ((i >> 16) & 63)}.${(i >> 8) & 255}.${i & 255}`;
    const now = new Date().toISOString();
    cluster.updatePodStatus(namespace, name, (status) => ({
      ...status,
      phase: 'Running',
      hostIP: node.internalIP,
      hostIPs: [{ ip: node.internalIP }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: now,
      conditions: (['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'] as const).map(
        (type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now }),
      ),
      containerStatuses: [
        {
          name: app,
          image: `registry.sandbox.local/${app}:1.0`,
          imageID: `registry.sandbox.local/${app}@sha256:${'0'.repeat(64)}`,
          containerID: `containerd://${i.toString(16).padStart(64, '0')}`,
          ready: true,
          started: true,
          restartCount: 0,
          state: { running: { startedAt: now } },
          lastState: {},
        },
      ],
    }));
  }
}
