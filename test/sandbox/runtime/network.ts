// The instance's pod network: one "cluster" netns with a bridge (the gateway), one netns per
// pod wired to it by a veth, and one veth from the root netns carrying the node IPs. Nothing
// here routes off the machine: the cluster netns has no default route.
import { run, runQuietly } from './command';
import { clusterNetnsName, findHostBinary, hostVethName, slotPrefix } from './paths';
import type { NetworkPlan, SandboxNode } from '../contracts';

const bridge = 'cni0';
const hostPort = 'hostport';

export function prefixLength(cidr: string): number {
  const bits = Number(cidr.split('/')[1]);
  if (!Number.isInteger(bits) || bits < 8 || bits > 30) throw new Error(`bad CIDR ${cidr}`);
  return bits;
}

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [base = ''] = cidr.split('/');
  const size = 2 ** (32 - prefixLength(cidr));
  const start = Math.floor(ipToNumber(base) / size) * size;
  const n = ipToNumber(ip);
  return n >= start && n < start + size;
}

export function podNetnsName(slot: number, podUid: string): string {
  return `${slotPrefix(slot)}${podUid.replaceAll('-', '').slice(0, 8)}`;
}

export class ClusterNetwork {
  readonly netns: string;
  private readonly ip = findHostBinary('ip');
  private serviceAddresses = new Set<string>();

  constructor(
    private readonly plan: NetworkPlan,
    private readonly nodes: SandboxNode[],
  ) {
    this.netns = clusterNetnsName(plan.slot);
  }

  private inCluster(...args: string[]): Promise<string> {
    return run(this.ip, ['-n', this.netns, ...args]);
  }

  async setUp(): Promise<void> {
    const bits = prefixLength(this.plan.podCidr);
    await run(this.ip, ['netns', 'add', this.netns]);
    await this.inCluster('link', 'set', 'lo', 'up');
    await this.inCluster('link', 'add', bridge, 'type', 'bridge');
    await this.inCluster('addr', 'add', `${this.plan.gatewayIP}/${bits}`, 'dev', bridge);
    await this.inCluster('link', 'set', bridge, 'up');
    // Only needed for node IPs outside the pod CIDR; the namespace has no route off the machine.
    await run(findHostBinary('nsenter'), [
      `--net=/run/netns/${this.netns}`,
      findHostBinary('sysctl'),
      '-qw',
      'net.ipv4.ip_forward=1',
    ]);

    const hostVeth = hostVethName(this.plan.slot);
    await run(this.ip, [
      'link',
      'add',
      hostVeth,
      'type',
      'veth',
      'peer',
      'name',
      hostPort,
      'netns',
      this.netns,
    ]);
    await this.inCluster('link', 'set', hostPort, 'master', bridge, 'up');
    for (const node of this.nodes) {
      await run(this.ip, ['addr', 'add', `${node.internalIP}/32`, 'dev', hostVeth]);
      if (!cidrContains(this.plan.podCidr, node.internalIP)) {
        await this.inCluster('route', 'add', `${node.internalIP}/32`, 'dev', bridge);
      }
    }
    await run(this.ip, ['link', 'set', hostVeth, 'up']);
    const source = this.nodes[0]?.internalIP;
    const src = source ? ['src', source] : [];
    await run(this.ip, ['route', 'add', this.plan.podCidr, 'dev', hostVeth, ...src]);
    // Nodes reach Service IPs too (kube-proxy does that on real nodes), e.g. ClusterFirstWithHostNet.
    await run(this.ip, [
      'route',
      'add',
      this.plan.serviceCidr,
      'via',
      this.plan.gatewayIP,
      'dev',
      hostVeth,
      'onlink',
      ...src,
    ]);
  }

  async tearDown(): Promise<void> {
    await runQuietly(this.ip, ['link', 'del', hostVethName(this.plan.slot)]);
    await runQuietly(this.ip, ['netns', 'del', this.netns]);
  }

  /** Creates the pod's netns with eth0 and returns nothing; the caller chose the IP. */
  async addPod(netns: string, podIP: string): Promise<void> {
    const bits = prefixLength(this.plan.podCidr);
    const hostSide = `veth${netns.slice(slotPrefix(this.plan.slot).length)}`;
    await run(this.ip, ['netns', 'add', netns]);
    try {
      await this.inCluster(
        'link',
        'add',
        hostSide,
        'type',
        'veth',
        'peer',
        'name',
        'eth0',
        'netns',
        netns,
      );
      await this.inCluster('link', 'set', hostSide, 'master', bridge, 'up');
      const inPod = (...args: string[]) => run(this.ip, ['-n', netns, ...args]);
      await inPod('link', 'set', 'lo', 'up');
      await inPod('addr', 'add', `${podIP}/${bits}`, 'dev', 'eth0');
      await inPod('link', 'set', 'eth0', 'up');
      await inPod('route', 'add', 'default', 'via', this.plan.gatewayIP, 'dev', 'eth0');
    } catch (error) {
      await this.removePod(netns);
      throw error;
    }
  }

  async removePod(netns: string): Promise<void> {
    const hostSide = `veth${netns.slice(slotPrefix(this.plan.slot).length)}`;
    await runQuietly(this.ip, ['-n', this.netns, 'link', 'del', hostSide]);
    await runQuietly(this.ip, ['netns', 'del', netns]);
  }

  /** Service cluster IPs (and the DNS IP) are local addresses of the cluster netns. */
  async setServiceAddresses(addresses: Iterable<string>): Promise<void> {
    const wanted = new Set(addresses);
    for (const address of wanted) {
      if (!this.serviceAddresses.has(address)) {
        await this.inCluster('addr', 'replace', `${address}/32`, 'dev', 'lo');
      }
    }
    for (const address of this.serviceAddresses) {
      if (!wanted.has(address))
        await runQuietly(this.ip, ['-n', this.netns, 'addr', 'del', `${address}/32`, 'dev', 'lo']);
    }
    this.serviceAddresses = wanted;
  }
}

/** Picks pod IPs from each node's /24, never .0, .1 or .255. */
export class PodIpAllocator {
  private readonly used = new Map<string, Set<number>>();

  allocate(node: SandboxNode): string {
    const used = this.used.get(node.name) ?? new Set<number>();
    this.used.set(node.name, used);
    for (let host = 2; host <= 254; host++) {
      const ip = `${node.podSubnetPrefix}.${host}`;
      if (!used.has(host) && ip !== node.internalIP) {
        used.add(host);
        return ip;
      }
    }
    throw new Error(`node ${node.name} has no free pod IP left in ${node.podSubnetPrefix}.0/24`);
  }

  release(node: SandboxNode, ip: string): void {
    this.used.get(node.name)?.delete(Number(ip.split('.')[3]));
  }
}
