// The parts of a Pod the agent code reads and writes (JSON as the API server sends it). Kept
// small on purpose: unknown fields pass through untouched.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

export interface AgentContainer {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: string[];
  env?: Array<{ name: string; value?: string }>;
  securityContext?: {
    privileged?: boolean;
    capabilities?: { add?: string[]; drop?: string[] };
  };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}

export interface PodSpecLike {
  nodeName?: string;
  hostPID?: boolean;
  hostNetwork?: boolean;
  activeDeadlineSeconds?: number;
  priorityClassName?: string;
  containers: AgentContainer[];
  volumes?: Array<{ name: string; emptyDir?: { sizeLimit?: string; medium?: string } }>;
  [field: string]: unknown;
}

export type ContainerStateLike =
  | { running: { startedAt?: string } }
  | { waiting: { reason?: string; message?: string } }
  | { terminated: { exitCode: number; reason?: string; message?: string } }
  | Record<string, never>;

export interface ContainerStatusLike {
  name: string;
  image?: string;
  containerID?: string;
  ready?: boolean;
  state?: ContainerStateLike;
}

export interface PodConditionLike {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface PodStatusLike {
  phase?: string;
  reason?: string;
  message?: string;
  podIP?: string;
  conditions?: PodConditionLike[];
  containerStatuses?: ContainerStatusLike[];
  initContainerStatuses?: ContainerStatusLike[];
}

export interface PodLike {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: PodSpecLike;
  status?: PodStatusLike;
}

export interface PodListLike {
  metadata?: { resourceVersion?: string };
  items: PodLike[];
}
