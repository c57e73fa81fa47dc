// Runs service-proxy.ts inside the cluster netns and keeps it fed with the service table
// whenever Services or their ready pods change.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findHostBinary, projectRoot, runtimeSourceDir } from './paths';
import { serviceTable } from './service-table';
import type { ClusterNetwork } from './network';
import type { SlotState } from './slot-state';
import type { NetworkPlan, PodStore, Service } from '../contracts';

export class ServiceProxyProcess {
  private child: ChildProcess | undefined;
  private services: Service[] = [];
  private scheduled = false;
  private syncing: Promise<void> = Promise.resolve();
  private sent = 0;
  private synced = 0;
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  constructor(
    private readonly plan: NetworkPlan,
    private readonly network: ClusterNetwork,
    private readonly store: PodStore,
    private readonly slotState: SlotState,
  ) {}

  async start(): Promise<void> {
    await this.network.setServiceAddresses([this.plan.dnsIP]);
    const child = spawn(
      findHostBinary('ip'),
      [
        'netns',
        'exec',
        this.network.netns,
        process.execPath,
        '--import',
        'tsx',
        join(runtimeSourceDir, 'service-proxy.ts'),
        this.plan.dnsIP,
        this.plan.clusterDomain,
      ],
      { cwd: projectRoot(), stdio: ['pipe', 'pipe', 'pipe'], detached: true },
    );
    this.child = child;
    if (child.pid !== undefined) this.slotState.addProcessGroup(child.pid);
    child.stdin?.on('error', () => undefined);
    child.stderr?.on('data', (chunk: Buffer) =>
      process.stderr.write(`[sandbox service-proxy] ${chunk.toString()}`),
    );
    const ready = new Promise<void>((resolve, reject) => {
      child.once('exit', (code) =>
        reject(new Error(`service proxy exited (${code}) before it was ready`)),
      );
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        if (line === 'ready') resolve();
        const [word, count] = line.split(' ');
        if (word === 'synced') this.onSynced(Number(count));
      });
    });
    await ready;
  }

  private onSynced(count: number): void {
    this.synced = count;
    for (const waiter of this.waiters.filter((w) => w.count <= count)) waiter.resolve();
    this.waiters = this.waiters.filter((w) => w.count > count);
  }

  servicesChanged(services: Service[]): void {
    this.services = services;
    this.scheduleSync();
  }

  /** Pods became ready or went away: endpoints may differ. */
  scheduleSync(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.syncing = this.syncing
        .then(() => this.sync())
        .catch((error: unknown) => {
          console.error('[sandbox kubelet] service sync failed:', error);
        });
    });
  }

  private async sync(): Promise<void> {
    if (!this.child?.stdin || this.child.exitCode !== null) return;
    const table = serviceTable(this.services, this.store.listPods());
    await this.network.setServiceAddresses([this.plan.dnsIP, ...table.map((s) => s.clusterIP)]);
    this.child.stdin.write(`${JSON.stringify({ services: table })}\n`);
    this.sent++;
  }

  /** Resolves once the proxy applied everything sent so far (tests, demos). */
  async servicesSettled(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    await this.syncing;
    const target = this.sent;
    if (this.synced >= target) return;
    await new Promise<void>((resolve) => this.waiters.push({ count: target, resolve }));
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    const exited = new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited;
    this.slotState.removeProcessGroup(child.pid);
  }
}
