// One capture session: fan-out to every target pod (named pods, or a label selector followed
// while it runs), one resumable stream per target into its own pcap, all merged as they arrive
// into session.pcapng (one interface per pod), and session.json kept current.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentManager } from '../agent/agent-manager';
import type {
  CaptureOptions,
  CaptureProgress,
  CaptureTargetProgress,
  CaptureTargets,
} from '../api/contract/capture';
import { SnoopyError, toSnoopyError } from '../errors';
import type { KubeClient } from '../kube/client/kube-client';
import type { KubeTarget } from '../kube/errors';
import { startPodWatch, type PodWatch, type PodWatchTuning } from '../kube/pods/pod-watch';
import { CaptureReader } from '../packets/read/capture-reader';
import { checkBpfFilter } from '../tools/tcpdump-filter';
import { captureArgv } from './capture-script';
import { streamCapture, type StreamTuning } from './resumable-stream';
import {
  AppendFile,
  MergedCapture,
  diskFullError,
  isDiskFull,
  makeSessionFolder,
  sessionFolderName,
  writeSessionJson,
} from './session-files';
import { captureId, tcpdumpArgs } from './tcpdump-args';

export interface SessionDeps {
  agents: AgentManager;
  client: KubeClient;
  target: KubeTarget;
  context: string;
  /** Parent of the session folder. */
  capturesFolder: string;
  emit(progress: CaptureProgress): void;
  podWatch?: Partial<PodWatchTuning>;
  stream?: Partial<StreamTuning>;
}

interface PodInfo {
  namespace: string;
  name: string;
  uid: string;
  node: string;
  labels: Record<string, string>;
}

interface TargetRun {
  progress: CaptureTargetProgress;
  id: string;
  uid: string;
  labels: Record<string, string>;
  capturing: boolean;
  gone: boolean;
  done: Promise<void>;
}

interface RawPodLite {
  metadata: { name: string; namespace?: string; uid?: string; labels?: Record<string, string> };
  spec?: { nodeName?: string };
  status?: { phase?: string };
}

let sessionCounter = 0;

export class CaptureSession {
  readonly id: string;
  private readonly startedAt = new Date();
  private stoppedAt: Date | undefined;
  private state: CaptureProgress['state'] = 'starting';
  private error: SnoopyError | undefined;
  private folder = '';
  private merged: MergedCapture | undefined;
  private readonly runs = new Map<string, TargetRun>();
  private readonly abort = new AbortController();
  private watch: PodWatch | undefined;
  private durationTimer: NodeJS.Timeout | undefined;
  private emitTimer: NodeJS.Timeout | undefined;
  private stopping: Promise<CaptureProgress> | undefined;
  private totalBytes = 0;
  private nextIndex = 0;

  constructor(
    private readonly deps: SessionDeps,
    private readonly targets: CaptureTargets,
    private readonly options: CaptureOptions,
  ) {
    sessionCounter++;
    this.id = `c${Date.now().toString(36)}${sessionCounter.toString(36)}`;
  }

  /** Checks the filter, creates the folder and starts every initial target; resolves early. */
  async start(): Promise<CaptureProgress> {
    const pods = await this.initialPods();
    const firstNode = pods[0]?.node;
    // The filter is compiled by the agents' tcpdump before anything captures.
    if (this.options.filter?.trim() && firstNode) {
      await checkBpfFilter(this.deps.agents, firstNode, this.options.filter);
    }
    this.folder = makeSessionFolder(
      this.deps.capturesFolder,
      sessionFolderName(this.startedAt, this.deps.context),
    );
    this.merged = new MergedCapture(join(this.folder, 'session.pcapng'), [
      `Snoopy capture of context ${this.deps.context}`,
      ...(this.options.filter ? [`filter: ${this.options.filter}`] : []),
    ]);
    this.state = 'capturing';
    for (const pod of pods) this.follow(pod);
    this.startPodWatch();
    if (this.options.durationSeconds !== undefined) {
      this.durationTimer = setTimeout(() => void this.stop(), this.options.durationSeconds * 1000);
    }
    this.persist();
    return this.progress();
  }

