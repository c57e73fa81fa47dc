// The defaults the API server fills into a new pod (the defaulting functions plus the admission
// plugins a real cluster runs: DefaultTolerationSeconds, Priority, ServiceAccount's name part).
import type { Container, Pod, PodStatus } from '../../contracts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function defaultContainer(c: Container): Container {
  const out: Mutable<Container> & Record<string, unknown> = { ...c };
  if (!out.imagePullPolicy) {
    const tag = /:([^/:@]+)$/.exec(c.image)?.[1];
    out.imagePullPolicy =
      c.image.includes('@') || (tag && tag !== 'latest') ? 'IfNotPresent' : 'Always';
  }
  out.resources ??= {};
  out['terminationMessagePath'] ??= '/dev/termination-log';
  out['terminationMessagePolicy'] ??= 'File';
  if (c.ports) out.ports = c.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' }));
  return out;
}

const notReadyTolerations = [
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
];

export function qosClass(containers: Container[]): NonNullable<PodStatus['qosClass']> {
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    if (Object.keys(requests).length || Object.keys(limits).length) any = true;
    for (const resource of ['cpu', 'memory']) {
      const limit = limits[resource];
      const request = requests[resource] ?? limit;
      if (!limit || request !== limit) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Returns a new pod with spec defaults and a fresh Pending status (metadata is the caller's). */
export function withPodDefaults(pod: Pod): Pod {
  const spec: Pod['spec'] & Record<string, unknown> = { ...pod.spec };
  spec.containers = pod.spec.containers.map(defaultContainer);
  if (pod.spec.initContainers) spec.initContainers = pod.spec.initContainers.map(defaultContainer);
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.serviceAccountName ??= 'default';
  spec['serviceAccount'] ??= spec.serviceAccountName;
  spec['schedulerName'] ??= 'default-scheduler';
  spec['priority'] ??= 0;
  spec['preemptionPolicy'] ??= 'PreemptLowerPriority';
  spec['enableServiceLinks'] ??= true;
  spec.securityContext ??= {};
  const tolerations = [...(pod.spec.tolerations ?? [])];
  for (const t of notReadyTolerations) {
    if (!tolerations.some((have) => have.key === t.key && (have.effect ?? t.effect) === t.effect))
      tolerations.push(t);
  }
  spec.tolerations = tolerations;
  return {
    ...pod,
    spec,
    status: {
      phase: 'Pending',
      qosClass: qosClass([...(pod.spec.initContainers ?? []), ...pod.spec.containers]),
    },
  };
}
