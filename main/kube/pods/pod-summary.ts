// One table row's worth of a pod (PodSummary of the contract): small, so that tens of
// thousands of them cross IPC cheaply; everything else waits for pods.details.
import type { PodSummary } from '../../api/contract/index';
import { podStatusColumns } from './pod-status';
import type { RawOwnerReference, RawPod } from './raw-pod';

export function toPodSummary(pod: RawPod): PodSummary {
  const meta = pod.metadata ?? {};
  const status = pod.status ?? {};
  const columns = podStatusColumns(pod);
  const summary: PodSummary = {
    uid: meta.uid ?? `${meta.namespace ?? ''}/${meta.name ?? ''}`,
    namespace: meta.namespace ?? '',
    name: meta.name ?? '',
    status: columns.status,
    phase: status.phase ?? '',
    readyContainers: columns.readyContainers,
    totalContainers: columns.totalContainers,
    restarts: columns.restarts,
    createdAt: meta.creationTimestamp ?? '',
    hostNetwork: pod.spec?.hostNetwork === true,
    labels: meta.labels ?? {},
    deleting: meta.deletionTimestamp !== undefined,
  };
  if (columns.lastRestartAt !== undefined) summary.lastRestartAt = columns.lastRestartAt;
  if (pod.spec?.nodeName) summary.node = pod.spec.nodeName;
  const podIP = status.podIPs?.[0]?.ip || status.podIP;
  if (podIP) summary.podIP = podIP;
  if (status.hostIP) summary.hostIP = status.hostIP;
  const owner = controllerOf(meta.ownerReferences);
  if (owner) summary.owner = { kind: owner.kind, name: owner.name };
  return summary;
}

/** The ownerReference with controller: true (at most one, by API validation). */
export function controllerOf(refs: RawOwnerReference[] | undefined): RawOwnerReference | undefined {
  return refs?.find((r) => r.controller === true);
}
