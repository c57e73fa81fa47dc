// A Node object as a kubelet registers it, and how its Ready condition and the node lifecycle
// controller's not-ready taints follow SandboxNode.ready.
import { release } from 'node:os';
import type { ObjectMeta, SandboxNode } from '../../contracts';

export const kubeletVersion = 'v1.32.4';

interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastHeartbeatTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface NodeObject {
  apiVersion: 'v1';
  kind: 'Node';
  metadata: ObjectMeta;
  spec: {
    podCIDR: string;
    podCIDRs: string[];
    taints: Array<{ key: string; value?: string; effect: string; timeAdded?: string }>;
    unschedulable?: boolean;
  };
  status: {
    capacity: Record<string, string>;
    allocatable: Record<string, string>;
    conditions: NodeCondition[];
    addresses: Array<{ type: string; address: string }>;
    daemonEndpoints: { kubeletEndpoint: { Port: number } };
    nodeInfo: Record<string, string>;
  };
}

const runtimeVersions: Record<SandboxNode['runtime'], string> = {
  containerd: 'containerd://1.7.24',
  'cri-o': 'cri-o://1.32.1',
  docker: 'docker://27.4.1',
};

const notReadyTaints = ['NoSchedule', 'NoExecute'].map((effect) => ({
  key: 'node.kubernetes.io/not-ready',
  effect,
}));

function conditions(ready: boolean, at: string): NodeCondition[] {
  const ok = (type: string, reason: string, message: string): NodeCondition => ({
    type,
    status: 'False',
    lastHeartbeatTime: at,
    lastTransitionTime: at,
    reason,
    message,
  });
  return [
    ok('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    ok('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    ok('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    ready
      ? {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: at,
          lastTransitionTime: at,
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        }
      : {
          type: 'Ready',
          status: 'False',
          lastHeartbeatTime: at,
          lastTransitionTime: at,
          reason: 'KubeletNotReady',
          message:
            'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady',
        },
  ];
}

export function nodeObject(node: SandboxNode, meta: { uid: string; at: string }): NodeObject {
  const resources = {
    cpu: '4',
    memory: '8145440Ki',
    pods: '110',
    'ephemeral-storage': '61202244Ki',
    'hugepages-2Mi': '0',
  };
  const obj: NodeObject = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      uid: meta.uid,
      resourceVersion: '',
      creationTimestamp: meta.at,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        ...node.labels,
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `${node.podSubnetPrefix}.0/24`,
      podCIDRs: [`${node.podSubnetPrefix}.0/24`],
      taints: node.taints.map((t) => ({ ...t })),
    },
    status: {
      capacity: resources,
      allocatable: { ...resources, cpu: '3800m', memory: '7621152Ki' },
      conditions: conditions(node.ready, meta.at),
      addresses: [
        { type: 'InternalIP', address: node.internalIP },
        { type: 'Hostname', address: node.name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: meta.uid.replaceAll('-', ''),
        systemUUID: meta.uid,
        bootID: meta.uid,
        kernelVersion: release(),
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: runtimeVersions[node.runtime],
        kubeletVersion,
        kubeProxyVersion: kubeletVersion,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  };
  return node.ready ? obj : withReady(obj, false, meta.at);
}

export function isNodeReady(node: NodeObject): boolean {
  return node.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function withReady(node: NodeObject, ready: boolean, at: string): NodeObject {
  const userTaints = node.spec.taints.filter((t) => t.key !== 'node.kubernetes.io/not-ready');
  return {
    ...node,
    spec: {
      ...node.spec,
      taints: ready
        ? userTaints
        : [...userTaints, ...notReadyTaints.map((t) => ({ ...t, timeAdded: at }))],
    },
    status: { ...node.status, conditions: conditions(ready, at) },
  };
}
