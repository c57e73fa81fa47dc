// tcpdump's arguments for one capture target: every user value is its own argv element, the
// filter last after `--` so it can never pose as an option (same rule as tcpdump-filter.ts).
import type { CaptureOptions } from '../api/contract/capture';

export function tcpdumpArgs(options: CaptureOptions): string[] {
  const argv = ['-i', options.interface ?? 'any', '-n'];
  if (options.snaplen !== undefined) argv.push('-s', String(options.snaplen));
  if (options.maxPackets !== undefined) argv.push('-c', String(options.maxPackets));
  const filter = options.filter?.trim();
  if (filter) argv.push('--', filter);
  return argv;
}

/** Capture ids travel to agent.sh, which accepts [a-z0-9-] only. */
export function captureId(sessionId: string, index: number): string {
  return `${sessionId}-${index.toString(36)}`;
}
