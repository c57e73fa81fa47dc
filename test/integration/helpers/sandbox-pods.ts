import type { Pod } from '../../sandbox/contracts';
import type { Sandbox } from '../../sandbox/sandbox';
import { waitUntil } from './wait';

export function findPod(sandbox: Sandbox, namespace: string, name: string): Pod {
  const pod = sandbox.cluster.getPod(namespace, name);
  if (!pod) throw new Error(`no pod ${namespace}/${name} in the sandbox`);
  return pod;
}

/** Wait until the pod runs with every container ready (returns it, with its IP). */
export function waitForRunning(
  sandbox: Sandbox,
  namespace: string,
  name: string,
  timeoutMs = 30_000,
): Promise<Pod> {
  return waitUntil(
    `${namespace}/${name} to be Running`,
    () => {
      const pod = sandbox.cluster.getPod(namespace, name);
      const statuses = pod?.status.containerStatuses ?? [];
      return pod?.status.phase === 'Running' &&
        statuses.length > 0 &&
        statuses.every((s) => 'running' in s.state)
        ? pod
        : undefined;
    },
    timeoutMs,
  );
}

export function containerId(pod: Pod, container?: string): string {
  const status = pod.status.containerStatuses?.find(
    (s) => container === undefined || s.name === container,
  );
  const id = status?.containerID?.replace(/^[a-z-]+:\/\//, '');
  if (!id) throw new Error(`${pod.metadata.name} has no container ID yet`);
  return id;
}
