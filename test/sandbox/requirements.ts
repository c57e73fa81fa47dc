// The sandbox runs real network namespaces, cgroups and processes: it needs Linux, root and a few
// tools. Say exactly what is missing instead of failing half-way through.
import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

const tools: Array<{ name: string; pkg: string }> = [
  { name: 'ip', pkg: 'iproute2' },
  { name: 'nsenter', pkg: 'util-linux' },
  { name: 'unshare', pkg: 'util-linux' },
  { name: 'setpriv', pkg: 'util-linux' },
  { name: 'busybox', pkg: 'busybox' },
  { name: 'python3', pkg: 'python3' },
  { name: 'openssl', pkg: 'openssl' },
];

async function onPath(name: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      await access(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // keep looking
    }
  }
  return false;
}

export class SandboxUnavailableError extends Error {
  override name = 'SandboxUnavailableError';
}

export async function assertCanRun(): Promise<void> {
  if (process.platform !== 'linux') {
    throw new SandboxUnavailableError(
      `the sandbox cluster needs Linux (network namespaces, cgroups); this is ${process.platform}`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new SandboxUnavailableError(
      'the sandbox cluster needs root (it creates network namespaces, veths and cgroups): run it with sudo',
    );
  }
  const missing: string[] = [];
  for (const tool of tools)
    if (!(await onPath(tool.name))) missing.push(`${tool.name} (Debian package ${tool.pkg})`);
  if (missing.length > 0) {
    throw new SandboxUnavailableError(
      `the sandbox cluster needs these tools on PATH: ${missing.join(', ')}`,
    );
  }
}
