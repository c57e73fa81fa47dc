// The parts of a Pod's JSON (as the API server sends it) that Snoopy reads. Plain JSON, not
// client-node's V1Pod: lists are parsed with JSON.parse only (no per-field deserializer),
// which matters at 50k pods, and timestamps stay RFC 3339 strings.

export interface RawOwnerReference {
  apiVersion?: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

export interface RawObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: RawOwnerReference[];
}

export interface RawContainerStateTerminated {
  exitCode?: number;
  signal?: number;
  reason?: string;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  containerID?: string;
}

export interface RawContainerState {
  running?: { startedAt?: string };
  waiting?: { reason?: string; message?: string };
  terminated?: RawContainerStateTerminated;
}

export interface RawContainerStatus {
  name: string;
  image?: string;
  imageID?: string;
  containerID?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: RawContainerState;
  lastState?: RawContainerState;
}

export interface RawContainer {
  name: string;
  image?: string;
  /** "Always" on an init container makes it a sidecar (restartable init container). */
  restartPolicy?: string;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
}

export interface RawPodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface RawPod {
  metadata?: RawObjectMeta;
  spec?: {
    nodeName?: string;
    hostNetwork?: boolean;
    serviceAccountName?: string;
    containers?: RawContainer[];
    initContainers?: RawContainer[];
  };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    hostIP?: string;
    podIP?: string;
    podIPs?: Array<{ ip: string }>;
    qosClass?: string;
    conditions?: RawPodCondition[];
    containerStatuses?: RawContainerStatus[];
    initContainerStatuses?: RawContainerStatus[];
  };
}

/** A list response (PodList, NamespaceList, EventList …). */
export interface RawList<T> {
  metadata?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items?: T[];
}

/** A line of a watch stream. */
export interface RawWatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}
