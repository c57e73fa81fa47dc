// pods.details for a fake pod: containers with images and container IDs, conditions, owners,
// annotations (one very long, as kubectl's last-applied-configuration is) and events.
import type { PodDetails, PodSummary } from '../../../main/api/contract';
import { hex, seeded } from './fake-random';

const REGISTRY = 'registry.example.com/shop';
const SIDECARS = ['istio-proxy', 'vault-agent', 'fluent-bit'];

function seedOf(uid: string): number {
  let h = 2166136261;
  for (let i = 0; i < uid.length; i++) h = Math.imul(h ^ uid.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function fakeDetails(pod: PodSummary): PodDetails {
  const r = seeded(seedOf(pod.uid));
  const version = pod.labels['app.kubernetes.io/version'] ?? 'v1.0.0';
  const app = pod.labels.app ?? pod.name;
  const failing = ['CrashLoopBackOff', 'Error', 'OOMKilled'].includes(pod.status);
  const pulling = ['ImagePullBackOff', 'ErrImagePull'].includes(pod.status);
  const started =
    pod.node && !pulling && pod.status !== 'ContainerCreating' && pod.status !== 'Pending';
  const containers: PodDetails['containers'] = Array.from(
    { length: pod.totalContainers },
    (_, i) => {
      const name = i === 0 ? app : (SIDECARS[i - 1] ?? `sidecar-${i}`);
      const image =
        i === 0 ? `${REGISTRY}/${app}:${version}` : `docker.io/library/${name}:1.${i + 20}.0`;
      const state = !started
        ? 'waiting'
        : i === 0 && failing
          ? 'waiting'
          : pod.status === 'Completed'
            ? 'terminated'
            : 'running';
      return {
        name,
        image,
        imageID: `${image.split(':')[0]}@sha256:${hex(r, 64)}`,
        ...(started ? { containerID: `containerd://${hex(r, 64)}` } : {}),
        init: false,
        ready: state === 'running' && i < pod.readyContainers,
        restartCount: i === 0 ? pod.restarts : 0,
        state,
        ...(state === 'waiting'
          ? {
              stateReason: failing
                ? 'CrashLoopBackOff'
                : pulling
                  ? 'ImagePullBackOff'
                  : 'ContainerCreating',
              stateMessage: failing
                ? `back-off 5m0s restarting failed container=${name} pod=${pod.name}_${pod.namespace}(${pod.uid})`
                : pulling
                  ? `Back-off pulling image "${image}"`
                  : '',
            }
          : state === 'terminated'
            ? { stateReason: 'Completed' }
            : {}),
        ports:
          i === 0
            ? [
                { name: 'http', containerPort: 8080, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
              ]
            : [],
      };
    },
  );
  const ready = pod.readyContainers === pod.totalContainers && pod.status === 'Running';
  const created = pod.createdAt;
  const events: PodDetails['events'] = [
    {
      type: 'Normal',
      reason: 'Scheduled',
      message: `Successfully assigned ${pod.namespace}/${pod.name} to ${pod.node ?? '(none)'}`,
      count: 1,
      lastSeen: created,
      source: 'default-scheduler',
    },
    {
      type: 'Normal',
      reason: 'Pulled',
      message: `Container image "${containers[0]?.image ?? ''}" already present on machine`,
      count: 1 + pod.restarts,
      lastSeen: created,
      source: `kubelet, ${pod.node ?? ''}`,
    },
  ];
  if (failing)
    events.push(
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container',
        count: pod.restarts * 3 + 2,
        lastSeen: new Date(Date.now() - 40_000).toISOString(),
        source: `kubelet, ${pod.node ?? ''}`,
      },
      {
        type: 'Warning',
        reason: 'Unhealthy',
        message:
          'Readiness probe failed: Get "http://10.1.2.3:8080/healthz": dial tcp 10.1.2.3:8080: connect: connection refused',
        count: 17,
        lastSeen: new Date(Date.now() - 95_000).toISOString(),
        source: `kubelet, ${pod.node ?? ''}`,
      },
    );
  if (pulling)
    events.push({
      type: 'Warning',
      reason: 'Failed',
      message: `Failed to pull image "${containers[0]?.image ?? ''}": rpc error: code = NotFound desc = failed to resolve reference: not found`,
      count: 9,
      lastSeen: new Date(Date.now() - 20_000).toISOString(),
      source: `kubelet, ${pod.node ?? ''}`,
    });
  if (pod.status === 'Pending')
    events.push({
      type: 'Warning',
      reason: 'FailedScheduling',
      message:
        '0/48 nodes are available: 12 Insufficient cpu, 36 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/48 nodes are available.',
      count: 31,
      lastSeen: new Date(Date.now() - 8_000).toISOString(),
      source: 'default-scheduler',
    });
  return {
    summary: pod,
    annotations: {
      'kubectl.kubernetes.io/restartedAt': created,
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9090',
      ...(pod.labels['pod-template-hash']
        ? {
            'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              metadata: { name: app, namespace: pod.namespace, labels: { app } },
              spec: {
                replicas: 3,
                selector: { matchLabels: { app } },
                template: {
                  metadata: { labels: { app } },
                  spec: {
                    containers: containers.map((c) => ({
                      name: c.name,
                      image: c.image,
                      ports: c.ports,
                    })),
                  },
                },
              },
            }),
          }
        : {}),
      'sidecar.istio.io/status':
        '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy","istio-data"]}',
    },
    containers,
    conditions: [
      {
        type: 'PodScheduled',
        status: pod.node ? 'True' : 'False',
        ...(pod.node
          ? {}
          : { reason: 'Unschedulable', message: '0/48 nodes are available: 12 Insufficient cpu.' }),
        lastTransitionTime: created,
      },
      { type: 'Initialized', status: 'True', lastTransitionTime: created },
      {
        type: 'ContainersReady',
        status: ready ? 'True' : 'False',
        ...(ready
          ? {}
          : {
              reason: 'ContainersNotReady',
              message: `containers with unready status: [${containers[0]?.name ?? ''}]`,
            }),
        lastTransitionTime: created,
      },
      {
        type: 'Ready',
        status: ready ? 'True' : 'False',
        ...(ready ? {} : { reason: 'ContainersNotReady' }),
        lastTransitionTime: created,
      },
    ],
    owners: pod.owner ? [{ ...pod.owner, controller: true }] : [],
    qosClass: r() < 0.6 ? 'Burstable' : 'Guaranteed',
    serviceAccount: app,
    events,
  };
}
