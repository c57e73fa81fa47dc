// Fake clusters for development and UI tests: realistic namespaces, workloads, nodes and a
// spread of statuses (mostly Running, some crash-looping, pending, completed, terminating).
import type { PodSummary } from '../../../main/api/contract';
import { hex, pick, seeded, suffix, type Random } from './fake-random';

export interface FakeCluster {
  namespaces: string[];
  pods: PodSummary[];
  nodes: string[];
}

const APPS = [
  'checkout',
  'payments',
  'cart',
  'catalog',
  'search',
  'auth',
  'gateway',
  'orders',
  'inventory',
  'shipping',
  'recommendations',
  'notifications',
  'billing',
  'ledger',
  'pricing',
  'reviews',
  'profile',
  'sessions',
  'media-resizer',
  'feature-flags',
  'kafka',
  'redis',
  'postgres',
  'elasticsearch',
  'nginx-ingress',
  'coredns',
  'metrics-server',
  'fluent-bit',
  'node-exporter',
  'cert-manager',
  'external-dns',
  'istio-proxy',
  'vault-agent',
  'otel-collector',
  'grafana',
];
const TEAM_NAMESPACES = [
  'shop',
  'payments',
  'search',
  'identity',
  'logistics',
  'data',
  'ml-serving',
  'observability',
  'ingress',
  'platform',
  'batch',
  'streaming',
  'media',
  'growth',
  'internal-tools',
  'staging-mirror',
];
const SYSTEM_NAMESPACES = ['kube-system', 'monitoring', 'cert-manager', 'istio-system'];

/** [status, weight]: a production-like mix. */
const STATUSES: [string, number][] = [
  ['Running', 880],
  ['Completed', 40],
  ['Pending', 14],
  ['ContainerCreating', 12],
  ['CrashLoopBackOff', 18],
  ['Error', 6],
  ['ImagePullBackOff', 8],
  ['ErrImagePull', 2],
  ['Terminating', 8],
  ['Init:0/1', 4],
  ['OOMKilled', 3],
  ['Evicted', 3],
  ['PodInitializing', 2],
];
const STATUS_TOTAL = STATUSES.reduce((n, [, w]) => n + w, 0);

function pickStatus(r: Random): string {
  let x = r() * STATUS_TOTAL;
  for (const [s, w] of STATUSES) if ((x -= w) < 0) return s;
  return 'Running';
}

function phaseOf(status: string): string {
  if (status === 'Completed') return 'Succeeded';
  if (['Error', 'Evicted', 'OOMKilled'].includes(status)) return 'Failed';
  if (
    [
      'Pending',
      'ContainerCreating',
      'ImagePullBackOff',
      'ErrImagePull',
      'PodInitializing',
    ].includes(status) ||
    status.startsWith('Init:')
  )
    return 'Pending';
  return 'Running';
}

export interface ClusterShape {
  seed: number;
  pods: number;
  namespaces: number;
  nodes: number;
  nodePrefix: string;
  /** Base of pod IPs, e.g. 10 → 10.x.y.z */
  ipBase: number;
}

