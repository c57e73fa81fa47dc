// What every pod of one runtime instance shares: host tools, the network, cgroup hierarchies,
// the slot's record of what exists, and the scenario's knobs.
import type { CgroupHierarchy } from './cgroups';
import type { HostTools } from './host-tools';
import type { ClusterNetwork, PodIpAllocator } from './network';
import type { SlotState } from './slot-state';
import type { NetworkPlan, PodStore } from '../contracts';

export interface RuntimeContext {
  store: PodStore;
  plan: NetworkPlan;
  tools: HostTools;
  network: ClusterNetwork;
  ipam: PodIpAllocator;
  hierarchies: CgroupHierarchy[];
  slotState: SlotState;
  stateDir: string;
  runDir: string;
  failingImages: string[];
  busyboxImages: string[];
  crashLoopBackoffSeconds: number;
  /** Per node: images already "pulled" (the second pod of an image hears "already present"). */
  pulledImages: Map<string, Set<string>>;
}
