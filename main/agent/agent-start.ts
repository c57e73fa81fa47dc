// Waiting for an agent pod to run: live progress (scheduled, pulling image, started) and, when it
// cannot start, the specific reason with its fix. Polls the pod (every 300 ms) rather than
// watching: a start takes seconds, and a poll needs no resume logic when the API blips.
import type { SnoopyError } from '../errors';
import {
  agentExited,
  deadlineExceeded,
  imagePullFailed,
  nodeNotReady,
  startTimeout,
  unschedulable,
} from './agent-errors';
import type { PodLike } from './kube/pod-types';

export type AgentProgress =
  | { step: 'creating'; node: string; pod: string }
  | { step: 'scheduled'; node: string; pod: string }
  | { step: 'pulling-image'; node: string; pod: string; image: string }
  | { step: 'started'; node: string; pod: string }
  | { step: 'reused'; node: string; pod: string };

const IMAGE_PULL_REASONS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
]);

/** What the pod's status says: still starting (with the step reached), running, or failed. */
export type StartState =
  | { kind: 'starting'; step: 'created' | 'scheduled' | 'pulling-image'; describe: string }
  | { kind: 'running' }
  | { kind: 'failed'; error: SnoopyError };

export function startStateOf(pod: PodLike, node: string, deadlineSeconds: number): StartState {
  const name = pod.metadata.name;
  const status = pod.status ?? {};
  const image = pod.spec.containers[0]?.image ?? '';
  const phase = status.phase ?? 'Pending';
  if (phase === 'Failed' || phase === 'Succeeded') {
    if (status.reason === 'DeadlineExceeded')
      return failed(deadlineExceeded(name, deadlineSeconds));
    if (phase === 'Failed' && status.reason && status.reason !== 'Error') {
      // Kubelet admission refusals (OutOfcpu, OutOfmemory, NodeAffinity, …) of a pinned pod.
      return failed(unschedulable(node, `${status.reason}: ${status.message ?? ''}`.trim()));
    }
    return failed(agentExited(name, phase, status.message ?? status.reason ?? ''));
  }
  for (const cs of status.containerStatuses ?? []) {
    const state = cs.state ?? {};
    if (
      'waiting' in state &&
      state.waiting.reason &&
      IMAGE_PULL_REASONS.has(state.waiting.reason)
    ) {
      return failed(
        imagePullFailed(image, node, state.waiting.reason, state.waiting.message ?? ''),
      );
    }
    if ('terminated' in state) {
      return failed(agentExited(name, 'terminated', state.terminated.reason ?? ''));
    }
  }
  const scheduled = status.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    return failed(unschedulable(node, scheduled.message ?? ''));
  }
  const running = (status.containerStatuses ?? []).some(
    (cs) => cs.state !== undefined && 'running' in cs.state,
  );
  if (phase === 'Running' && running) return { kind: 'running' };
  if ((status.containerStatuses ?? []).length > 0 || scheduled?.status === 'True') {
    const waiting = status.containerStatuses?.[0]?.state;
    const reason = waiting && 'waiting' in waiting ? (waiting.waiting.reason ?? '') : '';
    return {
      kind: 'starting',
      step: 'pulling-image',
      describe: reason ? `waiting: ${reason}` : 'starting the container',
    };
  }
  if (pod.spec.nodeName)
    return { kind: 'starting', step: 'scheduled', describe: 'bound to the node' };
  return { kind: 'starting', step: 'created', describe: 'created' };
}

function failed(error: SnoopyError): StartState {
  return { kind: 'failed', error };
}

export interface WaitForAgentOptions {
  node: string;
  image: string;
  deadlineSeconds: number;
  timeoutSeconds: number;
  getPod(): Promise<PodLike>;
  /** Whether the node is Ready: true, false with why, or undefined when we may not read it. */
  nodeReady(): Promise<{ ready: boolean; why: string } | undefined>;
  onProgress?: (progress: AgentProgress) => void;
  signal?: AbortSignal;
}

export async function waitForAgentRunning(options: WaitForAgentOptions): Promise<PodLike> {
  const started = Date.now();
  const reported = new Set<string>();
  const report = (progress: AgentProgress): void => {
    if (reported.has(progress.step)) return;
    reported.add(progress.step);
    options.onProgress?.(progress);
  };
  let lastCheckedNode = 0;
  let describe: string;
  for (;;) {
    options.signal?.throwIfAborted();
    const pod = await options.getPod();
    const pod_ = pod.metadata.name;
    const state = startStateOf(pod, options.node, options.deadlineSeconds);
    if (state.kind === 'failed') throw state.error;
    if (pod.spec.nodeName) report({ step: 'scheduled', node: options.node, pod: pod_ });
    if (state.kind === 'running') {
      report({ step: 'pulling-image', node: options.node, pod: pod_, image: options.image });
      report({ step: 'started', node: options.node, pod: pod_ });
      return pod;
    }
    describe = state.describe;
    if (state.step === 'pulling-image') {
      report({ step: 'pulling-image', node: options.node, pod: pod_, image: options.image });
    }
    // A pod pinned to a NotReady node just stays Pending: look at the node now and then.
    if (Date.now() - lastCheckedNode > 2000 && Date.now() - started > 1500) {
      lastCheckedNode = Date.now();
      const ready = await options.nodeReady();
      if (ready && !ready.ready) throw nodeNotReady(options.node, ready.why);
    }
    if (Date.now() - started > options.timeoutSeconds * 1000) {
      throw startTimeout(pod_, options.timeoutSeconds, describe);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
