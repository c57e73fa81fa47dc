// A small cluster for API server tests: the default scenario's nodes, namespaces and users.
import type { NetworkPlan, SandboxNode } from '../../contracts';
import type { ScenarioUser } from '../../scenario';
import { createClusterState } from '../index';
import type { ClusterState } from '../store/cluster-state';

export const testNetwork: NetworkPlan = {
  slot: 9,
  podCidr: '10.109.0.0/16',
  gatewayIP: '10.109.0.1',
  serviceCidr: '10.209.0.0/16',
  dnsIP: '10.209.0.10',
  clusterDomain: 'cluster.local',
};

export const testNodes: SandboxNode[] = [
  {
    name: 'sbx-node-a',
    cgroupDriver: 'systemd',
    runtime: 'containerd',
    internalIP: '192.168.109.11',
    podSubnetPrefix: '10.109.1',
    ready: true,
    labels: { 'topology.kubernetes.io/zone': 'sandbox-1' },
    taints: [],
  },
  {
    name: 'sbx-node-b',
    cgroupDriver: 'cgroupfs',
    runtime: 'containerd',
    internalIP: '192.168.109.12',
    podSubnetPrefix: '10.109.2',
    ready: true,
    labels: { 'topology.kubernetes.io/zone': 'sandbox-2' },
    taints: [],
  },
  {
    name: 'sbx-node-c',
    cgroupDriver: 'systemd',
    runtime: 'cri-o',
    internalIP: '192.168.109.13',
    podSubnetPrefix: '10.109.3',
    ready: true,
    labels: { 'topology.kubernetes.io/zone': 'sandbox-2', 'node-role.kubernetes.io/infra': '' },
    taints: [{ key: 'node-role.kubernetes.io/infra', effect: 'NoSchedule' }],
  },
];

export const testUsers: Array<ScenarioUser & { token: string }> = [
  {
    name: 'admin',
    groups: ['system:masters'],
    rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    token: 'admin-token',
  },
  {
    name: 'viewer',
    groups: [],
    rules: [
      {
        verbs: ['get', 'list', 'watch'],
        apiGroups: [''],
        resources: ['pods', 'pods/log', 'namespaces', 'nodes', 'services', 'events'],
      },
    ],
    token: 'viewer-token',
  },
  {
    name: 'shop-dev',
    groups: [],
    rules: [
      {
        verbs: ['get', 'list', 'watch'],
        apiGroups: [''],
        resources: ['pods', 'pods/log', 'services', 'events'],
        namespaces: ['shop'],
      },
      { verbs: ['create'], apiGroups: [''], resources: ['pods/exec'], namespaces: ['shop'] },
    ],
    token: 'shop-dev-token',
  },
];

export function testCluster(now?: () => Date): ClusterState {
  const state = createClusterState({ network: testNetwork, ...(now ? { now } : {}) });
  state.createNamespace('default');
  state.createNamespace('kube-system');
  state.createNamespace('shop', { 'pod-security.kubernetes.io/enforce': 'baseline' });
  state.createNamespace('payments', { 'pod-security.kubernetes.io/enforce': 'restricted' });
  state.createNamespace('snoopy-system', { 'pod-security.kubernetes.io/enforce': 'privileged' });
  for (const node of testNodes) state.createNode(node);
  return state;
}
