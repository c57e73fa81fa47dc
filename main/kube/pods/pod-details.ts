// Everything the details panel shows about one pod: the pod itself and its events, fetched on
// demand (never part of the watch, which carries summaries only).
import type { PodDetails } from '../../api/contract/index';
import type { KubeClient } from '../client/kube-client';
import { kubeError, type KubeTarget } from '../errors';
import { toPodSummary } from './pod-summary';
import type {
  RawContainer,
  RawContainerState,
  RawContainerStatus,
  RawList,
  RawPod,
} from './raw-pod';

interface RawEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
}

type ContainerDetails = PodDetails['containers'][number];
type EventDetails = PodDetails['events'][number];

export async function getPodDetails(
  client: KubeClient,
  target: KubeTarget,
  ref: { namespace: string; name: string },
): Promise<PodDetails> {
  const ns = encodeURIComponent(ref.namespace);
  try {
    const session = await client.session();
    const pod = await session.getJson<RawPod>(
      `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(ref.name)}`,
    );
    // Events are best effort: a user may read pods but not events.
    const events = await session
      .getJson<RawList<RawEvent>>(`/api/v1/namespaces/${ns}/events`, {
        fieldSelector: `involvedObject.uid=${pod.metadata?.uid ?? ''}`,
      })
      .then((list) => list.items ?? [])
      .catch(() => []);
    return toPodDetails(pod, events);
  } catch (err) {
    throw kubeError(err, target);
  }
}

export function toPodDetails(pod: RawPod, events: RawEvent[]): PodDetails {
  const status = pod.status ?? {};
  const statusOf = (list: RawContainerStatus[] | undefined, name: string) =>
    list?.find((s) => s.name === name);
  const containers = [
    ...(pod.spec?.initContainers ?? []).map((c) =>
      containerDetails(c, statusOf(status.initContainerStatuses, c.name), true),
    ),
    ...(pod.spec?.containers ?? []).map((c) =>
      containerDetails(c, statusOf(status.containerStatuses, c.name), false),
    ),
  ];
  const details: PodDetails = {
    summary: toPodSummary(pod),
    annotations: pod.metadata?.annotations ?? {},
    containers,
    conditions: (status.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
      ...(c.lastTransitionTime ? { lastTransitionTime: c.lastTransitionTime } : {}),
    })),
    owners: (pod.metadata?.ownerReferences ?? []).map((o) => ({
      kind: o.kind,
      name: o.name,
      controller: o.controller === true,
    })),
    events: events
      .map(eventDetails)
      .sort((a, b) => (a.lastSeen ?? '').localeCompare(b.lastSeen ?? '')),
  };
  if (status.qosClass) details.qosClass = status.qosClass;
  if (pod.spec?.serviceAccountName) details.serviceAccount = pod.spec.serviceAccountName;
  return details;
}

function containerDetails(
  c: RawContainer,
  s: RawContainerStatus | undefined,
  init: boolean,
): ContainerDetails {
  const { state, reason, message } = describeState(s?.state);
  const out: ContainerDetails = {
    name: c.name,
    image: c.image ?? s?.image ?? '',
    init,
    ready: s?.ready === true,
    restartCount: s?.restartCount ?? 0,
    state,
    ports: (c.ports ?? []).map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      containerPort: p.containerPort,
      protocol: p.protocol ?? 'TCP',
    })),
  };
  if (s?.imageID) out.imageID = s.imageID;
  if (s?.containerID) out.containerID = s.containerID;
  if (reason) out.stateReason = reason;
  if (message) out.stateMessage = message;
  return out;
}

function describeState(state: RawContainerState | undefined): {
  state: string;
  reason?: string;
  message?: string;
} {
  if (state?.running) return { state: 'running' };
  if (state?.terminated) {
    const t = state.terminated;
    return {
      state: 'terminated',
      reason: t.reason ?? (t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`),
      ...(t.message ? { message: t.message } : {}),
    };
  }
  if (state?.waiting) {
    return {
      state: 'waiting',
      ...(state.waiting.reason ? { reason: state.waiting.reason } : {}),
      ...(state.waiting.message ? { message: state.waiting.message } : {}),
    };
  }
  return { state: 'unknown' };
}

function eventDetails(e: RawEvent): EventDetails {
  const lastSeen = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? undefined;
  const firstSeen = e.firstTimestamp ?? e.eventTime ?? undefined;
  const source = e.source?.component ?? e.reportingComponent;
  return {
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    count: e.series?.count ?? e.count ?? 1,
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastSeen ? { lastSeen } : {}),
    ...(source ? { source } : {}),
  };
}
