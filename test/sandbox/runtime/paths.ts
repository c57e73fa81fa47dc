// Names and places of everything one sandbox instance (a slot) creates on the host. Every host
// object carries the slot prefix so a sweep can find leftovers of a crashed instance.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const runtimeSourceDir = dirname(fileURLToPath(import.meta.url));

export function slotPrefix(slot: number): string {
  return `sbx${slot}-`;
}

export function clusterNetnsName(slot: number): string {
  return `${slotPrefix(slot)}net`;
}

/** The root-namespace end of the veth that gives the host (and hostNetwork pods) the node IPs. */
export function hostVethName(slot: number): string {
  return `${slotPrefix(slot)}host`;
}

/**
 * Per-slot directory outside /tmp: containers get a tmpfs over /tmp, so helper scripts, the
 * busybox applet directory and mount staging must live where a container still sees them.
 */
export function slotRunDir(slot: number): string {
  return join('/run/snoopy-sandbox', `sbx${slot}`);
}

export function stateFilePath(slot: number): string {
  return join(slotRunDir(slot), 'state.json');
}

/** The directory holding node_modules/tsx, so helper node processes can load TypeScript. */
export function projectRoot(): string {
  let dir = runtimeSourceDir;
  while (dir !== dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', 'tsx'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`cannot find node_modules/tsx above ${runtimeSourceDir}`);
}

export function findHostBinary(name: string): string {
  for (const dir of [
    '/usr/local/sbin',
    '/usr/local/bin',
    '/usr/sbin',
    '/usr/bin',
    '/sbin',
    '/bin',
  ]) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`the sandbox runtime needs ${name} on this host`);
}

export const hostPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
