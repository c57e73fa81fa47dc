// The default scheduler's filters that matter here: taints/tolerations and nodeSelector, plus the
// "0/3 nodes are available: ..." message it writes when no node fits.
import type { Pod } from '../../contracts';
import { matchesMap } from './label-selector';
import type { NodeObject } from './node-object';

type Toleration = NonNullable<Pod['spec']['tolerations']>[number];
type Taint = NodeObject['spec']['taints'][number];

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (!t.key) return t.operator === 'Exists';
  if (t.key !== taint.key) return false;
  return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
}

/** Why the node rejects the pod, in the scheduler plugins' words, or undefined if it fits. */
function rejection(pod: Pod, node: NodeObject): string | undefined {
  if (node.spec.unschedulable) return 'node(s) were unschedulable';
  const untolerated = node.spec.taints.find(
    (taint) =>
      taint.effect !== 'PreferNoSchedule' &&
      !(pod.spec.tolerations ?? []).some((t) => tolerates(t, taint)),
  );
  if (untolerated)
    return `node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`;
  if (!matchesMap(pod.spec.nodeSelector, node.metadata.labels))
    return "node(s) didn't match Pod's node affinity/selector";
  return undefined;
}

export type ScheduleResult = { node: string } | { message: string };

/** Picks the fitting node with the fewest pods (ties by name), or explains why none fits. */
export function schedule(
  pod: Pod,
  nodes: NodeObject[],
  podsOnNode: (node: string) => number,
): ScheduleResult {
  if (!nodes.length) return { message: 'no nodes available to schedule pods' };
  const reasons = new Map<string, number>();
  const fits: NodeObject[] = [];
  for (const node of nodes) {
    const why = rejection(pod, node);
    if (why) reasons.set(why, (reasons.get(why) ?? 0) + 1);
    else fits.push(node);
  }
  if (fits.length) {
    fits.sort(
      (a, b) =>
        podsOnNode(a.metadata.name) - podsOnNode(b.metadata.name) ||
        a.metadata.name.localeCompare(b.metadata.name),
    );
    return { node: fits[0]?.metadata.name ?? '' };
  }
  const parts = [...reasons].map(([why, n]) => `${n} ${why}`).sort();
  const total = nodes.length;
  return {
    message: `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`,
  };
}
