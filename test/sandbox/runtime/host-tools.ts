// The host binaries and helper scripts containers are started with. The scripts are copied
// out of the source tree into the slot's run directory, which containers still see (they get a
// tmpfs over /tmp, and a checkout may live under /tmp).
import { copyFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findHostBinary, runtimeSourceDir } from './paths';
import { createBusyboxApplets } from './userland';

export interface HostTools {
  nsenter: string;
  setpriv: string;
  mount: string;
  mkdir: string;
  shell: string;
  python: string;
  sleep: string;
  podInit: string;
  containerInit: string;
  ptyHelper: string;
  /** Directory of busybox applet symlinks for busybox-userland images. */
  appletDir: string;
}

export function prepareHostTools(runDir: string): HostTools {
  const binDir = join(runDir, 'bin');
  mkdirSync(binDir, { recursive: true });
  const install = (name: string): string => {
    const target = join(binDir, name);
    copyFileSync(join(runtimeSourceDir, name), target);
    chmodSync(target, 0o755);
    return target;
  };
  const appletDir = join(runDir, 'busybox');
  createBusyboxApplets(appletDir);
  return {
    nsenter: findHostBinary('nsenter'),
    setpriv: findHostBinary('setpriv'),
    mount: findHostBinary('mount'),
    mkdir: findHostBinary('mkdir'),
    shell: '/bin/sh',
    python: findHostBinary('python3'),
    sleep: findHostBinary('sleep'),
    podInit: install('pod-init.py'),
    containerInit: install('container-init.sh'),
    ptyHelper: install('pty-helper.py'),
    appletDir,
  };
}
