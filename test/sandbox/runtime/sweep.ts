// Removes what an instance left on the host: processes, network namespaces, the root veth,
// cgroups and mountpoint directories. Used by shutdown (for the remains) and by
// sweepStaleSlot after a crash, guided by the slot's state file and the slot's name prefix.
import { existsSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CgroupSet, removeCgroupDirs } from './cgroups';
import { run, runQuietly } from './command';
import { findHostBinary, hostVethName, slotPrefix, slotRunDir, stateFilePath } from './paths';
import { isAlive, readSlotState, type SlotStateRecord } from './slot-state';

async function slotNetnsNames(slot: number): Promise<string[]> {
  const list = await run(findHostBinary('ip'), ['netns', 'list']).catch(() => '');
  return list
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(slotPrefix(slot)));
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // gone
  }
}

async function killNetnsProcesses(netns: string): Promise<void> {
  const ip = findHostBinary('ip');
  for (let attempt = 0; attempt < 100; attempt++) {
    const pids = (await run(ip, ['netns', 'pids', netns]).catch(() => ''))
      .split('\n')
      .filter(Boolean)
      .map(Number);
    if (pids.length === 0) return;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function removeHostDirs(dirs: readonly string[]): void {
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(dir);
    } catch {
      // not empty or gone: never remove what someone else put there
    }
  }
}

/** Everything of the slot, whether or not its state file survived. */
export async function sweepSlot(slot: number, record: SlotStateRecord | undefined): Promise<void> {
  const ip = findHostBinary('ip');
  for (const group of record?.processGroups ?? [])
    if (isAlive(group) || !existsSync(`/proc/${group.pid}`)) killGroup(group.pid);
  const cgroupDirs = record?.cgroupDirs ?? [];
  await new CgroupSet(cgroupDirs.filter((d) => existsSync(d))).killAll();
  const namespaces = await slotNetnsNames(slot);
  for (const netns of namespaces) await killNetnsProcesses(netns);
  for (const netns of namespaces) await runQuietly(ip, ['netns', 'del', netns]);
  await runQuietly(ip, ['link', 'del', hostVethName(slot)]);
  removeCgroupDirs(cgroupDirs);
  removeHostDirs(record?.hostDirs ?? []);
  if (record?.stateDir) {
    for (const sub of ['pods', 'logs'])
      rmSync(join(record.stateDir, sub), { recursive: true, force: true });
  }
  rmSync(slotRunDir(slot), { recursive: true, force: true });
  removeHostDirs([join(slotRunDir(slot), '..')]);
}

export async function sweepStaleSlot(slot: number): Promise<void> {
  const record = readSlotState(stateFilePath(slot));
  if (record?.owner && record.owner.pid !== process.pid && isAlive(record.owner)) {
    throw new Error(
      `sandbox slot ${slot} is in use by live process ${record.owner.pid}; not sweeping it`,
    );
  }
  await sweepSlot(slot, record);
}
