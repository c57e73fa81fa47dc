// Core v1 Events as kubelet and scheduler record them; a repeat of the same event (same object,
// reason, message, type and source) bumps count and lastTimestamp instead of adding a new one.
import type { ObjectMeta, Pod } from '../../contracts';
import { newUid, nowRfc3339 } from './names';
import type { ObjectStore } from './object-store';

export interface EventObject {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: ObjectMeta;
  involvedObject: {
    kind: string;
    namespace?: string;
    name: string;
    uid: string;
    apiVersion: string;
    resourceVersion?: string;
    fieldPath?: string;
  };
  reason: string;
  message: string;
  source: { component: string; host?: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: 'Normal' | 'Warning';
  eventTime: null;
  reportingComponent: string;
  reportingInstance: string;
}

/** Events older than this many are dropped (a real cluster expires them after an hour). */
const maxEvents = 20_000;

export class EventRecorder {
  private readonly byKey = new Map<string, { namespace: string; name: string }>();
  private readonly order: Array<{ namespace: string; name: string; key: string }> = [];

  constructor(
    private readonly events: ObjectStore<EventObject>,
    private readonly now: () => Date,
  ) {}

  record(
    pod: Pod,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: 'kubelet' | 'default-scheduler',
  ): void {
    const host = component === 'kubelet' ? pod.spec.nodeName : undefined;
    const namespace = pod.metadata.namespace ?? 'default';
    const key = [pod.metadata.uid, reason, message, type, component, host ?? ''].join('\u0000');
    const at = nowRfc3339(this.now());
    const existing = this.byKey.get(key);
    const current = existing && this.events.get(existing.namespace, existing.name);
    if (current) {
      this.events.put({ ...current, count: current.count + 1, lastTimestamp: at });
      return;
    }
    const name = `${pod.metadata.name}.${(BigInt(this.now().getTime()) * 1_000_000n + BigInt(this.order.length % 1_000_000)).toString(16)}`;
    this.events.put({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace, uid: newUid(), resourceVersion: '', creationTimestamp: at },
      involvedObject: {
        kind: 'Pod',
        namespace,
        name: pod.metadata.name,
        uid: pod.metadata.uid,
        apiVersion: 'v1',
        resourceVersion: pod.metadata.resourceVersion,
        ...containerFieldPath(message),
      },
      reason,
      message,
      source: host ? { component, host } : { component },
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: host ?? '',
    });
    this.byKey.set(key, { namespace, name });
    this.order.push({ namespace, name, key });
    if (this.order.length > maxEvents) {
      const old = this.order.shift();
      if (old) {
        this.events.remove(old.namespace, old.name);
        this.byKey.delete(old.key);
      }
    }
  }
}

/** Kubelet container events name their container ("Started container web"): point at it. */
function containerFieldPath(message: string): { fieldPath?: string } {
  const m =
    /^(?:Created|Started|Killing|Stopping) container (\S+)$/.exec(message) ??
    /^Back-off restarting failed container (\S+) in pod/.exec(message);
  return m?.[1] ? { fieldPath: `spec.containers{${m[1]}}` } : {};
}
