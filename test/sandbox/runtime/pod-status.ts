// Pure status arithmetic of the kubelet's status manager: phase from container states,
// conditions that keep their transition times, and Go-style durations in messages.
import type { ContainerStatus, PodCondition, PodStatus, PodSpec } from '../contracts';

/** The kubelet's getPhase for a pod whose sandbox exists (init containers done). */
export function podPhase(spec: PodSpec, statuses: ContainerStatus[]): PodStatus['phase'] {
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    if ('running' in s.state) running++;
    else if ('terminated' in s.state) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if ('terminated' in s.lastState) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    const policy = spec.restartPolicy ?? 'Always';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return policy === 'OnFailure' ? 'Running' : 'Failed';
  }
  return 'Pending';
}

export function setCondition(
  conditions: PodCondition[],
  type: PodCondition['type'],
  status: PodCondition['status'],
  reason?: string,
  message?: string,
): PodCondition[] {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const existing = conditions.find((c) => c.type === type);
  const next: PodCondition = {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: existing && existing.status === status ? existing.lastTransitionTime : now,
  };
  if (reason) next.reason = reason;
  if (message) next.message = message;
  return [...conditions.filter((c) => c.type !== type), next];
}

const conditionOrder: PodCondition['type'][] = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
];

export function sortedConditions(conditions: PodCondition[]): PodCondition[] {
  return [...conditions].sort(
    (a, b) => conditionOrder.indexOf(a.type) - conditionOrder.indexOf(b.type),
  );
}

/** Seconds as Go's time.Duration prints them: 10s, 1m20s, 5m0s, 500ms. */
export function goDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  const minutes = Math.floor(seconds / 60);
  const rest = Number((seconds - minutes * 60).toFixed(3));
  return minutes > 0 ? `${minutes}m${rest}s` : `${rest}s`;
}

/** Kubernetes timestamps have second precision. */
export function kubeTime(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
