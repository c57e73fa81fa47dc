// Start-up sweep (and `snoopy cleanup`): agents nobody needs any more are deleted.
// Who is stale, and why we can tell without a "last seen" annotation (which would need the
// `patch pods` verb): every agent keeps its own heartbeat file, renewed by its app over exec.
// - an agent of this owner from another run (session): that run is over — we are its successor;
// - an agent that has ended (Succeeded/Failed): its heartbeat stopped or its deadline passed;
// - a running agent whose heartbeat is older than the timeout: its app is gone (it is about to
//   exit on its own; we do not wait);
// - an agent that never started (Pending) for longer than the start timeout.
// Agents of other live app instances (fresh heartbeat) are left alone, unless `all` is asked.
import type { AgentIdentity } from './agent-pod';
import type { AgentPods } from './agent-pods';
import type { PodLike } from './kube/pod-types';
import { AGENT_SELECTOR, LABEL, labelSafe, ownerSelector } from './labels';
import type { AgentSettings } from './settings';

export interface SweptAgent {
  pod: string;
  node: string;
  owner: string;
  reason: string;
}

export interface SweepResult {
  removed: SweptAgent[];
  kept: SweptAgent[];
}

export interface SweepOptions {
  pods: AgentPods;
  identity: AgentIdentity;
  settings: AgentSettings;
  /** Look at other owners' agents too (default true for the start-up sweep). */
  allOwners: boolean;
  /** Delete every agent, even live ones (`snoopy cleanup --all`). */
  everything?: boolean;
  /** Seconds since the agent's last heartbeat (exec `agent.sh age`); undefined if unknown. */
  heartbeatAge(pod: PodLike): Promise<number | undefined>;
}

export async function sweepAgents(options: SweepOptions): Promise<SweepResult> {
  const { identity, settings } = options;
  const selector = options.allOwners ? AGENT_SELECTOR : ownerSelector(identity.owner);
  const candidates = await options.pods.list(selector);
  const result: SweepResult = { removed: [], kept: [] };
  await Promise.all(
    candidates.map(async (pod) => {
      const reason = options.everything
        ? 'cleanup --all'
        : await staleReason(pod, identity, settings, options.heartbeatAge);
      const about: SweptAgent = {
        pod: pod.metadata.name,
        node: pod.spec.nodeName ?? '',
        owner: pod.metadata.labels?.[LABEL.owner] ?? '',
        reason: reason ?? 'in use (fresh heartbeat)',
      };
      if (reason === undefined) {
        result.kept.push(about);
        return;
      }
      await options.pods.deleteAndWait(pod.metadata.name);
      result.removed.push(about);
    }),
  );
  return result;
}

async function staleReason(
  pod: PodLike,
  me: AgentIdentity,
  settings: AgentSettings,
  heartbeatAge: (pod: PodLike) => Promise<number | undefined>,
): Promise<string | undefined> {
  const labels = pod.metadata.labels ?? {};
  const mine = labels[LABEL.owner] === labelSafe(me.owner);
  const myRun = mine && labels[LABEL.session] === labelSafe(me.session);
  if (myRun) return undefined; // this run's own agents are released by shutdown()
  if (mine) return 'left by an earlier run of this app';
  const phase = pod.status?.phase ?? 'Pending';
  if (phase === 'Succeeded' || phase === 'Failed') {
    return `ended (${phase}${pod.status?.reason ? `: ${pod.status.reason}` : ''})`;
  }
  const ageSeconds = (Date.now() - Date.parse(pod.metadata.creationTimestamp ?? '')) / 1000;
  if (phase !== 'Running') {
    return ageSeconds > settings.startTimeoutSeconds ? `never started (${phase})` : undefined;
  }
  const beat = await heartbeatAge(pod).catch(() => undefined);
  if (beat === undefined) return undefined; // cannot tell: leave it to its own timeout
  return beat > settings.heartbeatTimeoutSeconds
    ? `no heartbeat for ${beat}s (its app is gone)`
    : undefined;
}
