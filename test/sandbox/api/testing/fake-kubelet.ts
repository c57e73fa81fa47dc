// A Kubelet for API server tests: records what it is asked, runs admitted pods "instantly"
// (Running, Ready, a pod IP from the node's subnet) and finalizes deletions after a short delay.
import { PassThrough, Readable } from 'node:stream';
import type {
  ExecProcess,
  ExecRequest,
  Kubelet,
  LogRequest,
  Pod,
  PodStore,
  Service,
} from '../../contracts';
import { SandboxApiError } from '../../contracts';

export interface FakeKubeletOptions {
  /** Mark admitted pods Running and Ready (default true). */
  run?: boolean;
  /** Milliseconds between terminate() and finalizePodDeletion (default 50; never means never). */
  finalizeAfterMs?: number | 'never';
  /** Log text per container name. */
  logs?: Record<string, string>;
}

export class FakeKubelet implements Kubelet {
  readonly admitted: Pod[] = [];
  readonly terminated: Array<{ pod: Pod; grace: number }> = [];
  readonly execs: Array<{ pod: Pod; req: ExecRequest }> = [];
  readonly logRequests: LogRequest[] = [];
  services: Service[] = [];
  readonly nodeReadiness = new Map<string, boolean>();
  private nextIp = 10;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Log text per container name (tests may replace it). */
  logText: Record<string, string>;

  constructor(
    private readonly store: PodStore,
    private readonly opts: FakeKubeletOptions = {},
  ) {
    this.logText = { ...opts.logs };
  }

  admit(pod: Pod): void {
    this.admitted.push(pod);
    if (this.opts.run === false) return;
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const ip = `10.99.0.${this.nextIp++}`;
    this.store.updatePodStatus(pod.metadata.namespace ?? '', pod.metadata.name, (status) => ({
      ...status,
      phase: 'Running',
      hostIP: '192.168.99.1',
      podIP: pod.spec.hostNetwork ? '192.168.99.1' : ip,
      podIPs: [{ ip: pod.spec.hostNetwork ? '192.168.99.1' : ip }],
      startTime: at,
      conditions: [
        ...(status.conditions ?? []).filter((c) => c.type === 'PodScheduled'),
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: at },
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: at },
        { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: at },
      ],
      containerStatuses: pod.spec.containers.map((c) => ({
        name: c.name,
        image: c.image,
        imageID: `${c.image}@sha256:0000`,
        containerID: `containerd://${c.name}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: at } },
        lastState: {},
      })),
    }));
  }

  terminate(pod: Pod, gracePeriodSeconds: number): void {
    this.terminated.push({ pod, grace: gracePeriodSeconds });
    const delay = this.opts.finalizeAfterMs ?? 50;
    if (delay === 'never') return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.store.finalizePodDeletion(
        pod.metadata.namespace ?? '',
        pod.metadata.name,
        pod.metadata.uid,
      );
    }, delay);
    this.timers.add(timer);
  }

  async exec(pod: Pod, req: ExecRequest): Promise<ExecProcess> {
    this.execs.push({ pod, req });
    const stdout = new PassThrough();
    stdout.end(`${req.command.join(' ')}\n`);
    return {
      stdin: null,
      stdout,
      stderr: req.tty ? null : Readable.from([]),
      resize: () => undefined,
      kill: () => undefined,
      exited: Promise.resolve({ exitCode: 0, signal: null }),
    };
  }

  async logs(pod: Pod, req: LogRequest): Promise<Readable> {
    this.logRequests.push(req);
    const text = this.logText[req.container];
    if (text === undefined) {
      throw new SandboxApiError(
        400,
        'BadRequest',
        `container "${req.container}" in pod "${pod.metadata.name}" is waiting to start: ContainerCreating`,
      );
    }
    return Readable.from([text]);
  }

  servicesChanged(services: Service[]): void {
    this.services = services;
  }

  setNodeReady(nodeName: string, ready: boolean): void {
    this.nodeReadiness.set(nodeName, ready);
  }

  async shutdown(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
