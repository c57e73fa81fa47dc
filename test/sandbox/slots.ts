// Several sandbox instances may run on one machine (a dev's `npm run sandbox` beside the test
// suite). Each takes a numbered slot: its names, cgroups and address ranges carry the number.
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { NetworkPlan } from './contracts';

export const SLOT_COUNT = 16;
const lockDir = '/run/snoopy-sandbox';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface SlotLease {
  slot: number;
  /** True when the slot's previous owner died without cleaning up: sweep before use. */
  stale: boolean;
  release(): Promise<void>;
}

/** Take the lowest free slot (or the one asked for); a slot whose owner died is reclaimed. */
export async function acquireSlot(wanted?: number): Promise<SlotLease> {
  await mkdir(lockDir, { recursive: true, mode: 0o755 });
  const candidates = wanted === undefined ? [...Array(SLOT_COUNT).keys()] : [wanted];
  for (const slot of candidates) {
    const path = join(lockDir, `slot-${slot}.pid`);
    let stale = false;
    try {
      const owner = Number((await readFile(path, 'utf8')).trim());
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) continue;
      stale = true;
      await rm(path, { force: true });
    } catch {
      // no lock file: free
    }
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(String(process.pid));
      await handle.close();
    } catch {
      continue; // another instance took it between our read and our create
    }
    return { slot, stale, release: () => rm(path, { force: true }) };
  }
  throw new Error(
    wanted === undefined
      ? `all ${SLOT_COUNT} sandbox slots are taken by running sandboxes (see ${lockDir})`
      : `sandbox slot ${wanted} is taken by a running sandbox (see ${lockDir}/slot-${wanted}.pid)`,
  );
}

/** The address plan of a slot: pods 10.(100+slot).0.0/16, services 10.(200+slot).0.0/16. */
export function networkPlan(slot: number): NetworkPlan {
  return {
    slot,
    podCidr: `10.${100 + slot}.0.0/16`,
    gatewayIP: `10.${100 + slot}.0.1`,
    serviceCidr: `10.${200 + slot}.0.0/16`,
    dnsIP: `10.${200 + slot}.0.10`,
    clusterDomain: 'cluster.local',
  };
}

/** Node i (0-based) of a slot: InternalIP 10.(100+slot).0.(10+i), pods in 10.(100+slot).(i+1).0/24. */
export function nodeAddresses(
  slot: number,
  index: number,
): { internalIP: string; podSubnetPrefix: string } {
  return {
    internalIP: `10.${100 + slot}.0.${10 + index}`,
    podSubnetPrefix: `10.${100 + slot}.${index + 1}`,
  };
}
