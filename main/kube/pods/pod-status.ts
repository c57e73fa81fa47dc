// The READY, STATUS and RESTARTS columns of `kubectl get pods`, ported line by line from
// kubectl's printPod (kubernetes/pkg/printers/internalversion/printers.go) so that the app
// and the CLI say exactly what kubectl says: CrashLoopBackOff, Init:1/2, Completed,
// Terminating, NotReady … Keep the order of the checks: it is the algorithm.
import type { RawContainer, RawContainerState, RawPod } from './raw-pod';

export interface PodStatusColumns {
  status: string;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  /** RFC 3339 end of the most recent terminated container instance (the "(5m ago)"). */
  lastRestartAt: string | undefined;
}

// kubectl's node.NodeUnreachablePodReason: the node controller's mark on pods of a lost node.
const NODE_UNREACHABLE_REASON = 'NodeLost';

/** A sidecar: an init container that keeps running (restartPolicy: Always). */
function isRestartableInit(container: RawContainer | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function finishedAtMs(state: RawContainerState | undefined): number | undefined {
  const finishedAt = state?.terminated?.finishedAt;
  if (finishedAt === undefined) return undefined;
  const ms = Date.parse(finishedAt);
  return Number.isNaN(ms) ? undefined : ms;
}

export function podStatusColumns(pod: RawPod): PodStatusColumns {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const containers = spec.containers ?? [];
  const initContainers = spec.initContainers ?? [];

  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = containers.length;
  let readyContainers = 0;
  let lastRestart = 0;
  let sidecarLastRestart = 0;

  let reason = status.reason || status.phase || '';
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initByName = new Map(initContainers.map((c) => [c.name, c]));
  for (const c of initContainers) if (isRestartableInit(c)) totalContainers++;

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [i, c] of initStatuses.entries()) {
    restarts += c.restartCount ?? 0;
    const lastTerminated = finishedAtMs(c.lastState);
    if (lastTerminated !== undefined) lastRestart = Math.max(lastRestart, lastTerminated);
    const restartable = isRestartableInit(initByName.get(c.name));
    if (restartable) {
      sidecarRestarts += c.restartCount ?? 0;
      if (lastTerminated !== undefined)
        sidecarLastRestart = Math.max(sidecarLastRestart, lastTerminated);
    }
    const terminated = c.state?.terminated;
    const waitingReason = c.state?.waiting?.reason;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (restartable && c.started === true) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      // initialization failed
      if (terminated.reason) reason = `Init:${terminated.reason}`;
      else if (terminated.signal) reason = `Init:Signal:${terminated.signal}`;
      else reason = `Init:ExitCode:${terminated.exitCode ?? 0}`;
    } else if (waitingReason && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  const initialized = (status.conditions ?? []).some(
    (c) => c.type === 'Initialized' && c.status === 'True',
  );
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = sidecarLastRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    // Backwards, as kubectl: the first container's reason is the one left standing.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      if (!c) continue;
      restarts += c.restartCount ?? 0;
      const lastTerminated = finishedAtMs(c.lastState);
      if (lastTerminated !== undefined) lastRestart = Math.max(lastRestart, lastTerminated);
      const waiting = c.state?.waiting;
      const terminated = c.state?.terminated;
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated) {
        reason = terminated.signal
          ? `Signal:${terminated.signal}`
          : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A container still running means the pod is not Completed, whatever another one says.
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions ?? []).some(
        (c) => c.type === 'Ready' && c.status === 'True',
      );
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp !== undefined;
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (deleting && status.reason === NODE_UNREACHABLE_REASON) reason = 'Unknown';
  else if (deleting && !terminal) reason = 'Terminating';

  return {
    status: reason,
    readyContainers,
    totalContainers,
    restarts,
    lastRestartAt: lastRestart > 0 ? new Date(lastRestart).toISOString() : undefined,
  };
}
