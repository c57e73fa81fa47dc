// The cluster's objects and the controllers that act on them at once (scheduler, namespace
// lifecycle, service IP allocation). Implements ClusterAdmin for the composition and the tests;
// the HTTP handlers call the same methods, so both paths create and delete objects alike.
import type {
  ClusterAdmin,
  Kubelet,
  NetworkPlan,
  ObjectMeta,
  Pod,
  PodSpec,
  PodStatus,
  SandboxNode,
  SeedPodOptions,
  Service,
  ServicePort,
} from '../../contracts';
import { withPodDefaults } from '../admission/pod-defaults';
import { levelOf, podSecurityMessage, podSecurityViolations } from '../admission/pod-security';
import { validateNewPod } from '../admission/pod-validation';
import { errors } from '../status';
import { EventRecorder, type EventObject } from './event-recorder';
import { newUid, nowRfc3339, randomSuffix } from './names';
import { isNodeReady, nodeObject, withReady, type NodeObject } from './node-object';
import { ObjectStore } from './object-store';
import { schedule } from './scheduler';
import { ServiceIpAllocator } from './service-ips';
import { stableJson } from './stable-json';
import { WatchLog } from './watch-log';

export interface NamespaceObject {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: ObjectMeta;
  spec: { finalizers: string[] };
  status: { phase: 'Active' | 'Terminating' };
}

export interface CreatePodOptions {
  dryRun?: boolean;
  virtual?: boolean;
}

export interface CreatePodResult {
  pod: Pod;
  /** `Warning` headers (the namespace's pod-security warn level). */
  warnings: string[];
}

type NewPod = { metadata: Partial<ObjectMeta>; spec: PodSpec };

export class ClusterState implements ClusterAdmin {
  readonly log: WatchLog;
  readonly pods: ObjectStore<Pod>;
  readonly namespaces: ObjectStore<NamespaceObject>;
  readonly nodes: ObjectStore<NodeObject>;
  readonly services: ObjectStore<Service>;
  readonly events: ObjectStore<EventObject>;
  private readonly recorder: EventRecorder;
  private readonly ips: ServiceIpAllocator;
  private readonly virtualPods = new Set<string>();
  /** Pods waiting for a node, by "namespace/name". */
  private readonly unscheduled = new Set<string>();
  private readonly podsPerNode = new Map<string, number>();
  private kubelet: Kubelet | undefined;
  private readonly pendingAdmits: Pod[] = [];

  constructor(
    readonly network: NetworkPlan,
    readonly now: () => Date = () => new Date(),
    historyLimit = 5000,
  ) {
    this.log = new WatchLog(historyLimit);
    this.pods = new ObjectStore('pods', this.log);
    this.namespaces = new ObjectStore('namespaces', this.log);
    this.nodes = new ObjectStore('nodes', this.log);
    this.services = new ObjectStore('services', this.log);
    this.events = new ObjectStore('events', this.log);
    this.recorder = new EventRecorder(this.events, now);
    this.ips = new ServiceIpAllocator(network.serviceCidr, [network.dnsIP]);
  }

  attachKubelet(kubelet: Kubelet): void {
    if (this.kubelet === kubelet) return;
    this.kubelet = kubelet;
    for (const pod of this.pendingAdmits.splice(0)) kubelet.admit(pod);
  }

  private timestamp(): string {
    return nowRfc3339(this.now());
  }

  // ---- PodStore ----

  getPod(namespace: string, name: string): Pod | undefined {
    const pod = this.pods.get(namespace, name);
    return pod && structuredClone(pod);
  }

  updatePodStatus(namespace: string, name: string, mutate: (status: PodStatus) => PodStatus): void {
    const pod = this.pods.get(namespace, name);
    if (!pod) return;
    this.pods.put({ ...pod, status: mutate(structuredClone(pod.status)) });
  }

  finalizePodDeletion(namespace: string, name: string, uid: string): void {
    const pod = this.pods.get(namespace, name);
    if (pod && pod.metadata.uid === uid) this.removePod(pod);
  }

  recordEvent(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.recorder.record(pod, type, reason, message, 'kubelet');
  }

  listServices(): Service[] {
    return this.services.list();
  }

  listPods(): Pod[] {
    return this.pods.list();
  }

  isVirtual(pod: Pod): boolean {
    return this.virtualPods.has(pod.metadata.uid);
  }

  // ---- namespaces ----

