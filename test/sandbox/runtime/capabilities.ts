// The capability set a container runtime gives a container, enforced with setpriv so a spec
// that forgets SYS_ADMIN or NET_RAW fails here as it fails on a real node.
import type { SecurityContext } from '../contracts';

/** containerd/CRI-O default set (no NET_RAW, SYS_ADMIN, NET_ADMIN, SYS_PTRACE). */
export const defaultCapabilities = [
  'chown',
  'dac_override',
  'fsetid',
  'fowner',
  'mknod',
  'setgid',
  'setuid',
  'setfcap',
  'setpcap',
  'net_bind_service',
  'sys_chroot',
  'kill',
  'audit_write',
];

function normalise(name: string): string {
  return name.toLowerCase().replace(/^cap_/, '');
}

/** undefined means every capability (privileged, or add: [ALL]). */
export function effectiveCapabilities(security: SecurityContext | undefined): string[] | undefined {
  if (security?.privileged) return undefined;
  const add = (security?.capabilities?.add ?? []).map(normalise);
  const drop = (security?.capabilities?.drop ?? []).map(normalise);
  // Same order as containerd's CRI plugin: ALL first, then the named additions and drops.
  let caps: Set<string> | undefined = new Set(defaultCapabilities);
  if (add.includes('all')) caps = undefined;
  if (drop.includes('all')) caps = new Set();
  if (caps) for (const cap of add) if (cap !== 'all') caps.add(cap);
  if (caps) for (const cap of drop) caps.delete(cap);
  return caps ? [...caps] : undefined;
}

/** The setpriv argv prefix that applies the container's privileges to the next exec. */
export function setprivArgs(
  setpriv: string,
  security: SecurityContext | undefined,
  podRunAsUser?: number,
): string[] {
  const args = [setpriv, '--inh-caps=-all', '--ambient-caps=-all'];
  const caps = effectiveCapabilities(security);
  if (caps) args.push(`--bounding-set=-all${caps.map((c) => `,+${c}`).join('')}`);
  if (security?.allowPrivilegeEscalation === false && !security.privileged)
    args.push('--no-new-privs');
  const user = security?.runAsUser ?? podRunAsUser;
  if (user !== undefined && user !== 0)
    args.push(`--reuid=${user}`, `--regid=${user}`, '--clear-groups');
  args.push('--');
  return args;
}
