// The seams of the sandbox cluster. The API server (test/sandbox/api) owns the objects and the
// wire protocol; the node runtime (test/sandbox/runtime) owns the Linux side: network namespaces,
// cgroups, processes. They meet only through these interfaces, so each can be tested alone
// (the API server with a fake kubelet, the runtime without an API server).
import type { Readable, Writable } from 'node:stream';

/** Kubernetes objects as they travel in JSON (timestamps are RFC 3339 strings). */
export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<{
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller?: boolean;
  }>;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
}

export interface SecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsUser?: number;
  runAsNonRoot?: boolean;
  readOnlyRootFilesystem?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type: string };
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}

export interface Container {
  name: string;
  image: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  command?: string[];
  args?: string[];
  env?: Array<{ name: string; value?: string }>;
  ports?: ContainerPort[];
  securityContext?: SecurityContext;
  volumeMounts?: VolumeMount[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  stdin?: boolean;
  tty?: boolean;
  workingDir?: string;
}

export interface Volume {
  name: string;
  emptyDir?: { medium?: string; sizeLimit?: string };
  hostPath?: { path: string; type?: string };
  configMap?: { name: string };
  secret?: { secretName: string };
}

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  hostPID?: boolean;
  hostNetwork?: boolean;
  hostIPC?: boolean;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  terminationGracePeriodSeconds?: number;
  activeDeadlineSeconds?: number;
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  tolerations?: Array<{ key?: string; operator?: string; value?: string; effect?: string }>;
  securityContext?: {
    runAsUser?: number;
    runAsNonRoot?: boolean;
    seccompProfile?: { type: string };
  };
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  priorityClassName?: string;
  dnsPolicy?: string;
}

export type ContainerState =
  | { running: { startedAt: string } }
  | { waiting: { reason: string; message?: string } }
  | {
      terminated: {
        exitCode: number;
        signal?: number;
        reason: string;
        message?: string;
        startedAt?: string;
        finishedAt: string;
        containerID?: string;
      };
    };

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState | Record<string, never>;
}

export interface PodCondition {
  type: 'PodScheduled' | 'Initialized' | 'ContainersReady' | 'Ready' | 'PodReadyToStartContainers';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime: string | null;
  lastTransitionTime: string;
}

export interface PodStatus {
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  reason?: string;
  message?: string;
  conditions?: PodCondition[];
  hostIP?: string;
  hostIPs?: Array<{ ip: string }>;
  podIP?: string;
  podIPs?: Array<{ ip: string }>;
  startTime?: string;
  qosClass?: 'BestEffort' | 'Burstable' | 'Guaranteed';
  containerStatuses?: ContainerStatus[];
}

export interface Pod {
  apiVersion: 'v1';
  kind: 'Pod';
  metadata: ObjectMeta;
  spec: PodSpec;
  status: PodStatus;
}

export interface ServicePort {
  name?: string;
  protocol?: 'TCP' | 'UDP';
  port: number;
  targetPort?: number | string;
}

export interface Service {
  apiVersion: 'v1';
  kind: 'Service';
  metadata: ObjectMeta;
  spec: {
    selector?: Record<string, string>;
    ports: ServicePort[];
    clusterIP: string;
    clusterIPs?: string[];
    type: 'ClusterIP';
  };
  status: Record<string, never> | { loadBalancer: Record<string, never> };
}

/** How a node lays out its containers' cgroups and names its container IDs. */
export type CgroupDriver = 'systemd' | 'cgroupfs';
export type ContainerRuntimeName = 'containerd' | 'cri-o' | 'docker';

export interface SandboxNode {
  name: string;
  cgroupDriver: CgroupDriver;
  runtime: ContainerRuntimeName;
  /** The node's InternalIP, also the podIP of its hostNetwork pods. */
  internalIP: string;
  /** First three octets of this node's pod subnet (a /24), e.g. "10.100.1". */
  podSubnetPrefix: string;
  ready: boolean;
  labels: Record<string, string>;
  taints: Array<{
    key: string;
    value?: string;
    effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  }>;
}

/** An error the API server turns into a Kubernetes `Status` with this code and reason. */
export class SandboxApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: {
      name?: string;
      kind?: string;
      group?: string;
      causes?: Array<{ reason?: string; message?: string; field?: string }>;
    },
  ) {
    super(message);
    this.name = 'SandboxApiError';
  }
}

