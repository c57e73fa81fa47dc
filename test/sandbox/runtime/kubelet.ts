// The sandbox's kubelet for all nodes of one instance: admits pods to workers, serves exec and
// logs, keeps the service proxy fed, and tears everything down on shutdown.
import type { Readable } from 'node:stream';
import { containerArgvPrefix, containerEnv } from './container-runner';
import { readContainerLog } from './container-logs';
import { startExec } from './exec-process';
import { PodWorker, type ContainerRecord } from './pod-worker';
import type { RuntimeContext } from './runtime-context';
import type { ServiceProxyProcess } from './service-proxy-process';
import {
  SandboxApiError,
  type ExecProcess,
  type ExecRequest,
  type Kubelet,
  type LogRequest,
  type Pod,
  type SandboxNode,
  type Service,
} from '../contracts';

const waitingMessages: Record<string, string> = {
  ContainerCreating: 'ContainerCreating',
  ErrImagePull: "image can't be pulled",
  ImagePullBackOff: 'trying and failing to pull image',
};

export interface SandboxKubelet extends Kubelet {
  /** Resolves once the service proxy serves the current Services and endpoints. */
  servicesSettled(): Promise<void>;
}

export class NodeRuntime implements SandboxKubelet {
  private readonly workers = new Map<string, PodWorker>();
  private readonly nodes = new Map<string, SandboxNode>();
  private stopping = false;

  constructor(
    private readonly ctx: RuntimeContext,
    nodes: SandboxNode[],
    private readonly proxy: ServiceProxyProcess,
    private readonly tearDownHost: () => Promise<void>,
  ) {
    for (const node of nodes) this.nodes.set(node.name, { ...node });
  }

  admit(pod: Pod): void {
    if (this.stopping || this.workers.has(pod.metadata.uid)) return;
    const node = pod.spec.nodeName ? this.nodes.get(pod.spec.nodeName) : undefined;
    if (!node)
      throw new Error(
        `pod ${pod.metadata.name} is bound to unknown node ${pod.spec.nodeName ?? '(none)'}`,
      );
    const worker = new PodWorker(this.ctx, pod, node, () => this.proxy.scheduleSync());
    this.workers.set(pod.metadata.uid, worker);
    worker.admit(node.ready);
  }

  terminate(pod: Pod, gracePeriodSeconds: number): void {
    const worker = this.workers.get(pod.metadata.uid);
    if (!worker) {
      this.ctx.store.finalizePodDeletion(
        pod.metadata.namespace ?? 'default',
        pod.metadata.name,
        pod.metadata.uid,
      );
      return;
    }
    void worker.terminate(gracePeriodSeconds).finally(() => this.workers.delete(pod.metadata.uid));
  }

  setNodeReady(nodeName: string, ready: boolean): void {
    const node = this.nodes.get(nodeName);
    if (!node) return;
    node.ready = ready;
    if (!ready) return;
    for (const worker of this.workers.values())
      if (worker.node.name === nodeName) worker.nodeReadyAgain();
  }

  servicesChanged(services: Service[]): void {
    this.proxy.servicesChanged(services);
  }

  servicesSettled(): Promise<void> {
    return this.proxy.servicesSettled();
  }

  private record(
    pod: Pod,
    container: string,
  ): { worker: PodWorker | undefined; record: ContainerRecord | undefined } {
    const worker = this.workers.get(pod.metadata.uid);
    const known = pod.spec.containers.some((c) => c.name === container);
    if (!known)
      throw new SandboxApiError(
        400,
        'BadRequest',
        `container ${container} is not valid for pod ${pod.metadata.name}`,
      );
    return { worker, record: worker?.container(container) };
  }

  async exec(pod: Pod, req: ExecRequest): Promise<ExecProcess> {
    const { worker, record } = this.record(pod, req.container);
    const phase = worker?.phase();
    if (phase === 'Succeeded' || phase === 'Failed') {
      throw new SandboxApiError(
        400,
        'BadRequest',
        `cannot exec into a container in a completed pod; current phase is ${phase}`,
      );
    }
    const instance = record?.current;
    const sandbox = worker?.podSandbox;
    const mainPid = instance ? await instance.process.mainPid : -1;
    if (
      !worker ||
      !record ||
      !instance ||
      !sandbox ||
      !('running' in record.state) ||
      mainPid <= 0
    ) {
      throw new SandboxApiError(
        400,
        'BadRequest',
        `unable to upgrade connection: container not found ("${req.container}")`,
      );
    }
    return startExec(
      this.ctx.tools,
      {
        mainPid,
        ownPidNamespace: !worker.hostPID,
        cgroup: instance.cgroup,
        env: containerEnv(this.ctx, sandbox, record.spec),
        privileges: containerArgvPrefix(this.ctx, sandbox, record.spec),
        workingDir: record.spec.workingDir ?? '/',
      },
      req,
    );
  }

  async logs(pod: Pod, req: LogRequest): Promise<Readable> {
    const { record } = this.record(pod, req.container);
    const podName = pod.metadata.name;
    const byStatus = (state: object) =>
      'terminated' in state
        ? record?.instances.get(
            String(
              (state as { terminated: { containerID?: string } }).terminated.containerID,
            ).replace(/^[a-z-]+:\/\//, ''),
          )
        : undefined;
    if (req.previous) {
      const previous = record ? byStatus(record.lastState) : undefined;
      if (!previous)
        throw new SandboxApiError(
          400,
          'BadRequest',
          `previous terminated container "${req.container}" in pod "${podName}" not found`,
        );
      return readContainerLog(previous.logPath, req, undefined);
    }
    // As the kubelet: the running instance, else the one that ended last.
    const instance =
      record?.current ??
      (record ? (byStatus(record.state) ?? byStatus(record.lastState)) : undefined);
    if (!record || !instance) {
      const reason =
        record && 'waiting' in record.state ? record.state.waiting.reason : 'ContainerCreating';
      throw new SandboxApiError(
        400,
        'BadRequest',
        `container "${req.container}" in pod "${podName}" is waiting to start: ${waitingMessages[reason] ?? reason}`,
      );
    }
    const live = record.current === instance && req.follow;
    return readContainerLog(instance.logPath, req, live ? instance.ended : undefined);
  }

  async shutdown(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await Promise.all([...this.workers.values()].map((w) => w.kill()));
    this.workers.clear();
    await this.proxy.stop();
    await this.tearDownHost();
  }
}
