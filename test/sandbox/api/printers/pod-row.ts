// The pod row of `kubectl get pods`, computed as the server-side printer (printPod in
// pkg/printers/internalversion) does: READY, STATUS (CrashLoopBackOff, Init:0/1, Completed,
// Terminating, ...), RESTARTS with "(5m ago)", AGE, and the wide columns.
import type { Container, ContainerState, ContainerStatus, Pod } from '../../contracts';
import { since } from './human-duration';

type Terminated = Extract<ContainerState, { terminated: unknown }>['terminated'];

interface PodStatusExtras {
  initContainerStatuses?: ContainerStatus[];
  nominatedNodeName?: string;
}

const terminatedOf = (
  s: ContainerState | Record<string, never> | undefined,
): Terminated | undefined => (s && 'terminated' in s ? s.terminated : undefined);
const waitingOf = (s: ContainerState | undefined): { reason: string } | undefined =>
  s && 'waiting' in s ? s.waiting : undefined;
const isRunning = (s: ContainerState | undefined): boolean => !!s && 'running' in s;

function isRestartable(c: Container | undefined): boolean {
  return (c as { restartPolicy?: string } | undefined)?.restartPolicy === 'Always';
}

export interface PodRow {
  cells: Array<string | number>;
  conditions?: Array<{ type: string; status: string; reason: string; message: string }>;
}

export function podRow(pod: Pod, now: Date): PodRow {
  const status = pod.status as Pod['status'] & PodStatusExtras;
  let restarts = 0;
  let totalContainers = pod.spec.containers.length;
  let readyContainers = 0;
  let lastRestart = 0;
  let reason: string = status.reason || status.phase;
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
    reason = 'SchedulingGated';

  const inits = new Map((pod.spec.initContainers ?? []).map((c) => [c.name, c]));
  for (const c of inits.values()) if (isRestartable(c)) totalContainers++;

  let initializing = false;
  let sidecarRestarts = 0;
  let sidecarLastRestart = 0;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [i, c] of initStatuses.entries()) {
    restarts += c.restartCount;
    const lastTerm = terminatedOf(c.lastState);
    if (lastTerm) lastRestart = Math.max(lastRestart, Date.parse(lastTerm.finishedAt));
    const restartable = isRestartable(inits.get(c.name));
    if (restartable) {
      sidecarRestarts += c.restartCount;
      if (lastTerm)
        sidecarLastRestart = Math.max(sidecarLastRestart, Date.parse(lastTerm.finishedAt));
    }
    const term = terminatedOf(c.state);
    const waiting = waitingOf(c.state);
    if (term && term.exitCode === 0) continue;
    if (restartable && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (term) {
      reason = term.reason
        ? `Init:${term.reason}`
        : term.signal
          ? `Init:Signal:${term.signal}`
          : `Init:ExitCode:${term.exitCode}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${pod.spec.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  const initialized =
    status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') ?? false;
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = sidecarLastRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      if (!c) continue;
      restarts += c.restartCount;
      const lastTerm = terminatedOf(c.lastState);
      if (lastTerm) lastRestart = Math.max(lastRestart, Date.parse(lastTerm.finishedAt));
      const waiting = waitingOf(c.state);
      const term = terminatedOf(c.state);
      if (waiting?.reason) reason = waiting.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && isRunning(c.state)) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady';
    }
  }

  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';

  const restartsText =
    restarts !== 0 && lastRestart > 0
      ? `${restarts} (${since(new Date(lastRestart).toISOString(), now)} ago)`
      : String(restarts);
  const podIP = status.podIPs?.[0]?.ip || status.podIP || '<none>';
  const cells = [
    pod.metadata.name,
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsText,
    since(pod.metadata.creationTimestamp, now),
    podIP,
    pod.spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    readinessGates(pod),
  ];
  const row: PodRow = { cells };
  if (status.phase === 'Succeeded')
    row.conditions = [
      {
        type: 'Completed',
        status: 'True',
        reason: '',
        message: 'The pod has completed successfully.',
      },
    ];
  if (status.phase === 'Failed')
    row.conditions = [
      {
        type: 'Completed',
        status: 'True',
        reason: '',
        message: 'The pod has completed unsuccessfully.',
      },
    ];
  return row;
}

function readinessGates(pod: Pod): string {
  const gates =
    (pod.spec as { readinessGates?: Array<{ conditionType: string }> }).readinessGates ?? [];
  if (!gates.length) return '<none>';
  const ready = gates.filter((g) =>
    pod.status.conditions?.some(
      (c) => (c.type as string) === g.conditionType && c.status === 'True',
    ),
  ).length;
  return `${ready}/${gates.length}`;
}