  progress(): CaptureProgress {
    const files = [...this.runs.values()].flatMap((r) =>
      r.progress.file ? [r.progress.file] : [],
    );
    const merged = this.folder ? join(this.folder, 'session.pcapng') : '';
    const p: CaptureProgress = {
      sessionId: this.id,
      context: this.deps.context,
      state: this.state,
      targets: [...this.runs.values()].map((r) => ({ ...r.progress })),
      folder: this.folder,
      files: this.folder ? [...files, merged, join(this.folder, 'session.json')] : [],
      merged,
      startedAt: this.startedAt.toISOString(),
    };
    if (this.stoppedAt) p.stoppedAt = this.stoppedAt.toISOString();
    if (this.error) p.error = this.error.toJSON();
    return p;
  }

  /** Where each target's spool file lives on its agent (`<spool>/<id>.pcap`), by namespace/pod. */
  spoolIds(): Map<string, { node: string; id: string }> {
    return new Map([...this.runs].map(([k, r]) => [k, { node: r.progress.node, id: r.id }]));
  }

  get running(): boolean {
    return this.state === 'capturing' || this.state === 'starting';
  }

  /** "Live in Wireshark": every byte of the merged pcapng so far, then each new one. */
  subscribeMerged(sink: (chunk: Uint8Array) => void): () => void {
    const merged = this.merged;
    if (!merged)
      throw new SnoopyError(
        'NOT_FOUND',
        'the session has no merged capture yet',
        'Wait until it started.',
      );
    return merged.subscribe(sink, () => readFileSync(merged.file.path));
  }

