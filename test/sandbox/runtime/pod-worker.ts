// One pod's life on its node, as the kubelet's pod worker runs it: sandbox, image "pulls",
// container starts, restarts with CrashLoopBackOff, deadlines, termination, and the status
// and events the API server shows for all of that. Every step runs on one queue per pod.
import { join } from 'node:path';
import {
  ContainerConfigError,
  startContainerInstance,
  type ContainerInstance,
} from './container-runner';
import { imageId, matchesAny, normalisedImage } from './images';
import { PodSandbox } from './pod-sandbox';
import { goDuration, kubeTime, podPhase, setCondition, sortedConditions } from './pod-status';
import type { RuntimeContext } from './runtime-context';
import type {
  Container,
  ContainerState,
  ContainerStatus,
  Pod,
  PodCondition,
  PodStatus,
  SandboxNode,
} from '../contracts';

const tenMinutes = 10 * 60 * 1000;

interface ContainerRecord {
  spec: Container;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState | Record<string, never>;
  current?: ContainerInstance;
  /** Every instance by container ID, for `logs` and `logs --previous`. */
  instances: Map<string, ContainerInstance>;
  /** Next back-off delay in seconds; undefined until the first restart (which is immediate). */
  backoff?: number;
  pullBackoff?: number;
}

export class PodWorker {
  readonly uid: string;
  private queue: Promise<void> = Promise.resolve();
  private sandbox: PodSandbox | undefined;
  private readonly containers: ContainerRecord[];
  private conditions: PodCondition[] = [];
  private startTime: string | undefined;
  private timers = new Set<NodeJS.Timeout>();
  private terminalPhase:
    { phase: 'Failed' | 'Succeeded'; reason?: string; message?: string } | undefined;
  private terminating = false;
  private started = false;
  waitingForNode = false;

  constructor(
    private readonly ctx: RuntimeContext,
    private pod: Pod,
    readonly node: SandboxNode,
    private readonly onStatusChange: () => void,
  ) {
    this.uid = pod.metadata.uid;
    this.containers = pod.spec.containers.map((spec) => ({
      spec,
      restartCount: 0,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
      instances: new Map(),
    }));
  }

  get namespace(): string {
    return this.pod.metadata.namespace ?? 'default';
  }

  get name(): string {
    return this.pod.metadata.name;
  }

  get hostPID(): boolean {
    return this.pod.spec.hostPID === true;
  }

  private enqueue(step: () => Promise<void> | void): Promise<void> {
    this.queue = this.queue.then(step).catch((error: unknown) => {
      console.error(`[sandbox kubelet] pod ${this.namespace}/${this.name}:`, error);
    });
    return this.queue;
  }

