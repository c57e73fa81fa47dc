// The service table the proxy serves: each Service port with the ready pods behind it, as
// endpoints controllers and kube-proxy would compute it.
import type { Pod, Service } from '../contracts';

export interface ProxiedPort {
  protocol: 'TCP' | 'UDP';
  port: number;
  backends: Array<{ ip: string; port: number }>;
}

export interface ProxiedService {
  name: string;
  namespace: string;
  clusterIP: string;
  ports: ProxiedPort[];
}

function isReadyBackend(pod: Pod): boolean {
  return (
    !pod.metadata.deletionTimestamp &&
    pod.status.phase === 'Running' &&
    pod.status.podIP !== undefined &&
    pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true
  );
}

function selects(selector: Record<string, string>, pod: Pod): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

function targetPortOf(
  pod: Pod,
  target: number | string | undefined,
  port: number,
): number | undefined {
  if (target === undefined) return port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const container of pod.spec.containers) {
    const named = container.ports?.find((p) => p.name === target);
    if (named) return named.containerPort;
  }
  return undefined;
}

export function serviceTable(services: Service[], pods: Pod[]): ProxiedService[] {
  return services
    .filter((svc) => svc.spec.clusterIP && svc.spec.clusterIP !== 'None')
    .map((svc) => {
      const namespace = svc.metadata.namespace ?? 'default';
      const selector = svc.spec.selector ?? {};
      const members =
        Object.keys(selector).length === 0
          ? []
          : pods.filter(
              (p) =>
                (p.metadata.namespace ?? 'default') === namespace &&
                selects(selector, p) &&
                isReadyBackend(p),
            );
      return {
        name: svc.metadata.name,
        namespace,
        clusterIP: svc.spec.clusterIP,
        ports: svc.spec.ports.map((port) => ({
          protocol: port.protocol ?? 'TCP',
          port: port.port,
          backends: members.flatMap((pod) => {
            const target = targetPortOf(pod, port.targetPort, port.port);
            return target === undefined || !pod.status.podIP
              ? []
              : [{ ip: pod.status.podIP, port: target }];
          }),
        })),
      };
    });
}