export function makeCluster(shape: ClusterShape, now = Date.now()): FakeCluster {
  const r = seeded(shape.seed);
  const namespaces = [...SYSTEM_NAMESPACES, ...TEAM_NAMESPACES]
    .slice(0, Math.max(2, shape.namespaces))
    .concat(Array.from({ length: Math.max(0, shape.namespaces - 20) }, (_, i) => `team-${i + 1}`));
  const nodes = Array.from(
    { length: shape.nodes },
    (_, i) => `${shape.nodePrefix}-${pick(r, ['a', 'b', 'c'])}-${String(i + 1).padStart(3, '0')}`,
  );
  const pods: PodSummary[] = [];
  let workload = 0;
  while (pods.length < shape.pods) {
    // One workload: a Deployment's ReplicaSet (or a StatefulSet / Job) with a few replicas.
    const ns = pick(r, namespaces);
    const app = pick(r, APPS);
    const kind = r() < 0.75 ? 'ReplicaSet' : r() < 0.6 ? 'StatefulSet' : 'Job';
    const rsHash = suffix(r, 9);
    const owner = kind === 'ReplicaSet' ? `${app}-${rsHash}` : `${app}-${workload}`;
    const replicas = Math.min(shape.pods - pods.length, 1 + Math.floor(r() * r() * 12));
    const containers = 1 + Math.floor(r() * r() * 3);
    const version = `v${1 + Math.floor(r() * 4)}.${Math.floor(r() * 20)}.${Math.floor(r() * 10)}`;
    for (let i = 0; i < replicas; i++) {
      const name =
        kind === 'ReplicaSet'
          ? `${app}-${rsHash}-${suffix(r, 5)}`
          : kind === 'StatefulSet'
            ? `${app}-${workload}-${i}`
            : `${app}-${workload}-${suffix(r, 5)}`;
      pods.push(makePod(r, { ns, app, name, kind, owner, containers, version, nodes, shape, now }));
    }
    workload++;
  }
  return { namespaces: [...namespaces].sort(), pods, nodes };
}

interface PodSeed {
  ns: string;
  app: string;
  name: string;
  kind: string;
  owner: string;
  containers: number;
  version: string;
  nodes: string[];
  shape: ClusterShape;
  now: number;
}

export function makePod(
  r: Random,
  s: PodSeed,
  status = s.kind === 'Job' && r() < 0.7 ? 'Completed' : pickStatus(r),
): PodSummary {
  const phase = phaseOf(status);
  const scheduled = status !== 'Pending' || r() < 0.3;
  const node = scheduled ? pick(r, s.nodes) : undefined;
  const hostNetwork = s.app === 'node-exporter';
  const nodeIndex = node ? s.nodes.indexOf(node) : 0;
  const hostIP = node
    ? `172.16.${Math.floor(nodeIndex / 250)}.${(nodeIndex % 250) + 2}`
    : undefined;
  const podIP =
    !node || status === 'ContainerCreating'
      ? undefined
      : hostNetwork
        ? hostIP
        : `${s.shape.ipBase}.${Math.floor(r() * 250)}.${Math.floor(r() * 250)}.${1 + Math.floor(r() * 253)}`;
  const ageMs = Math.floor(r() * r() * 90 * 86_400_000) + 5_000;
  const failing = status === 'CrashLoopBackOff' || status === 'Error' || status === 'OOMKilled';
  const restarts = failing ? 3 + Math.floor(r() * 400) : r() < 0.12 ? 1 + Math.floor(r() * 6) : 0;
  const ready = status === 'Running' ? (r() < 0.97 ? s.containers : s.containers - 1) : 0;
  return {
    uid: `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`,
    namespace: s.ns,
    name: s.name,
    status,
    phase,
    readyContainers: ready,
    totalContainers: s.containers,
    restarts,
    ...(restarts
      ? {
          lastRestartAt: new Date(
            s.now - Math.min(ageMs, failing ? Math.floor(r() * 600_000) : Math.floor(r() * ageMs)),
          ).toISOString(),
        }
      : {}),
    createdAt: new Date(s.now - ageMs).toISOString(),
    ...(node ? { node } : {}),
    ...(podIP ? { podIP } : {}),
    ...(hostIP ? { hostIP } : {}),
    hostNetwork,
    labels: {
      app: s.app,
      'app.kubernetes.io/name': s.app,
      'app.kubernetes.io/version': s.version,
      ...(s.kind === 'ReplicaSet' ? { 'pod-template-hash': s.owner.slice(s.app.length + 1) } : {}),
      tier: s.app.match(/postgres|redis|kafka|elasticsearch/)
        ? 'data'
        : r() < 0.5
          ? 'backend'
          : 'frontend',
      ...(r() < 0.3 ? { team: s.ns } : {}),
    },
    owner: { kind: s.kind === 'ReplicaSet' ? 'ReplicaSet' : s.kind, name: s.owner },
    deleting: status === 'Terminating',
  };
}