  private later(seconds: number, step: () => Promise<void> | void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.enqueue(step);
    }, seconds * 1000);
    this.timers.add(timer);
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    const pod = this.ctx.store.getPod(this.namespace, this.name);
    this.ctx.store.recordEvent(
      pod?.metadata.uid === this.uid ? pod : this.pod,
      type,
      reason,
      message,
    );
  }

  private podRef(): string {
    return `${this.name}_${this.namespace}(${this.uid})`;
  }

  admit(nodeReady: boolean): void {
    this.waitingForNode = !nodeReady;
    void this.enqueue(() => {
      this.conditions = setCondition(this.conditions, 'PodScheduled', 'True');
      this.publish();
    });
    if (nodeReady) void this.enqueue(() => this.run());
  }

  nodeReadyAgain(): void {
    if (!this.waitingForNode) return;
    this.waitingForNode = false;
    void this.enqueue(() => this.run());
  }

  private async run(): Promise<void> {
    if (this.terminating || this.started) return;
    this.started = true;
    this.startTime = kubeTime();
    this.conditions = setCondition(this.conditions, 'Initialized', 'True');
    this.conditions = setCondition(this.conditions, 'PodReadyToStartContainers', 'False');
    this.publish();
    const deadline = this.pod.spec.activeDeadlineSeconds;
    if (deadline !== undefined) this.later(deadline, () => this.deadlineExceeded());
    await this.createSandbox();
  }

  private async createSandbox(): Promise<void> {
    if (this.terminating) return;
    try {
      this.sandbox = await PodSandbox.create(this.ctx, this.pod, this.node);
    } catch (error) {
      this.event(
        'Warning',
        'FailedCreatePodSandBox',
        `Failed to create pod sandbox: ${(error as Error).message}`,
      );
      this.later(5, () => this.createSandbox());
      return;
    }
    this.conditions = setCondition(this.conditions, 'PodReadyToStartContainers', 'True');
    this.publish();
    for (const record of this.containers) await this.startContainer(record);
  }

  private pullImage(record: ContainerRecord): boolean {
    const image = record.spec.image;
    const pulled = this.ctx.pulledImages.get(this.node.name) ?? new Set<string>();
    this.ctx.pulledImages.set(this.node.name, pulled);
    if (matchesAny(this.ctx.failingImages, image)) {
      const ref = normalisedImage(image);
      const message = `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
      this.event('Normal', 'Pulling', `Pulling image "${image}"`);
      this.event('Warning', 'Failed', `Failed to pull image "${image}": ${message}`);
      this.event('Warning', 'Failed', 'Error: ErrImagePull');
      record.state = { waiting: { reason: 'ErrImagePull', message } };
      const delay = record.pullBackoff ?? this.ctx.crashLoopBackoffSeconds;
      record.pullBackoff = Math.min(delay * 2, this.ctx.crashLoopBackoffSeconds * 30);
      this.later(Math.min(1, delay / 2), () => {
        if (this.terminating || !('waiting' in record.state)) return;
        record.state = {
          waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` },
        };
        this.event('Normal', 'BackOff', `Back-off pulling image "${image}"`);
        this.event('Warning', 'Failed', 'Error: ImagePullBackOff');
        this.publish();
      });
      this.later(delay, () => this.startContainer(record));
      return false;
    }
    if (pulled.has(image) && record.spec.imagePullPolicy !== 'Always') {
      this.event('Normal', 'Pulled', `Container image "${image}" already present on machine`);
    } else {
      this.event('Normal', 'Pulling', `Pulling image "${image}"`);
      this.event(
        'Normal',
        'Pulled',
        `Successfully pulled image "${image}" in 42ms (42ms including waiting). Image size: 0 bytes.`,
      );
      pulled.add(image);
    }
    return true;
  }

  private async startContainer(record: ContainerRecord): Promise<void> {
    if (this.terminating || !this.sandbox || this.terminalPhase) return;
    if (!this.pullImage(record)) return this.publish();
    const name = record.spec.name;
    const logDir = join(
      this.ctx.stateDir,
      'logs',
      `${this.namespace}_${this.name}_${this.uid}`,
      name,
    );
    let instance: ContainerInstance;
    try {
      instance = await startContainerInstance(
        this.ctx,
        this.sandbox,
        record.spec,
        logDir,
        record.restartCount,
      );
    } catch (error) {
      const reason = error instanceof ContainerConfigError ? error.reason : 'CreateContainerError';
      this.event('Warning', 'Failed', `Error: ${(error as Error).message}`);
      record.state = { waiting: { reason, message: (error as Error).message } };
      return this.publish();
    }
    this.event('Normal', 'Created', `Created container: ${name}`);
    record.current = instance;
    record.instances.set(instance.id, instance);
    if (await instance.process.started) {
      this.event('Normal', 'Started', `Started container ${name}`);
      record.state = { running: { startedAt: kubeTime(instance.startedAt) } };
    }
    void instance.process.exited.then((status) =>
      instance.ended.then(() =>
        this.enqueue(() => this.containerExited(record, instance, status.exitCode)),
      ),
    );
    this.publish();
  }

  private containerExited(
    record: ContainerRecord,
    instance: ContainerInstance,
    exitCode: number,
  ): void {
    if (record.current !== instance) return;
    record.current = undefined;
    const finishedAt = new Date();
    const terminated: ContainerState = {
      terminated: {
        exitCode,
        reason: exitCode === 0 ? 'Completed' : 'Error',
        startedAt: kubeTime(instance.startedAt),
        finishedAt: kubeTime(finishedAt),
        containerID: this.containerIdPrefix() + instance.id,
      },
    };
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    const restart =
      !this.terminating &&
      !this.terminalPhase &&
      (policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0));
    if (!restart) {
      record.state = terminated;
      this.publish();
      this.checkCompletion();
      return;
    }
    record.lastState = terminated;
    if (finishedAt.getTime() - instance.startedAt.getTime() >= tenMinutes)
      record.backoff = undefined;
    if (record.backoff === undefined) {
      // The kubelet restarts at once the first time and backs off from then on.
      record.backoff = this.ctx.crashLoopBackoffSeconds;
      record.restartCount++;
      void this.enqueue(() => this.startContainer(record));
      return;
    }
    const delay = record.backoff;
    record.backoff = Math.min(delay * 2, this.ctx.crashLoopBackoffSeconds * 30);
    const name = record.spec.name;
    record.state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off ${goDuration(delay)} restarting failed container=${name} pod=${this.podRef()}`,
      },
    };
    this.event(
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${name} in pod ${this.podRef()}`,
    );
    this.publish();
    this.later(delay, () => {
      record.restartCount++;
      return this.startContainer(record);
    });
  }

  private checkCompletion(): void {
    if (this.containers.some((c) => !('terminated' in c.state))) return;
    const phase = podPhase(this.pod.spec, this.statuses());
    if (phase !== 'Succeeded' && phase !== 'Failed') return;
    this.terminalPhase ??= { phase };
    void this.enqueue(() => this.releaseSandbox());
  }

  private async releaseSandbox(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.sandbox?.tearDown();
    this.conditions = setCondition(this.conditions, 'PodReadyToStartContainers', 'False');
    this.publish();
  }

  private async deadlineExceeded(): Promise<void> {
    if (this.terminating || this.terminalPhase) return;
    const message = 'Pod was active on the node longer than the specified deadline';
    this.terminalPhase = { phase: 'Failed', reason: 'DeadlineExceeded', message };
    this.event('Warning', 'DeadlineExceeded', message);
    await this.stopContainers(this.pod.spec.terminationGracePeriodSeconds ?? 30);
    for (const record of this.containers) {
      if (!('terminated' in record.state)) {
        const last = record.lastState;
        record.state =
          'terminated' in last
            ? { terminated: last.terminated }
            : { terminated: { exitCode: 137, reason: 'Error', finishedAt: kubeTime() } };
      }
    }
    await this.releaseSandbox();
  }

  /** SIGTERM to every container's first process, SIGKILL for all that remain after the grace period. */
  private async stopContainers(graceSeconds: number): Promise<void> {
    const running = this.containers.filter((r) => r.current);
    await Promise.all(
      running.map(async (record) => {
        const instance = record.current;
        if (!instance) return;
        this.event('Normal', 'Killing', `Stopping container ${record.spec.name}`);
        const pid = await instance.process.mainPid;
        if (graceSeconds > 0 && pid > 0) {
          try {
            process.kill(pid, 'SIGTERM');
          } catch {
            // already gone
          }
        }
        const exited = instance.process.exited.then(() => true);
        const timedOut = new Promise<boolean>((r) =>
          setTimeout(() => r(false), graceSeconds * 1000),
        );
        if (!(await Promise.race([exited, timedOut]))) await instance.cgroup.killAll();
        await instance.ended;
        this.containerExited(record, instance, (await instance.process.exited).exitCode);
      }),
    );
  }

  terminate(graceSeconds: number): Promise<void> {
    this.terminating = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    return this.enqueue(async () => {
      await this.stopContainers(graceSeconds);
      await this.sandbox?.tearDown();
      this.ctx.store.finalizePodDeletion(this.namespace, this.name, this.uid);
      this.onStatusChange();
    });
  }

  /** Used by shutdown: the pod goes with the node, no API object changes. */
  async kill(): Promise<void> {
    this.terminating = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.queue;
    await this.stopContainers(0);
    await this.sandbox?.tearDown();
  }

  private containerIdPrefix(): string {
    return { containerd: 'containerd://', 'cri-o': 'cri-o://', docker: 'docker://' }[
      this.node.runtime
    ];
  }

  private statuses(): ContainerStatus[] {
    return this.containers.map((record) => {
      const status: ContainerStatus = {
        name: record.spec.name,
        image: normalisedImage(record.spec.image),
        imageID: record.instances.size > 0 ? imageId(record.spec.image) : '',
        ready: 'running' in record.state,
        started: 'running' in record.state,
        restartCount: record.restartCount,
        state: record.state,
        lastState: record.lastState,
      };
      const id = record.current?.id ?? [...record.instances.keys()].at(-1);
      if (id) status.containerID = this.containerIdPrefix() + id;
      return status;
    });
  }

  private publish(): void {
    const statuses = this.statuses();
    const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
    let phase = this.started ? podPhase(this.pod.spec, statuses) : 'Pending';
    if (this.terminalPhase) phase = this.terminalPhase.phase;
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    const [readyStatus, reason, message] = terminal
      ? (['False', 'PodCompleted', undefined] as const)
      : unready.length > 0
        ? ([
            'False',
            'ContainersNotReady',
            `containers with unready status: [${unready.join(' ')}]`,
          ] as const)
        : (['True', undefined, undefined] as const);
    if (this.started) {
      this.conditions = setCondition(
        this.conditions,
        'ContainersReady',
        readyStatus,
        reason,
        message,
      );
      this.conditions = setCondition(this.conditions, 'Ready', readyStatus, reason, message);
    }
    const sandbox = this.sandbox;
    const computed: PodStatus = {
      phase,
      conditions: sortedConditions(this.conditions),
      hostIP: this.node.internalIP,
      hostIPs: [{ ip: this.node.internalIP }],
      qosClass: sandbox?.qos,
      containerStatuses: this.started ? statuses : undefined,
    };
    if (this.terminalPhase?.reason) computed.reason = this.terminalPhase.reason;
    if (this.terminalPhase?.message) computed.message = this.terminalPhase.message;
    if (this.startTime) computed.startTime = this.startTime;
    if (sandbox) {
      computed.podIP = sandbox.podIP;
      computed.podIPs = [{ ip: sandbox.podIP }];
    }
    const current = this.ctx.store.getPod(this.namespace, this.name);
    if (!current || current.metadata.uid !== this.uid) return;
    this.ctx.store.updatePodStatus(this.namespace, this.name, (old) => {
      const scheduled = old.conditions?.find((c) => c.type === 'PodScheduled');
      const conditions = computed.conditions?.map((c) =>
        c.type === 'PodScheduled' && scheduled ? scheduled : c,
      );
      const merged = { ...old, ...computed, conditions };
      return Object.fromEntries(
        Object.entries(merged).filter(([, v]) => v !== undefined),
      ) as unknown as PodStatus;
    });
    this.onStatusChange();
  }

  // ---- what exec and logs need ----

  container(name: string): ContainerRecord | undefined {
    return this.containers.find((c) => c.spec.name === name);
  }

  get podSandbox(): PodSandbox | undefined {
    return this.sandbox;
  }

  phase(): PodStatus['phase'] {
    if (this.terminalPhase) return this.terminalPhase.phase;
    return this.started ? podPhase(this.pod.spec, this.statuses()) : 'Pending';
  }
}

export type { ContainerRecord };
