// An in-memory PodStore for the runtime's own tests: what the API server would keep, minus HTTP.
import { randomUUID } from 'node:crypto';
import type { Pod, PodSpec, PodStatus, PodStore, Service, ServicePort } from '../contracts';

export interface RecordedEvent {
  pod: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export class FakePodStore implements PodStore {
  readonly pods = new Map<string, Pod>();
  readonly services: Service[] = [];
  readonly events: RecordedEvent[] = [];
  readonly deleted: string[] = [];
  private version = 1;

  private key(namespace: string, name: string): string {
    return `${namespace}/${name}`;
  }

  makePod(
    name: string,
    namespace: string,
    spec: PodSpec,
    labels: Record<string, string> = {},
  ): Pod {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace,
        uid: randomUUID(),
        resourceVersion: String(this.version++),
        creationTimestamp: new Date().toISOString(),
        labels,
      },
      spec,
      status: { phase: 'Pending' },
    };
    this.pods.set(this.key(namespace, name), pod);
    return pod;
  }

  addService(
    name: string,
    namespace: string,
    clusterIP: string,
    selector: Record<string, string>,
    ports: ServicePort[],
  ): Service {
    const svc: Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name,
        namespace,
        uid: randomUUID(),
        resourceVersion: String(this.version++),
        creationTimestamp: new Date().toISOString(),
      },
      spec: { selector, ports, clusterIP, clusterIPs: [clusterIP], type: 'ClusterIP' },
      status: {},
    };
    this.services.push(svc);
    return svc;
  }

  getPod(namespace: string, name: string): Pod | undefined {
    return this.pods.get(this.key(namespace, name));
  }

  updatePodStatus(namespace: string, name: string, mutate: (status: PodStatus) => PodStatus): void {
    const pod = this.getPod(namespace, name);
    if (!pod) throw new Error(`pod ${namespace}/${name} not found`);
    pod.status = mutate(structuredClone(pod.status));
    pod.metadata.resourceVersion = String(this.version++);
  }

  finalizePodDeletion(namespace: string, name: string, uid: string): void {
    const pod = this.getPod(namespace, name);
    if (pod?.metadata.uid === uid) this.pods.delete(this.key(namespace, name));
    this.deleted.push(`${namespace}/${name}`);
  }

  recordEvent(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.events.push({
      pod: `${pod.metadata.namespace}/${pod.metadata.name}`,
      type,
      reason,
      message,
    });
  }

  listServices(): Service[] {
    return this.services;
  }

  listPods(): Pod[] {
    return [...this.pods.values()];
  }

  /** Polls until the condition holds (or throws after timeoutMs). */
  async waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Polls until the predicate holds for the pod's current state (or throws after timeoutMs). */
  async waitForPod(
    namespace: string,
    name: string,
    what: string,
    predicate: (pod: Pod) => boolean,
    timeoutMs = 20_000,
  ): Promise<Pod> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pod = this.getPod(namespace, name);
      if (pod && predicate(pod)) return pod;
      if (Date.now() > deadline) {
        throw new Error(
          `pod ${namespace}/${name} never reached "${what}"; status: ${JSON.stringify(pod?.status)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