  createNamespace(name: string, labels: Record<string, string> = {}): void {
    this.createNamespaceObject({ name, labels });
  }

  createNamespaceObject(meta: Partial<ObjectMeta>, dryRun = false): NamespaceObject {
    const name = meta.name ?? (meta.generateName ? meta.generateName + randomSuffix() : '');
    if (!name)
      throw errors.invalid('Namespace', '', [
        {
          field: 'metadata.name',
          type: 'FieldValueRequired',
          detail: 'Required value: name or generateName is required',
        },
      ]);
    if (this.namespaces.get('', name)) throw errors.alreadyExists('namespaces', name);
    const ns: NamespaceObject = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        ...meta,
        name,
        uid: newUid(),
        resourceVersion: '',
        creationTimestamp: this.timestamp(),
        labels: { ...meta.labels, 'kubernetes.io/metadata.name': name },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    };
    delete ns.metadata.namespace;
    return dryRun ? ns : this.namespaces.put(ns);
  }

  /** Namespace deletion: Terminating while its pods go away, then gone. */
  deleteNamespace(name: string): NamespaceObject {
    const ns = this.namespaces.get('', name);
    if (!ns) throw errors.notFound('namespaces', name);
    if (ns.status.phase === 'Terminating') return ns;
    const terminating = this.namespaces.put({
      ...ns,
      metadata: { ...ns.metadata, deletionTimestamp: this.timestamp() },
      status: { phase: 'Terminating' },
    });
    for (const pod of this.pods.list(name)) this.deletePodNow(pod);
    for (const svc of this.services.list(name)) this.deleteService(name, svc.metadata.name);
    this.finishNamespaceIfEmpty(name);
    return terminating;
  }

  private finishNamespaceIfEmpty(name: string): void {
    const ns = this.namespaces.get('', name);
    if (ns?.status.phase === 'Terminating' && this.pods.countIn(name) === 0) {
      for (const ev of this.events.list(name)) this.events.remove(name, ev.metadata.name);
      this.namespaces.remove('', name);
    }
  }

  replaceNamespaceMeta(name: string, meta: ObjectMeta): NamespaceObject {
    const ns = this.namespaces.get('', name);
    if (!ns) throw errors.notFound('namespaces', name);
    const labels = { ...meta.labels, 'kubernetes.io/metadata.name': name };
    return this.namespaces.put({
      ...ns,
      metadata: { ...ns.metadata, labels, annotations: meta.annotations },
    });
  }

  // ---- nodes ----

  createNode(node: SandboxNode): void {
    if (this.nodes.get('', node.name)) throw errors.alreadyExists('nodes', node.name);
    this.nodes.put(nodeObject(node, { uid: newUid(), at: this.timestamp() }));
    this.scheduleWaitingPods();
  }

  setNodeReady(name: string, ready: boolean): void {
    const node = this.nodes.get('', name);
    if (!node) throw errors.notFound('nodes', name);
    if (isNodeReady(node) !== ready) this.nodes.put(withReady(node, ready, this.timestamp()));
    this.kubelet?.setNodeReady(name, ready);
    if (ready) this.scheduleWaitingPods();
  }

  // ---- services ----

  createService(svc: {
    name: string;
    namespace: string;
    selector: Record<string, string>;
    ports: ServicePort[];
    clusterIP?: string;
  }): Service {
    if (!this.namespaces.get('', svc.namespace)) throw errors.notFound('namespaces', svc.namespace);
    if (this.services.get(svc.namespace, svc.name))
      throw errors.alreadyExists('services', svc.name);
    let ip: string;
    if (svc.clusterIP) {
      if (svc.clusterIP !== this.network.dnsIP) this.ips.claim(svc.clusterIP);
      ip = svc.clusterIP;
    } else ip = this.ips.allocate();
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: svc.name,
        namespace: svc.namespace,
        uid: newUid(),
        resourceVersion: '',
        creationTimestamp: this.timestamp(),
      },
      spec: {
        selector: svc.selector,
        ports: svc.ports.map((p) => ({
          ...p,
          protocol: p.protocol ?? 'TCP',
          targetPort: p.targetPort ?? p.port,
        })),
        clusterIP: ip,
        clusterIPs: [ip],
        type: 'ClusterIP',
        sessionAffinity: 'None',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    } as Service;
    const stored = this.services.put(service);
    this.kubelet?.servicesChanged(this.services.list());
    return stored;
  }

  deleteService(namespace: string, name: string): Service {
    const svc = this.services.remove(namespace, name);
    if (!svc) throw errors.notFound('services', name);
    if (svc.spec.clusterIP !== this.network.dnsIP) this.ips.release(svc.spec.clusterIP);
    this.kubelet?.servicesChanged(this.services.list());
    return svc;
  }

  // ---- pods ----

  createPod(
    pod: { metadata: Partial<ObjectMeta> & { name: string; namespace: string }; spec: PodSpec },
    options: SeedPodOptions = {},
  ): Pod {
    return this.createPodObject(pod.metadata.namespace, pod, { virtual: options.virtual ?? false })
      .pod;
  }

  /** POST pods: validation, defaults, Pod Security admission, then store, schedule and admit. */
  createPodObject(
    namespace: string,
    input: NewPod,
    options: CreatePodOptions = {},
  ): CreatePodResult {
    const ns = this.namespaces.get('', namespace);
    const meta = input.metadata ?? {};
    const name = meta.name || (meta.generateName ? meta.generateName + randomSuffix() : '');
    if (!ns) throw errors.notFound('namespaces', namespace);
    if (ns.status.phase === 'Terminating') {
      throw errors.forbidden(
        'pods',
        name,
        `unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
    const candidate = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...meta,
        name,
        namespace,
        uid: newUid(),
        resourceVersion: '',
        creationTimestamp: this.timestamp(),
      },
      spec: input.spec,
      status: { phase: 'Pending' },
    } as Pod;
    delete candidate.metadata.deletionTimestamp;
    delete candidate.metadata.deletionGracePeriodSeconds;
    validateNewPod(candidate);
    const pod = withPodDefaults(candidate);
    const violations = podSecurityViolations(pod, levelOf(ns.metadata.labels));
    if (violations.length) {
      throw errors.forbidden(
        'pods',
        name,
        podSecurityMessage(levelOf(ns.metadata.labels), violations),
      );
    }
    const warnLevel = levelOf(ns.metadata.labels, 'warn');
    const warnViolations = podSecurityViolations(pod, warnLevel);
    const warnings = warnViolations.length
      ? [`would ${podSecurityMessage(warnLevel, warnViolations)}`]
      : [];
    if (this.pods.get(namespace, name)) throw errors.alreadyExists('pods', name);
    if (options.dryRun) return { pod, warnings };

    if (options.virtual) this.virtualPods.add(pod.metadata.uid);
    const stored = this.pods.put(pod);
    if (stored.spec.nodeName) {
      this.countOnNode(stored.spec.nodeName, 1);
      this.admit(stored);
    } else {
      this.unscheduled.add(`${namespace}/${name}`);
      this.trySchedule(stored);
    }
    return { pod: this.pods.get(namespace, name) ?? stored, warnings };
  }

  private countOnNode(node: string, delta: number): void {
    this.podsPerNode.set(node, (this.podsPerNode.get(node) ?? 0) + delta);
  }

  private admit(pod: Pod): void {
    if (this.isVirtual(pod)) return;
    if (this.kubelet) this.kubelet.admit(structuredClone(pod));
    else this.pendingAdmits.push(pod);
  }

  private trySchedule(pod: Pod): void {
    const result = schedule(pod, this.nodes.list(), (n) => this.podsPerNode.get(n) ?? 0);
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const at = this.timestamp();
    if ('message' in result) {
      const already = pod.status.conditions?.find((c) => c.type === 'PodScheduled');
      if (already?.message !== result.message) {
        this.pods.put({
          ...pod,
          status: {
            ...pod.status,
            conditions: [
              {
                type: 'PodScheduled',
                status: 'False',
                reason: 'Unschedulable',
                message: result.message,
                lastProbeTime: null,
                lastTransitionTime: at,
              },
            ],
          },
        });
      }
      this.recorder.record(pod, 'Warning', 'FailedScheduling', result.message, 'default-scheduler');
      return;
    }
    this.unscheduled.delete(key);
    const bound = this.pods.put({
      ...pod,
      spec: { ...pod.spec, nodeName: result.node },
      status: {
        ...pod.status,
        conditions: [
          { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: at },
        ],
      },
    });
    this.countOnNode(result.node, 1);
    this.recorder.record(
      bound,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${result.node}`,
      'default-scheduler',
    );
    this.admit(bound);
  }

  private scheduleWaitingPods(): void {
    for (const key of [...this.unscheduled]) {
      const [ns = '', name = ''] = key.split('/');
      const pod = this.pods.get(ns, name);
      if (!pod || pod.metadata.deletionTimestamp) this.unscheduled.delete(key);
      else this.trySchedule(pod);
    }
  }

  deletePod(namespace: string, name: string, gracePeriodSeconds?: number): void {
    this.deletePodObject(namespace, name, gracePeriodSeconds);
  }

  /**
   * DELETE pods/NAME: a running pod gets deletionTimestamp (kubectl shows Terminating) and the
   * kubelet stops it; unbound, finished, virtual pods and pods of a NotReady node go at once.
   */
  deletePodObject(
    namespace: string,
    name: string,
    gracePeriodSeconds?: number,
    preconditionUid?: string,
  ): Pod {
    const pod = this.pods.get(namespace, name);
    if (!pod) throw errors.notFound('pods', name);
    if (preconditionUid && preconditionUid !== pod.metadata.uid) {
      throw errors.conflict(
        'pods',
        name,
        `Precondition failed: UID in precondition: ${preconditionUid}, UID in object meta: ${pod.metadata.uid}`,
      );
    }
    const grace = Math.max(0, gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30);
    const node = pod.spec.nodeName ? this.nodes.get('', pod.spec.nodeName) : undefined;
    const immediate =
      grace === 0 ||
      !pod.spec.nodeName ||
      this.isVirtual(pod) ||
      !node ||
      !isNodeReady(node) ||
      pod.status.phase === 'Succeeded' ||
      pod.status.phase === 'Failed';
    if (immediate) return this.deletePodNow(pod);
    if (pod.metadata.deletionTimestamp && (pod.metadata.deletionGracePeriodSeconds ?? 0) <= grace)
      return pod;
    const deadline = new Date(this.now().getTime() + grace * 1000);
    const terminating = this.pods.put({
      ...pod,
      metadata: {
        ...pod.metadata,
        deletionTimestamp: nowRfc3339(deadline),
        deletionGracePeriodSeconds: grace,
      },
    });
    this.kubelet?.terminate(structuredClone(terminating), grace);
    return terminating;
  }

  private deletePodNow(pod: Pod): Pod {
    const gone = this.removePod(pod);
    if (pod.spec.nodeName && !this.isVirtual(pod)) this.kubelet?.terminate(structuredClone(pod), 0);
    return gone;
  }

  private removePod(pod: Pod): Pod {
    const ns = pod.metadata.namespace ?? '';
    const gone = this.pods.remove(ns, pod.metadata.name) ?? pod;
    this.virtualPods.delete(pod.metadata.uid);
    this.unscheduled.delete(`${ns}/${pod.metadata.name}`);
    if (pod.spec.nodeName) this.countOnNode(pod.spec.nodeName, -1);
    this.finishNamespaceIfEmpty(ns);
    return gone;
  }

  /** PUT/PATCH pods: metadata labels/annotations and the few mutable spec fields. */
  replacePod(namespace: string, name: string, next: Pod, expectedRv?: string): Pod {
    const pod = this.pods.get(namespace, name);
    if (!pod) throw errors.notFound('pods', name);
    if (expectedRv && expectedRv !== pod.metadata.resourceVersion) {
      throw errors.conflict(
        'pods',
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    assertOnlyMutableSpecChanged(pod, next);
    return this.pods.put({
      ...pod,
      metadata: {
        ...pod.metadata,
        labels: next.metadata.labels,
        annotations: next.metadata.annotations,
        ownerReferences: next.metadata.ownerReferences,
      },
      spec: next.spec,
    });
  }

  /** Forget the watch history, as an etcd compaction: old resourceVersions and continue tokens expire. */
  compactHistory(): void {
    this.log.compact();
  }
}

function assertOnlyMutableSpecChanged(pod: Pod, next: Pod): void {
  const strip = (spec: PodSpec): unknown => ({
    ...spec,
    containers: spec.containers.map((c) => ({ ...c, image: '' })),
    initContainers: spec.initContainers?.map((c) => ({ ...c, image: '' })),
    activeDeadlineSeconds: undefined,
    tolerations: undefined,
  });
  if (stableJson(strip(pod.spec)) !== stableJson(strip(next.spec ?? pod.spec))) {
    throw errors.invalid('Pod', pod.metadata.name, [
      {
        field: 'spec',
        type: 'FieldValueForbidden',
        detail:
          'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      },
    ]);
  }
}
