// Builds and starts one container instance inside a pod sandbox: its cgroup, mounts, userland,
// capabilities and log file. The pod worker decides when; this file knows how.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setprivArgs } from './capabilities';
import type { CgroupSet } from './cgroups';
import { ContainerLogWriter } from './container-logs';
import { ContainerProcess } from './container-process';
import { matchesAny } from './images';
import { newContainerId, type PodSandbox } from './pod-sandbox';
import type { RuntimeContext } from './runtime-context';
import { containerPath } from './userland';
import type { Container } from '../contracts';

export interface ContainerInstance {
  id: string;
  process: ContainerProcess;
  cgroup: CgroupSet;
  logPath: string;
  startedAt: Date;
  /** Resolves when the process is gone and its log flushed. */
  ended: Promise<void>;
}

export class ContainerConfigError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

function isUnder(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

/** The environment a container's processes (and execs into it) get. */
export function containerEnv(
  ctx: RuntimeContext,
  sandbox: PodSandbox,
  container: Container,
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: containerPath(matchesAny(ctx.busyboxImages, container.image), ctx.tools.appletDir),
    HOSTNAME: sandbox.hostname,
  };
  for (const variable of container.env ?? []) env[variable.name] = variable.value ?? '';
  return env;
}

export function containerArgvPrefix(
  ctx: RuntimeContext,
  sandbox: PodSandbox,
  container: Container,
): string[] {
  return setprivArgs(
    ctx.tools.setpriv,
    container.securityContext,
    sandbox.pod.spec.securityContext?.runAsUser,
  );
}

/** Creates missing host directories for a mountpoint and records them, so shutdown can remove them. */
function ensureHostMountpoint(ctx: RuntimeContext, mountPath: string): void {
  const missing: string[] = [];
  for (let dir = mountPath; !existsSync(dir); dir = resolve(dir, '..')) missing.unshift(dir);
  for (const dir of missing) {
    mkdirSync(dir);
    ctx.slotState.addHostDir(dir);
  }
}

function mountSteps(
  ctx: RuntimeContext,
  sandbox: PodSandbox,
  container: Container,
  stageDir: string,
): string[] {
  const steps: string[] = [];
  if (sandbox.usesClusterDns) steps.push('bind', sandbox.resolvConfPath, '/etc/resolv.conf');
  if (!sandbox.hostNetwork) steps.push('bind', sandbox.hostsPath, '/etc/hosts');
  // Volume sources may sit under /tmp, which the container's tmpfs hides: bind them to a
  // staging point first, then move them into place on top of the fresh /tmp.
  const moves: string[] = [];
  (container.volumeMounts ?? []).forEach((mount, index) => {
    const volume = sandbox.pod.spec.volumes?.find((v) => v.name === mount.name);
    if (!volume)
      throw new ContainerConfigError(
        'CreateContainerConfigError',
        `volume "${mount.name}" not found in pod spec`,
      );
    const source = volume.hostPath ? volume.hostPath.path : sandbox.volumeDir(volume.name);
    if (volume.hostPath && !existsSync(source)) {
      if (volume.hostPath.type !== 'DirectoryOrCreate') {
        throw new ContainerConfigError(
          'CreateContainerError',
          `failed to mount ${source}: no such file or directory`,
        );
      }
      ensureHostMountpoint(ctx, source);
    }
    const target = resolve('/', mount.mountPath);
    if (!isUnder(target, '/tmp')) ensureHostMountpoint(ctx, target);
    const staging = join(stageDir, String(index));
    mkdirSync(staging, { recursive: true });
    steps.push('bind', source, staging);
    moves.push('move', staging, target);
    if (mount.readOnly) moves.push('readonly', target);
  });
  steps.push('tmpfs', '/tmp', ...moves);
  return steps;
}

export async function startContainerInstance(
  ctx: RuntimeContext,
  sandbox: PodSandbox,
  container: Container,
  logDir: string,
  restartCount: number,
): Promise<ContainerInstance> {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  if (argv.length === 0) {
    throw new ContainerConfigError(
      'CreateContainerError',
      'failed to generate container spec: no command specified (the sandbox runs no image entrypoint: set command)',
    );
  }
  const id = newContainerId();
  const stageDir = join(ctx.runDir, 'stage', id);
  const steps = mountSteps(ctx, sandbox, container, stageDir);
  const cgroup = sandbox.createCgroup(id);
  steps.unshift(...cgroup.procsFiles().flatMap((f) => ['cgroup', f]));
  steps.push('cd', container.workingDir ?? '/');

  mkdirSync(logDir, { recursive: true });
  const logPath = join(logDir, `${restartCount}.log`);
  const process = new ContainerProcess(ctx.tools, {
    join: sandbox.joinOptions(),
    unshare: sandbox.pod.spec.hostPID ? ['mount'] : ['mount', 'pid'],
    steps,
    argv: [...containerArgvPrefix(ctx, sandbox, container), ...argv],
    env: containerEnv(ctx, sandbox, container),
  });
  const groupLeader = process.child.pid;
  if (groupLeader !== undefined) ctx.slotState.addProcessGroup(groupLeader);
  const log = new ContainerLogWriter(logPath);
  log.attach(process.stdout, 'stdout');
  log.attach(process.stderr, 'stderr');
  const ended = Promise.all([process.exited, log.closed]).then(async () => {
    // Without its own PID namespace nothing reaps the container's leftovers: runc kills them.
    await cgroup.killAll();
    process.killHelpers();
    sandbox.removeCgroup(cgroup);
    if (groupLeader !== undefined) ctx.slotState.removeProcessGroup(groupLeader);
  });
  await process.started;
  rmSync(stageDir, { recursive: true, force: true });
  return { id, process, cgroup, logPath, startedAt: new Date(), ended };
}
