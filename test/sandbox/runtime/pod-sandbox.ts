// A pod's sandbox, as a CRI runtime makes it: the pod cgroup, the network namespace with its
// IP (or the root netns for hostNetwork), resolv.conf/hosts, volumes, and the pause process
// that holds the namespaces for as long as the pod lives.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setprivArgs } from './capabilities';
import {
  CgroupSet,
  containerCgroupSegment,
  podCgroupSegments,
  qosClassOf,
  removeCgroupDirs,
  type QosClass,
} from './cgroups';
import { ContainerProcess, type NamespaceKind } from './container-process';
import { podNetnsName } from './network';
import { hostPath } from './paths';
import type { RuntimeContext } from './runtime-context';
import type { Pod, SandboxNode } from '../contracts';

export function newContainerId(): string {
  return randomBytes(32).toString('hex');
}

export class PodSandbox {
  readonly qos: QosClass;
  readonly podCgroup: CgroupSet;
  readonly podDir: string;
  readonly podIP: string;
  readonly netns: string | undefined;
  readonly sandboxId = newContainerId();
  pause: ContainerProcess | undefined;
  pausePid = -1;
  private pauseCgroup: CgroupSet;
  private tornDown = false;

  private constructor(
    private readonly ctx: RuntimeContext,
    readonly pod: Pod,
    readonly node: SandboxNode,
  ) {
    this.qos = qosClassOf(pod.spec.containers);
    this.podCgroup = CgroupSet.at(
      ctx.hierarchies,
      podCgroupSegments(node.cgroupDriver, this.qos, pod.metadata.uid),
    );
    this.pauseCgroup = this.podCgroup.child(
      containerCgroupSegment(node.cgroupDriver, node.runtime, this.sandboxId),
    );
    this.podDir = join(ctx.stateDir, 'pods', pod.metadata.uid);
    this.netns = pod.spec.hostNetwork ? undefined : podNetnsName(ctx.plan.slot, pod.metadata.uid);
    this.podIP = pod.spec.hostNetwork ? node.internalIP : ctx.ipam.allocate(node);
  }

  static async create(ctx: RuntimeContext, pod: Pod, node: SandboxNode): Promise<PodSandbox> {
    const sandbox = new PodSandbox(ctx, pod, node);
    try {
      await sandbox.setUp();
    } catch (error) {
      await sandbox.tearDown();
      throw error;
    }
    return sandbox;
  }

  get hostNetwork(): boolean {
    return this.pod.spec.hostNetwork === true;
  }

  /** The hostname the pod's processes see (hostNetwork pods share the node's). */
  get hostname(): string {
    return this.hostNetwork ? hostname() : this.pod.metadata.name;
  }

  /** Whether containers get the cluster DNS (hostNetwork pods only with ClusterFirstWithHostNet). */
  get usesClusterDns(): boolean {
    const policy = this.pod.spec.dnsPolicy ?? 'ClusterFirst';
    if (policy === 'ClusterFirstWithHostNet') return true;
    return policy === 'ClusterFirst' && !this.hostNetwork;
  }

  get resolvConfPath(): string {
    return join(this.podDir, 'resolv.conf');
  }

  get hostsPath(): string {
    return join(this.podDir, 'hosts');
  }

