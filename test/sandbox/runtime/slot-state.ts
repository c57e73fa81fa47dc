// A small record, kept on disk while an instance runs, of what it made on the host, so that
// sweepStaleSlot can undo exactly that after a crash (and nothing belonging to anyone else).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface TrackedProcess {
  pid: number;
  /** /proc/<pid>/stat start time, so a recycled pid is never killed by mistake. */
  startTime: string;
}

export interface SlotStateRecord {
  slot: number;
  /** The process running the instance; a record whose owner is gone is stale. */
  owner: TrackedProcess;
  stateDir: string;
  processGroups: TrackedProcess[];
  cgroupDirs: string[];
  hostDirs: string[];
}

export function readSlotState(path: string): SlotStateRecord | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as SlotStateRecord;
  } catch {
    return undefined;
  }
}

export function isAlive(tracked: TrackedProcess): boolean {
  return processStartTime(tracked.pid) === tracked.startTime;
}

export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export class SlotState {
  private readonly record: SlotStateRecord;

  constructor(
    private readonly path: string,
    slot: number,
    stateDir: string,
  ) {
    const owner = { pid: process.pid, startTime: processStartTime(process.pid) ?? '' };
    this.record = { slot, owner, stateDir, processGroups: [], cgroupDirs: [], hostDirs: [] };
    this.save();
  }

  addProcessGroup(pid: number): void {
    const startTime = processStartTime(pid);
    if (startTime === undefined) return;
    this.record.processGroups.push({ pid, startTime });
    this.save();
  }

  removeProcessGroup(pid: number): void {
    this.record.processGroups = this.record.processGroups.filter((p) => p.pid !== pid);
    this.save();
  }

  addCgroupDir(dir: string): void {
    if (!this.record.cgroupDirs.includes(dir)) this.record.cgroupDirs.push(dir);
    this.save();
  }

  removeCgroupDir(dir: string): void {
    this.record.cgroupDirs = this.record.cgroupDirs.filter((d) => d !== dir);
    this.save();
  }

  addHostDir(dir: string): void {
    if (!this.record.hostDirs.includes(dir)) this.record.hostDirs.push(dir);
    this.save();
  }

  removeHostDir(dir: string): void {
    this.record.hostDirs = this.record.hostDirs.filter((d) => d !== dir);
    this.save();
  }

  get cgroupDirs(): readonly string[] {
    return this.record.cgroupDirs;
  }

  get hostDirs(): readonly string[] {
    return this.record.hostDirs;
  }

  private save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.record, null, 2));
    renameSync(tmp, this.path);
  }
}
