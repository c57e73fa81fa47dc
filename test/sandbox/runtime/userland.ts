// What a container's PATH finds. Images with a busybox userland (Alpine-based, like netshoot)
// get Debian's busybox applets first, except the tools such images ship as full packages.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { findHostBinary, hostPath } from './paths';

/** Real packages in the agent image (netshoot): these keep resolving to the host's binaries. */
const realTools = new Set([
  'tcpdump',
  'ip',
  'ss',
  'tc',
  'nsenter',
  'unshare',
  'setpriv',
  'iperf3',
  'dig',
  'curl',
  'strace',
  'nft',
  'iptables',
  'conntrack',
  'ethtool',
  'ping',
  'ping6',
  'traceroute',
  'traceroute6',
  'arping',
  'mount',
  'umount',
]);

export function createBusyboxApplets(dir: string): void {
  const busybox = findHostBinary('busybox');
  mkdirSync(dir, { recursive: true });
  const applets = execFileSync(busybox, ['--list'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  for (const applet of applets) {
    if (realTools.has(applet) || applet.includes('/')) continue;
    const link = join(dir, applet);
    if (!existsSync(link)) symlinkSync(busybox, link);
  }
}

export function containerPath(busyboxUserland: boolean, appletDir: string): string {
  return busyboxUserland ? `${appletDir}:${hostPath}` : hostPath;
}