/** The API server's object store, as the kubelet sees it. */
export interface PodStore {
  getPod(namespace: string, name: string): Pod | undefined;
  /** Replace a pod's status (the kubelet's status manager); bumps resourceVersion, emits MODIFIED. */
  updatePodStatus(namespace: string, name: string, mutate: (status: PodStatus) => PodStatus): void;
  /** Remove a pod whose termination the kubelet has finished (emits DELETED). */
  finalizePodDeletion(namespace: string, name: string, uid: string): void;
  recordEvent(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void;
  listServices(): Service[];
  listPods(): Pod[];
}

export interface ExecRequest {
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** A process started by `pods/exec`; the API server wires its streams to WebSocket channels. */
export interface ExecProcess {
  stdin: Writable | null;
  stdout: Readable | null;
  /** null when tty is set: a terminal merges stderr into stdout. */
  stderr: Readable | null;
  resize(cols: number, rows: number): void;
  /** Abrupt end, as when the stream to the kubelet is severed. */
  kill(signal?: NodeJS.Signals): void;
  /** Resolves once the process is gone and its output drained. */
  exited: Promise<{ exitCode: number | null; signal: NodeJS.Signals | null }>;
}

export interface LogRequest {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  limitBytes?: number;
}

/** The node agent of every sandbox node, as the API server sees it. */
export interface Kubelet {
  /** A pod was bound to a node (created with nodeName, or scheduled): run it. Returns at once. */
  admit(pod: Pod): void;
  /** The pod is being deleted: stop it within the grace period, then call store.finalizePodDeletion. */
  terminate(pod: Pod, gracePeriodSeconds: number): void;
  /** Throws SandboxApiError (e.g. 400 "container not found") when the container is not running. */
  exec(pod: Pod, req: ExecRequest): Promise<ExecProcess>;
  /** Throws SandboxApiError when there are no logs (e.g. previous terminated container not found). */
  logs(pod: Pod, req: LogRequest): Promise<Readable>;
  servicesChanged(services: Service[]): void;
  setNodeReady(nodeName: string, ready: boolean): void;
  /** Kill every process, remove every netns, veth, cgroup and file this runtime made. */
  shutdown(): Promise<void>;
}

/** The address plan of one sandbox instance (a slot, so instances never collide). */
export interface NetworkPlan {
  /** 0..15; names of netns, links and cgroups carry it (e.g. "sbx3-…"). */
  slot: number;
  /** Pod network, e.g. "10.103.0.0/16"; each node gets a /24 of it (SandboxNode.podSubnetPrefix). */
  podCidr: string;
  /** The cluster bridge's address in the pod network: every pod's default gateway. */
  gatewayIP: string;
  /** Service cluster IPs come from this /16, e.g. "10.203.0.0/16". */
  serviceCidr: string;
  /** Cluster IP of kube-system/kube-dns, the resolver every pod's resolv.conf names. */
  dnsIP: string;
  clusterDomain: string;
}

export interface SeedPodOptions {
  /** Objects only: never admitted to a kubelet (for 10k–50k pod scale tests). */
  virtual?: boolean;
}

/** What the sandbox's composition and the tests may do to the cluster besides the HTTP API. */
export interface ClusterAdmin extends PodStore {
  createNamespace(name: string, labels?: Record<string, string>): void;
  createNode(node: SandboxNode): void;
  setNodeReady(name: string, ready: boolean): void;
  /** clusterIP may be given (kube-dns) or is allocated from NetworkPlan.serviceCidr. */
  createService(svc: {
    name: string;
    namespace: string;
    selector: Record<string, string>;
    ports: ServicePort[];
    clusterIP?: string;
  }): Service;
  /** Creates a pod as the API would (uid, resourceVersion, events) and admits it unless virtual. */
  createPod(
    pod: { metadata: Partial<ObjectMeta> & { name: string; namespace: string }; spec: PodSpec },
    options?: SeedPodOptions,
  ): Pod;
  /** Deletes as `DELETE pods/NAME` would, with the given grace period. */
  deletePod(namespace: string, name: string, gracePeriodSeconds?: number): void;
}

/** Faults the tests can inject (also reachable over HTTPS under /_sandbox/faults/ with the admin token). */
export interface Faults {
  /** Sever the WebSocket of running execs (all, or those into one pod) without a close frame. Returns how many. */
  severExecStreams(target?: { namespace: string; pod: string }): number;
  /** Refuse and drop every API connection for this many seconds. */
  makeApiUnreachable(seconds: number): void;
  setNodeReady(name: string, ready: boolean): void;
}