  /** Stops every tcpdump, waits until all their bytes are on disk, closes the files. */
  stop(error?: SnoopyError): Promise<CaptureProgress> {
    if (error && !this.error) this.error = error;
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<CaptureProgress> {
    if (this.state === 'capturing' || this.state === 'starting') this.state = 'stopping';
    clearTimeout(this.durationTimer);
    await this.watch?.stop({ silent: true });
    this.emitNow();
    // A disk-full error ends the streams at once: nothing more can be written anyway.
    if (this.error?.code === 'DISK_FULL') this.abort.abort();
    await Promise.all(
      [...this.runs.values()].map(async (run) => {
        if (run.capturing) await this.stopTcpdump(run).catch(() => undefined);
      }),
    );
    await Promise.all([...this.runs.values()].map((r) => r.done));
    this.abort.abort();
    try {
      this.merged?.writer.flush();
    } catch (err) {
      if (!this.error)
        this.error = isDiskFull(err) ? diskFullError(this.folder, err) : toSnoopyError(err);
    }
    this.merged?.file.close();
    this.stoppedAt = new Date();
    this.state = this.error ? 'failed' : 'stopped';
    this.persist();
    clearTimeout(this.emitTimer);
    this.emitTimer = undefined;
    this.deps.emit(this.progress());
    return this.progress();
  }

  private async stopTcpdump(run: TargetRun): Promise<void> {
    const r = await this.deps.agents.run(run.progress.node, captureArgv('stop', [run.id]));
    this.applyStat(run, r.stdout);
  }

  private applyStat(run: TargetRun, stdout: string): void {
    const dropped = /^dropped=(\d+)$/m.exec(stdout)?.[1];
    if (dropped !== undefined) run.progress.drops = Number(dropped);
  }

  private async initialPods(): Promise<PodInfo[]> {
    const session = await this.deps.client.session();
    if (this.targets.kind === 'pods') {
      return Promise.all(
        this.targets.pods.map(async (p) => {
          try {
            const raw = await session.getJson<RawPodLite>(
              `/api/v1/namespaces/${encodeURIComponent(p.namespace)}/pods/${encodeURIComponent(p.name)}`,
            );
            return podInfo(raw);
          } catch (err) {
            throw notFound(p.namespace, p.name, err);
          }
        }),
      );
    }
    const list = await session.getJson<{ items?: RawPodLite[] }>(
      `/api/v1/namespaces/${encodeURIComponent(this.targets.namespace)}/pods`,
      { labelSelector: this.targets.labelSelector },
    );
    return (list.items ?? []).map(podInfo).filter((p) => p.node !== '');
  }

  private startPodWatch(): void {
    const namespaces =
      this.targets.kind === 'pods'
        ? [...new Set(this.targets.pods.map((p) => p.namespace))]
        : [this.targets.namespace];
    const selector = this.targets.kind === 'selector' ? this.targets.labelSelector : undefined;
    const seen = new Set<string>();
    this.watch = startPodWatch({
      watchId: `capture-${this.id}`,
      client: this.deps.client,
      target: this.deps.target,
      namespaces,
      labelSelector: selector,
      tuning: this.deps.podWatch,
      // After a (re)list is complete, a followed pod missing from it went away unseen.
      emitState: (state) => {
        if (state.state !== 'synced' || !this.running) return;
        for (const run of this.runs.values()) if (!seen.has(run.uid)) this.podGone(run);
      },
      emitBatch: (batch) => {
        if (batch.reset) seen.clear();
        for (const pod of batch.upserted) seen.add(pod.uid);
        for (const uid of batch.removed) seen.delete(uid);
        if (!this.running) return;
        for (const pod of batch.upserted) {
          const run = this.runByUid(pod.uid);
          if (run && pod.deleting) this.podGone(run);
          else if (!run && this.targets.kind === 'selector' && pod.node && !pod.deleting) {
            // A pod that appeared while capturing (scale-up, rollout): follow it too.
            this.follow({
              namespace: pod.namespace,
              name: pod.name,
              uid: pod.uid,
              node: pod.node,
              labels: pod.labels,
            });
          }
        }
        for (const uid of batch.removed) {
          const run = this.runByUid(uid);
          if (run) this.podGone(run);
        }
      },
    });
  }

  private runByUid(uid: string): TargetRun | undefined {
    for (const run of this.runs.values()) if (run.uid === uid) return run;
    return undefined;
  }

  private podGone(run: TargetRun): void {
    if (run.gone || run.progress.state === 'done' || run.progress.state === 'failed') return;
    run.gone = true;
    run.progress.note = 'the pod was deleted during the capture; every packet received is kept';
    if (run.capturing) void this.stopTcpdump(run).catch(() => undefined);
    this.changed();
  }

  private follow(pod: PodInfo): void {
    const key = `${pod.namespace}/${pod.name}`;
    if (this.runs.has(key)) return;
    const run: TargetRun = {
      progress: {
        namespace: pod.namespace,
        pod: pod.name,
        node: pod.node,
        state: 'starting-agent',
        packets: 0,
        bytes: 0,
        drops: 0,
        hostNetwork: false,
      },
      id: captureId(this.id, this.nextIndex++),
      uid: pod.uid,
      labels: pod.labels,
      capturing: false,
      gone: false,
      done: Promise.resolve(),
    };
    this.runs.set(key, run);
    run.done = this.runTarget(run).catch((err: unknown) => this.targetFailed(run, err));
    this.changed();
  }

  private targetFailed(run: TargetRun, err: unknown): void {
    if (isDiskFull(err)) {
      const e = diskFullError(this.folder, err);
      run.progress.state = 'failed';
      run.progress.error = e.toJSON();
      void this.stop(e);
      return;
    }
    if (run.gone) {
      run.progress.state = 'done';
    } else {
      run.progress.state = 'failed';
      run.progress.error = toSnoopyError(err).toJSON();
    }
    this.changed();
  }

  private async runTarget(run: TargetRun): Promise<void> {
    const { agents } = this.deps;
    const p = run.progress;
    await agents.ensureAgent(p.node);
    if (!this.running || run.gone) return this.finishUnstarted(run);
    p.state = 'finding-pod';
    this.changed();
    const target = await agents.findTarget(p.namespace, p.pod);
    p.hostNetwork = target.hostNetwork === true;
    if (p.hostNetwork) {
      p.note = "hostNetwork pod: the capture sees the whole node's traffic";
    }
    if (!this.running || run.gone) return this.finishUnstarted(run);
    const started = await agents.run(
      p.node,
      captureArgv('start', [run.id, String(target.pid), '--', ...tcpdumpArgs(this.options)]),
    );
    if (started.exitCode !== 0) {
      throw new SnoopyError(
        'CAPTURE_FAILED',
        `tcpdump could not start in ${p.namespace}/${p.pod}: ${started.stderr.trim() || `exit ${String(started.exitCode)}`}`,
        'Check the interface name (ip link in the pod) and the capture options.',
      );
    }
    run.capturing = true;
    const file = new AppendFile(join(this.folder, `${p.namespace}_${p.pod}.pcap`));
    p.file = file.path;
    p.state = 'capturing';
    this.changed();
    // If the stop came while tcpdump was starting, it has not been told yet.
    if (!this.running || run.gone) void this.stopTcpdump(run).catch(() => undefined);

    const merged = this.merged;
    if (!merged) throw new Error('session not started');
    let iface: number | undefined;
    const description = `node ${p.node}; containers ${target.pod.containerIds.join(', ') || 'none'}; pid via ${target.via}`;
    const reader = new CaptureReader({
      onRecord: (rec) => {
        iface ??= merged.writer.addInterface({
          linkType: rec.linkType,
          name: `${p.namespace}/${p.pod}`,
          description,
          comments: Object.entries(run.labels).map(([k, v]) => `label ${k}=${v}`),
        });
        merged.writer.write({
          interfaceId: iface,
          tsSec: rec.tsSec,
          tsNsec: rec.tsNsec,
          data: rec.data,
          originalLength: rec.originalLength,
        });
        p.packets++;
      },
    });
    try {
      await streamCapture({
        agents,
        node: p.node,
        id: run.id,
        offset: () => file.written,
        signal: this.abort.signal,
        tuning: this.deps.stream,
        onChunk: (chunk) => {
          // The per-pod file first: it is the byte-exact copy of the spool.
          file.write(chunk);
          reader.feed(chunk);
          merged.writer.flush();
          p.bytes = file.written;
          this.totalBytes += chunk.length;
          if (this.options.maxBytes !== undefined && this.totalBytes >= this.options.maxBytes) {
            void this.stop();
          }
          this.changed();
        },
        onReconnecting: () => {
          p.state = 'reconnecting';
          this.changed();
        },
        onStreaming: () => {
          p.state = 'capturing';
          this.changed();
        },
      });
    } finally {
      reader.end();
      file.close();
    }
    run.capturing = false;
    // tcpdump ended by itself (-c) or was stopped: its stats are in the spool log.
    const stat = await agents.run(p.node, captureArgv('stat', [run.id])).catch(() => undefined);
    if (stat) this.applyStat(run, stat.stdout);
    p.state = 'done';
    this.changed();
  }

  private finishUnstarted(run: TargetRun): void {
    run.progress.state = 'done';
    this.changed();
  }

  private persist(): void {
    if (!this.folder) return;
    try {
      writeSessionJson(this.folder, {
        sessionId: this.id,
        context: this.deps.context,
        state: this.state,
        startedAt: this.startedAt.toISOString(),
        stoppedAt: this.stoppedAt?.toISOString(),
        targets: this.targets,
        filter: this.options.filter ?? '',
        options: this.options,
        agentImage: this.deps.agents.settings.image,
        agentNamespace: this.deps.agents.settings.namespace,
        pods: [...this.runs.values()].map((r) => ({ ...r.progress, labels: r.labels, uid: r.uid })),
        error: this.error?.toJSON(),
      });
    } catch (err) {
      if (isDiskFull(err) && this.running) void this.stop(diskFullError(this.folder, err));
    }
  }

  /** Progress at most 4 times a second (and session.json with it). */
  private changed(): void {
    if (this.emitTimer) return;
    this.emitTimer = setTimeout(() => this.emitNow(), 250);
  }

  private emitNow(): void {
    clearTimeout(this.emitTimer);
    this.emitTimer = undefined;
    this.persist();
    this.deps.emit(this.progress());
  }
}

function podInfo(raw: RawPodLite): PodInfo {
  return {
    namespace: raw.metadata.namespace ?? '',
    name: raw.metadata.name,
    uid: raw.metadata.uid ?? '',
    node: raw.spec?.nodeName ?? '',
    labels: raw.metadata.labels ?? {},
  };
}

function notFound(namespace: string, name: string, err: unknown): SnoopyError {
  const e = toSnoopyError(err);
  const status = err as { status?: number; statusCode?: number } | undefined;
  if (
    e.code === 'NOT_FOUND' ||
    status?.status === 404 ||
    status?.statusCode === 404 ||
    /404|not found/i.test(e.message)
  ) {
    return new SnoopyError(
      'TARGET_NOT_FOUND',
      `pod ${namespace}/${name} does not exist`,
      'Check the pod name and namespace (kubectl get pods -n NAMESPACE); pods of a Deployment get new names when replaced — capture by label selector to follow them.',
      { details: { namespace, pod: name } },
    );
  }
  return e;
}
