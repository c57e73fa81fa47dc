// The sandbox cluster's node runtime: real network namespaces, kubelet-style cgroups and real
// processes behind the Kubelet interface of ../contracts.
import { mkdirSync } from 'node:fs';
import { detectCgroupHierarchies } from './cgroups';
import { prepareHostTools } from './host-tools';
import { NodeRuntime, type SandboxKubelet } from './kubelet';
import { ClusterNetwork, PodIpAllocator } from './network';
import { slotRunDir, stateFilePath } from './paths';
import type { RuntimeContext } from './runtime-context';
import { ServiceProxyProcess } from './service-proxy-process';
import { SlotState, readSlotState, isAlive } from './slot-state';
import { sweepSlot, sweepStaleSlot } from './sweep';
import type { NetworkPlan, PodStore, SandboxNode } from '../contracts';

export { sweepStaleSlot };
export type { SandboxKubelet };

export interface KubeletOptions {
  store: PodStore;
  nodes: SandboxNode[];
  network: NetworkPlan;
  /** A directory this instance owns (logs, volumes, resolv.conf files). */
  stateDir: string;
  failingImages: string[];
  busyboxImages: string[];
  crashLoopBackoffSeconds: number;
}

export async function createKubelet(opts: KubeletOptions): Promise<SandboxKubelet> {
  if (process.getuid?.() !== 0)
    throw new Error('the sandbox node runtime needs root (netns, cgroups, mounts)');
  const { slot } = opts.network;
  const stale = readSlotState(stateFilePath(slot));
  if (stale && isAlive(stale.owner))
    throw new Error(`sandbox slot ${slot} is in use by process ${stale.owner.pid}`);
  // A crashed predecessor with this slot would be in the way of every name we use.
  await sweepStaleSlot(slot);

  const runDir = slotRunDir(slot);
  mkdirSync(runDir, { recursive: true });
  mkdirSync(opts.stateDir, { recursive: true });
  const slotState = new SlotState(stateFilePath(slot), slot, opts.stateDir);
  const hierarchies = detectCgroupHierarchies();
  if (hierarchies.length === 0)
    console.warn('[sandbox kubelet] no writable cgroup hierarchy: pods run without cgroups');
  const network = new ClusterNetwork(opts.network, opts.nodes);
  const tearDownHost = async () => {
    await network.tearDown();
    await sweepSlot(slot, readSlotState(stateFilePath(slot)));
  };
  try {
    const tools = prepareHostTools(runDir);
    await network.setUp();
    const proxy = new ServiceProxyProcess(opts.network, network, opts.store, slotState);
    const ctx: RuntimeContext = {
      store: opts.store,
      plan: opts.network,
      tools,
      network,
      ipam: new PodIpAllocator(),
      hierarchies,
      slotState,
      stateDir: opts.stateDir,
      runDir,
      failingImages: opts.failingImages,
      busyboxImages: opts.busyboxImages,
      crashLoopBackoffSeconds: opts.crashLoopBackoffSeconds,
      pulledImages: new Map(),
    };
    const kubelet = new NodeRuntime(ctx, opts.nodes, proxy, tearDownHost);
    await proxy.start();
    return kubelet;
  } catch (error) {
    await tearDownHost();
    throw error;
  }
}
