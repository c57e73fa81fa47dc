// Several sandbox instances may run on one machine (a dev's `npm run sandbox` beside the test
// suite). Each takes a numbered slot: its names, cgroups and address ranges carry the number.
import { mkdir, open, readFile, rm, rmdir, stat } from 'node:fs/promises';
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
  if (wanted !== undefined && !(Number.isInteger(wanted) && wanted >= 0 && wanted < SLOT_COUNT))
    throw new Error(`sandbox slot must be an integer from 0 to ${SLOT_COUNT - 1}, not ${wanted}`);
  const candidates = wanted === undefined ? [...Array(SLOT_COUNT).keys()] : [wanted];
  for (const slot of candidates) {
    const path = join(lockDir, `slot-${slot}.pid`);
    const owner = await readOwner(path);
    let stale = false;
    if (owner !== undefined) {
      if (owner > 0 && alive(owner)) continue;
      // Two instances may both find the same dead owner: only one may remove its lock, or the
      // second would delete the lock the first has just written and both would run on the slot.
      if (!(await removeStaleLock(path, owner))) continue;
      stale = true;
    }
    if (!(await createLock(path))) continue; // another instance took it meanwhile
    return {
      slot,
      stale,
      release: async () => {
        await rm(path, { force: true });
        // Leave nothing behind: the directory goes with the last lock (ENOTEMPTY otherwise).
        await rmdir(lockDir).catch(() => undefined);
      },
    };
  }
  throw new Error(
    wanted === undefined
      ? `all ${SLOT_COUNT} sandbox slots are taken by running sandboxes (see ${lockDir})`
      : `sandbox slot ${wanted} is taken by a running sandbox (see ${lockDir}/slot-${wanted}.pid)`,
  );
}

async function createLock(path: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    // (Again on each attempt: the last instance to stop removes the directory.)
    await mkdir(lockDir, { recursive: true, mode: 0o755 });
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return false;
    }
  }
  return false;
}

/** The pid in a lock file; undefined when there is no lock. A lock being written reads as 0. */
async function readOwner(path: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : 0;
}

/**
 * Removes the lock of a dead owner under a per-slot mutex (an exclusive mkdir), after reading it
 * again inside the mutex; false when another instance is doing the same or got there first.
 */
async function removeStaleLock(path: string, deadOwner: number): Promise<boolean> {
  const mutex = `${path}.reclaim`;
  try {
    await mkdir(mutex);
  } catch {
    // Held by a live reclaimer, or left by one that died inside this tiny window: the latter
    // is recognised by age and removed, so the next start can reclaim the slot.
    const age = await stat(mutex).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > 10_000) await rmdir(mutex).catch(() => undefined);
    return false;
  }
  try {
    if (deadOwner === 0) {
      // Unreadable or empty: either a lock being written right now, or a truncated leftover.
      const age = await stat(path).then(
        (s) => Date.now() - s.mtimeMs,
        () => Infinity,
      );
      if (age < 10_000) return false;
    }
    const now = await readOwner(path);
    if (now === undefined) return true; // released meanwhile: free
    if (now !== deadOwner) return false;
    await rm(path, { force: true });
    return true;
  } finally {
    await rmdir(mutex).catch(() => undefined);
  }
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
