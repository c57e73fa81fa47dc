// The agent's failures, each with what to do about it ("Errors that carry their fix").
import { SnoopyError } from '../errors';
import type { KubeTarget } from '../kube/errors';
import { kubeError } from '../kube/errors';
import { KubeHttpError } from '../kube/client/kube-http-error';

const NAMESPACE_FILE = 'agent-manifests/namespace.yaml';

export function imagePullFailed(image: string, node: string, reason: string, message: string) {
  return new SnoopyError(
    'AGENT_IMAGE_PULL_FAILED',
    `the agent image "${image}" cannot be pulled on node ${node} (${reason}): ${message}`,
    `Check that the node can reach the image's registry. On an air-gapped or private registry, mirror ${image} there and set the agent image setting (agent.image) to the mirror's name.`,
    { details: { image, node, reason } },
  );
}

export function unschedulable(node: string, message: string) {
  return new SnoopyError(
    'AGENT_UNSCHEDULABLE',
    `the agent cannot run on node ${node}: ${message}`,
    'Free some CPU/memory on the node (the agent asks for 10m CPU and 32Mi), or set a priority class for the agent (agent.priorityClassName).',
    { details: { node } },
  );
}

export function nodeNotReady(node: string, why: string) {
  return new SnoopyError(
    'AGENT_NODE_NOT_READY',
    `node ${node} is not Ready${why ? ` (${why})` : ''}: the agent cannot start there`,
    `Wait for the node to recover (kubectl describe node ${node}); pods on a NotReady node cannot be captured.`,
    { details: { node } },
  );
}

export function deadlineExceeded(pod: string, seconds: number) {
  return new SnoopyError(
    'AGENT_DEADLINE_EXCEEDED',
    `the agent ${pod} reached its time limit (activeDeadlineSeconds ${seconds}) and was stopped`,
    'Start the capture again (a new agent is created), or raise the agent deadline setting (agent.deadlineSeconds) for longer captures.',
    { details: { pod, seconds } },
  );
}

export function agentExited(pod: string, phase: string, why: string) {
  return new SnoopyError(
    'AGENT_EXITED',
    `the agent ${pod} ended (${phase}${why ? `: ${why}` : ''})`,
    'Retry: a new agent is created. If it keeps ending, look at `kubectl logs` of the agent in the agent namespace.',
    { details: { pod, phase } },
  );
}

export function startTimeout(pod: string, seconds: number, state: string) {
  return new SnoopyError(
    'AGENT_START_TIMEOUT',
    `the agent ${pod} did not start within ${seconds}s (last state: ${state})`,
    `Look at \`kubectl describe pod ${pod}\` in the agent namespace; a slow image pull may need a longer start timeout (agent.startTimeoutSeconds).`,
    { details: { pod, seconds, state } },
  );
}

export function podSecurityRejected(namespace: string, serverSays: string) {
  return new SnoopyError(
    'POD_SECURITY_REJECTED',
    `Pod Security admission in namespace ${namespace} rejects the agent pod: ${serverSays}`,
    `The agent needs the "privileged" level: label the namespace (kubectl label --overwrite ns ${namespace} pod-security.kubernetes.io/enforce=privileged), or apply ${NAMESPACE_FILE} and use snoopy-system as the agent namespace.`,
    { details: { namespace } },
  );
}

export function namespaceMissing(namespace: string) {
  return new SnoopyError(
    'AGENT_NAMESPACE_MISSING',
    `the agent namespace ${namespace} does not exist`,
    `Ask a cluster admin to apply ${NAMESPACE_FILE} (kubectl apply -f ${NAMESPACE_FILE}), or set the agent namespace setting (agent.namespace) to one labelled pod-security.kubernetes.io/enforce=privileged.`,
    { details: { namespace } },
  );
}

/**
 * An API failure while managing agents: Pod Security and OpenShift SCC rejections get their own
 * errors; RBAC denials name the Role to bind; everything else goes through kubeError.
 */
export function agentApiError(err: unknown, target: KubeTarget, namespace: string): SnoopyError {
  if (err instanceof KubeHttpError && err.statusCode === 403) {
    const says = err.status?.message ?? '';
    if (says.includes('violates PodSecurity')) return podSecurityRejected(namespace, says);
    if (/securitycontextconstraints|unable to validate against any security context/i.test(says)) {
      return new SnoopyError(
        'POD_SECURITY_REJECTED',
        `OpenShift refuses the agent pod in ${namespace}: ${says}`,
        'Apply agent-manifests/openshift-scc.yaml (it lets the agent pods use the privileged SCC).',
        { details: { namespace } },
      );
    }
    const mapped = kubeError(err, target);
    if (mapped.code === 'RBAC_DENIED' && namespace) {
      return new SnoopyError(
        'RBAC_DENIED',
        mapped.message,
        `${mapped.fix.replace(/\.$/, '')} — agent-manifests/rbac.yaml has it: a RoleBinding to Role snoopy-agent in ${namespace}.`,
        mapped.details ? { details: mapped.details, cause: err } : { cause: err },
      );
    }
    return mapped;
  }
  return kubeError(err, target);
}
