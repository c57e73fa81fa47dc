// Kubelet-style cgroups: the same pod/container layout a real node has, on every hierarchy a
// process's /proc/<pid>/cgroup shows (cgroup v2 and/or the v1 name=systemd hierarchy), so the
// agent's cgroup scan meets the lines it meets on real nodes. Controllers are not used: the
// sandbox limits nothing, it only reproduces where processes live.
import { mkdirSync, readFileSync, rmdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CgroupDriver, ContainerRuntimeName, PodStatus } from '../contracts';

export type QosClass = NonNullable<PodStatus['qosClass']>;

export interface CgroupHierarchy {
  kind: 'v2' | 'v1-systemd';
  mountPoint: string;
}

/** Hybrid hosts have both; pure v2 hosts only 'v2'; old v1 hosts only 'v1-systemd'. */
export function detectCgroupHierarchies(
  mountinfo = readFileSync('/proc/self/mountinfo', 'utf8'),
): CgroupHierarchy[] {
  const found: CgroupHierarchy[] = [];
  for (const line of mountinfo.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const mountPoint = left.split(' ')[4];
    const [fsType, , superOptions = ''] = right.split(' ');
    if (!mountPoint) continue;
    if (fsType === 'cgroup2') found.push({ kind: 'v2', mountPoint });
    if (fsType === 'cgroup' && superOptions.split(',').includes('name=systemd')) {
      found.push({ kind: 'v1-systemd', mountPoint });
    }
  }
  return found.filter((h) => isWritableCgroup(h.mountPoint));
}

function isWritableCgroup(mountPoint: string): boolean {
  const probe = join(mountPoint, `snoopy-sandbox-probe-${process.pid}`);
  try {
    mkdirSync(probe);
    rmdirSync(probe);
    return true;
  } catch {
    return false;
  }
}

const runtimeScopePrefix: Record<ContainerRuntimeName, string> = {
  containerd: 'cri-containerd',
  'cri-o': 'crio',
  docker: 'docker',
};

/** Path segments of a pod's cgroup below the hierarchy root, as the kubelet names them. */
export function podCgroupSegments(driver: CgroupDriver, qos: QosClass, podUid: string): string[] {
  const qosName = qos.toLowerCase();
  if (driver === 'systemd') {
    const uid = podUid.replaceAll('-', '_');
    if (qos === 'Guaranteed') return ['kubepods.slice', `kubepods-pod${uid}.slice`];
    return ['kubepods.slice', `kubepods-${qosName}.slice`, `kubepods-${qosName}-pod${uid}.slice`];
  }
  if (qos === 'Guaranteed') return ['kubepods', `pod${podUid}`];
  return ['kubepods', qosName, `pod${podUid}`];
}

export function containerCgroupSegment(
  driver: CgroupDriver,
  runtime: ContainerRuntimeName,
  containerId: string,
): string {
  return driver === 'systemd' ? `${runtimeScopePrefix[runtime]}-${containerId}.scope` : containerId;
}

/** One cgroup (pod or container) on every hierarchy. */
export class CgroupSet {
  constructor(readonly dirs: string[]) {}

  static at(hierarchies: CgroupHierarchy[], segments: string[]): CgroupSet {
    return new CgroupSet(hierarchies.map((h) => join(h.mountPoint, ...segments)));
  }

  child(segment: string): CgroupSet {
    return new CgroupSet(this.dirs.map((d) => join(d, segment)));
  }

  /** Creates the directories; returns every directory that did not exist before, parents first. */
  create(): string[] {
    const created: string[] = [];
    for (const dir of this.dirs) {
      const missing: string[] = [];
      for (let d = dir; !existsSync(d); d = join(d, '..')) missing.unshift(d);
      mkdirSync(dir, { recursive: true });
      created.push(...missing);
    }
    return created;
  }

  procsFiles(): string[] {
    return this.dirs.map((d) => join(d, 'cgroup.procs'));
  }

  pids(): number[] {
    const pids = new Set<number>();
    for (const file of this.procsFiles()) {
      try {
        for (const line of readFileSync(file, 'utf8').split('\n')) {
          if (line.trim()) pids.add(Number(line));
        }
      } catch {
        // already removed
      }
    }
    return [...pids];
  }

  signalAll(signal: NodeJS.Signals): void {
    for (const pid of this.pids()) {
      try {
        process.kill(pid, signal);
      } catch {
        // gone meanwhile
      }
    }
  }

  /** SIGKILL until no process is left (new ones may appear from a fork in flight). */
  async killAll(): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      if (this.pids().length === 0) return;
      this.signalAll('SIGKILL');
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`processes survive in ${this.dirs.join(', ')}: ${this.pids().join(' ')}`);
  }
}

/** rmdir leaf-first; a directory still in use (children, processes) stays. */
export function removeCgroupDirs(dirs: readonly string[]): string[] {
  const removed: string[] = [];
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(dir);
      removed.push(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') removed.push(dir);
    }
  }
  return removed;
}

export function qosClassOf(
  containers: Array<{
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  }>,
): QosClass {
  let anyResource = false;
  let guaranteed = true;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    if (Object.keys(requests).length + Object.keys(limits).length > 0) anyResource = true;
    for (const resource of ['cpu', 'memory']) {
      const limit = limits[resource];
      const request = requests[resource] ?? limit;
      if (limit === undefined || request !== limit) guaranteed = false;
    }
  }
  if (!anyResource) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
