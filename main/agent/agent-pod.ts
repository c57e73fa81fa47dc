// The agent pod Snoopy creates: agent-manifests/agent-pod.yaml with the settings and identity
// filled in, and the script taken from agent.sh (the one source of the script).
import { hostname } from 'node:os';
import { parse } from 'yaml';
import { ANNOTATION, LABEL, agentPodName, labelSafe } from './labels';
import type { AgentContainer, PodLike } from './kube/pod-types';
import { SCRIPT_ARG_INDEX, readManifest } from './manifests/manifest-files';
import { AGENT_CAPABILITIES, type AgentSettings } from './settings';

/** Who asks for the agent: the kubeconfig context, this app instance and its current run. */
export interface AgentIdentity {
  context: string;
  /** Stable per app installation/instance (the owner label). */
  owner: string;
  /** This run of the app: a new run sweeps the agents of older runs of the same owner. */
  session: string;
}

export const AGENT_CONTAINER = 'agent';
export const SPOOL_PATH = '/spool';

let template: { pod: PodLike; script: string } | undefined;

function loadTemplate(): { pod: PodLike; script: string } {
  template ??= {
    pod: parse(readManifest('agent-pod.yaml')) as PodLike,
    script: readManifest('agent.sh'),
  };
  return template;
}

/** agent.sh's text: the app runs `sh -c <script> agent <command> <args…>` through exec. */
export function agentScript(): string {
  return loadTemplate().script;
}

export function buildAgentPod(node: string, who: AgentIdentity, settings: AgentSettings): PodLike {
  const pod = structuredClone(loadTemplate().pod);
  const name = agentPodName(node, who.owner, who.session);
  pod.metadata = {
    name,
    namespace: settings.namespace,
    labels: {
      ...pod.metadata.labels,
      [LABEL.instance]: `podtracer-${labelSafe(who.owner)}`.slice(0, 63).replace(/[-_.]+$/, ''),
      [LABEL.owner]: labelSafe(who.owner),
      [LABEL.session]: labelSafe(who.session),
      [LABEL.context]: labelSafe(who.context),
    },
    annotations: {
      [ANNOTATION.context]: who.context,
      [ANNOTATION.ownerHost]: hostname(),
      [ANNOTATION.node]: node,
    },
  };
  pod.spec.nodeName = node;
  pod.spec.activeDeadlineSeconds = settings.deadlineSeconds;
  if (settings.priorityClassName) pod.spec.priorityClassName = settings.priorityClassName;
  for (const volume of pod.spec.volumes ?? []) {
    if (volume.name === 'spool') volume.emptyDir = { sizeLimit: settings.spoolSize };
  }
  const container = agentContainerOf(pod);
  container.image = settings.image;
  const command = [...(container.command ?? [])];
  command[SCRIPT_ARG_INDEX] = loadTemplate().script;
  container.command = command;
  container.env = [
    { name: 'SNOOPY_SPOOL', value: SPOOL_PATH },
    { name: 'SNOOPY_HEARTBEAT_TIMEOUT', value: String(settings.heartbeatTimeoutSeconds) },
    { name: 'SNOOPY_AGENT_HOST_NETWORK', value: pod.spec.hostNetwork === true ? 'yes' : 'no' },
  ];
  container.securityContext =
    settings.privileges === 'privileged'
      ? { privileged: true }
      : { privileged: false, capabilities: { add: [...AGENT_CAPABILITIES] } };
  return pod;
}

export function agentContainerOf(pod: PodLike): AgentContainer {
  const container = pod.spec.containers.find((c) => c.name === AGENT_CONTAINER);
  if (!container) throw new Error(`agent-pod.yaml has no container named ${AGENT_CONTAINER}`);
  return container;
}
