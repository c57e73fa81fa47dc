// A target pod's process on its node, found by the agent's `find` (agent-manifests/agent.sh):
// the PID to nsenter, how it was found, and whether the pod shares the node's network.
import { SnoopyError } from '../errors';
import { bareContainerId } from './discovery/cgroup-match';
import type { PodLike } from './kube/pod-types';

export interface TargetPod {
  namespace: string;
  name: string;
  uid: string;
  node: string;
  /** Bare IDs of the containers that have one (running or not), in spec order. */
  containerIds: string[];
}

export interface TargetProcess {
  pod: TargetPod;
  pid: number;
  /** 'container': a process of one of its containers; 'sandbox-by-uid': the pause process. */
  via: 'container' | 'sandbox-by-uid';
  /** The pod uses the node's network namespace: a capture sees the whole node's traffic. */
  hostNetwork: boolean | undefined;
  agentPod: string;
}

export function targetPodOf(pod: PodLike): TargetPod {
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name;
  const node = pod.spec.nodeName;
  if (!node || !pod.metadata.uid) {
    throw new SnoopyError(
      'TARGET_NOT_FOUND',
      `pod ${ns}/${name} is not on a node yet`,
      'Wait until it is scheduled (kubectl get pod -o wide shows its node), then retry.',
      { details: { namespace: ns, pod: name } },
    );
  }
  const statuses = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ];
  const containerIds = statuses
    .map((s) => (s.containerID ? bareContainerId(s.containerID) : ''))
    .filter((id) => id !== '');
  return { namespace: ns, name, uid: pod.metadata.uid, node, containerIds };
}

/** `agent.sh find` printed `pid=…`, `via=…`, `hostNetwork=…` lines. */
export function parseFindOutput(pod: TargetPod, agentPod: string, stdout: string): TargetProcess {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1).trim());
  }
  const pid = Number(values.get('pid'));
  const via = values.get('via');
  if (!Number.isInteger(pid) || pid <= 0 || (via !== 'container' && via !== 'sandbox-by-uid')) {
    throw new SnoopyError(
      'AGENT_EXEC_FAILED',
      `the agent on ${pod.node} answered find with something unexpected: ${JSON.stringify(stdout.slice(0, 200))}`,
      'The agent image or script may be incompatible: check the agent image setting (agent.image).',
    );
  }
  const host = values.get('hostNetwork');
  return {
    pod,
    pid,
    via,
    hostNetwork: host === 'yes' ? true : host === 'no' ? false : undefined,
    agentPod,
  };
}

export function targetNotFound(pod: TargetPod, agentSays: string): SnoopyError {
  return new SnoopyError(
    'TARGET_NOT_FOUND',
    `no process of pod ${pod.namespace}/${pod.name} was found on node ${pod.node}: ${agentSays.trim()}`,
    'The pod may have just been deleted or moved: refresh the pod list and retry.',
    { details: { namespace: pod.namespace, pod: pod.name, node: pod.node } },
  );
}

/** argv that runs a tool inside the target's namespaces (network; mount/pid when asked). */
export function nsenterArgv(
  pid: number,
  argv: readonly string[],
  namespaces: { mount?: boolean; pid?: boolean } = {},
): string[] {
  return [
    'nsenter',
    '-t',
    String(pid),
    '-n',
    ...(namespaces.mount ? ['-m'] : []),
    ...(namespaces.pid ? ['-p'] : []),
    '--',
    ...argv,
  ];
}