  volumeDir(name: string): string {
    // The API validates volume names as DNS labels; never let one walk out of the pod dir.
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name))
      throw new Error(`invalid volume name ${JSON.stringify(name)}`);
    return join(this.podDir, 'volumes', name);
  }

  /** Creates a container cgroup inside the pod's, recorded for the sweep. */
  createCgroup(containerId: string): CgroupSet {
    const cgroup = this.podCgroup.child(
      containerCgroupSegment(this.node.cgroupDriver, this.node.runtime, containerId),
    );
    for (const dir of cgroup.create()) this.ctx.slotState.addCgroupDir(dir);
    return cgroup;
  }

  removeCgroup(cgroup: CgroupSet): void {
    for (const dir of removeCgroupDirs(cgroup.dirs)) this.ctx.slotState.removeCgroupDir(dir);
  }

  private async setUp(): Promise<void> {
    const { ctx, pod } = this;
    mkdirSync(this.podDir, { recursive: true });
    const ns = pod.metadata.namespace ?? 'default';
    const domain = ctx.plan.clusterDomain;
    writeFileSync(
      this.resolvConfPath,
      `search ${ns}.svc.${domain} svc.${domain} ${domain}\nnameserver ${ctx.plan.dnsIP}\noptions ndots:5\n`,
    );
    writeFileSync(
      this.hostsPath,
      `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n${this.podIP}\t${pod.metadata.name}\n`,
    );
    for (const volume of pod.spec.volumes ?? []) {
      if (!volume.hostPath) mkdirSync(this.volumeDir(volume.name), { recursive: true });
    }
    for (const dir of this.podCgroup.create()) ctx.slotState.addCgroupDir(dir);
    if (this.netns) await ctx.network.addPod(this.netns, this.podIP);
    await this.startPause();
  }

  private async startPause(): Promise<void> {
    const { ctx, pod } = this;
    for (const dir of this.pauseCgroup.create()) ctx.slotState.addCgroupDir(dir);
    const unshare: NamespaceKind[] = ['mount'];
    if (!pod.spec.hostPID) unshare.push('pid');
    if (!this.hostNetwork) unshare.push('uts');
    if (!pod.spec.hostIPC) unshare.push('ipc');
    const steps = this.pauseCgroup.procsFiles().flatMap((f) => ['cgroup', f]);
    if (!this.hostNetwork) steps.push('hostname', pod.metadata.name);
    const pause = new ContainerProcess(ctx.tools, {
      join: this.netns ? [`--net=/run/netns/${this.netns}`] : [],
      unshare,
      steps,
      argv: [...setprivArgs(ctx.tools.setpriv, undefined), ctx.tools.sleep, 'infinity'],
      env: { PATH: hostPath },
    });
    this.pause = pause;
    if (pause.child.pid !== undefined) ctx.slotState.addProcessGroup(pause.child.pid);
    pause.stdout.resume();
    const errors: Buffer[] = [];
    pause.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    if (!(await pause.started)) {
      throw new Error(`pause container failed: ${Buffer.concat(errors).toString().trim()}`);
    }
    this.pausePid = await pause.mainPid;
  }

  /** Options for nsenter that put a container into this pod's shared namespaces. */
  joinOptions(): string[] {
    const join = ['-t', String(this.pausePid), '--ipc'];
    if (!this.hostNetwork) join.push('--net', '--uts');
    return join;
  }

  async tearDown(): Promise<void> {
    if (this.tornDown) return;
    this.tornDown = true;
    const { ctx } = this;
    await this.pauseCgroup.killAll();
    if (this.pause) {
      this.pause.killHelpers();
      await this.pause.exited;
      if (this.pause.child.pid !== undefined)
        ctx.slotState.removeProcessGroup(this.pause.child.pid);
    }
    if (this.netns) {
      await ctx.network.removePod(this.netns);
      ctx.ipam.release(this.node, this.podIP);
    }
    await this.podCgroup.killAll();
    // Container scopes first, then the pod, then the shared kubepods parents if now empty.
    const podDirs = this.podCgroup.dirs;
    const parents = podDirs.flatMap((d) => [
      join(d, '..'),
      join(d, '..', '..'),
      join(d, '..', '..', '..'),
    ]);
    for (const dir of removeCgroupDirs([...this.pauseCgroup.dirs, ...podDirs]))
      ctx.slotState.removeCgroupDir(dir);
    for (const dir of removeCgroupDirs(
      parents.filter((p) => /\/kubepods[^/]*$|\/(burstable|besteffort)$/.test(p)),
    )) {
      ctx.slotState.removeCgroupDir(dir);
    }
    if (existsSync(this.podDir)) rmSync(this.podDir, { recursive: true, force: true });
  }
}
