// The sandbox cluster, composed: an API server (test/sandbox/api) over a node runtime
// (test/sandbox/runtime), seeded from a scenario. Tests start their own instance with
// startSandbox(); `npm run sandbox` runs one in the foreground (main.ts).
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClusterState, startApiServer } from './api/index';
import type { ClusterAdmin, Faults, Kubelet, NetworkPlan, SandboxNode } from './contracts';
import { renderKubeconfig, writeKubeconfig, type KubeconfigUser } from './kubeconfig';
import { assertCanRun } from './requirements';
import { createKubelet, sweepStaleSlot } from './runtime/index';
import { loadScenario, type Scenario } from './scenario';
import { acquireSlot, networkPlan, nodeAddresses } from './slots';
import { seedScenario } from './seed';

export interface SandboxOptions {
  /** A scenario object, or a path to a scenario YAML; default: scenarios/default.yaml. */
  scenario?: Scenario | string;
  /** Where to write the kubeconfig; default: a temp dir removed on stop. */
  kubeconfigPath?: string;
  /** Ask for a given slot (0..15) instead of the lowest free one. */
  slot?: number;
  /** Bind address of the API server (default 127.0.0.1) and port (default random). */
  host?: string;
  port?: number;
}

export interface Sandbox {
  url: string;
  kubeconfigPath: string;
  caPem: string;
  /** Bearer tokens by scenario user name. */
  tokens: Record<string, string>;
  /** Context names by scenario user name ("sandbox" for the admin). */
  contexts: Record<string, string>;
  network: NetworkPlan;
  nodes: SandboxNode[];
  cluster: ClusterAdmin;
  faults: Faults;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  await assertCanRun();
  const scenario =
    typeof options.scenario === 'object' ? options.scenario : await loadScenario(options.scenario);
  const lease = await acquireSlot(options.slot);
  const cleanups: Array<() => Promise<void>> = [() => lease.release()];
  // Idempotent, and safe to call twice at once (a signal during a stop): each cleanup runs once.
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      for (const cleanup of cleanups.splice(0).reverse()) {
        await cleanup().catch((err: unknown) =>
          process.stderr.write(`sandbox cleanup: ${String(err)}\n`),
        );
      }
    })());
  try {
    if (lease.stale) await sweepStaleSlot(lease.slot);
    const network = networkPlan(lease.slot);
    const workDir = await mkdtemp(join(tmpdir(), `snoopy-sandbox-${lease.slot}-`));
    cleanups.push(() => rm(workDir, { recursive: true, force: true }));
    const stateDir = join(workDir, 'state');
    const pkiDir = join(workDir, 'pki');
    await mkdir(stateDir, { recursive: true });
    await mkdir(pkiDir, { recursive: true, mode: 0o700 });

    const nodes: SandboxNode[] = scenario.nodes.map((n, i) => ({
      name: n.name,
      cgroupDriver: n.cgroupDriver,
      runtime: n.runtime,
      labels: n.labels,
      taints: n.taints,
      ready: true,
      ...nodeAddresses(lease.slot, i),
    }));

    const state = createClusterState({ network });
    for (const ns of scenario.namespaces) state.createNamespace(ns.name, ns.labels);
    for (const node of nodes) state.createNode(node);

    const kubelet: Kubelet = await createKubelet({
      store: state,
      nodes,
      network,
      stateDir,
      failingImages: scenario.failingImages,
      busyboxImages: scenario.busyboxImages,
      crashLoopBackoffSeconds: scenario.crashLoopBackoffSeconds,
    });
    cleanups.push(() => kubelet.shutdown());
    state.attachKubelet(kubelet);

    const users = scenario.users.map((u) => ({ ...u, token: randomBytes(24).toString('hex') }));
    const server = await startApiServer({
      state,
      kubelet,
      users,
      pkiDir,
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
    });
    // Close the API first (no new work), then the runtime kills everything it started.
    cleanups.push(() => server.close());

    const kubeconfigUsers: KubeconfigUser[] = users.map((u) => ({
      name: u.name,
      token: u.token,
      context: u.context ?? `sandbox-${u.name}`,
    }));
    const kubeconfigPath = options.kubeconfigPath ?? join(workDir, 'kubeconfig');
    const admin = kubeconfigUsers[0];
    if (!admin) throw new Error('the scenario has no users');
    await writeKubeconfig(
      kubeconfigPath,
      renderKubeconfig({
        server: server.url,
        caPem: server.caPem,
        users: kubeconfigUsers,
        currentContext: admin.context,
      }),
    );
    if (options.kubeconfigPath) cleanups.push(() => rm(kubeconfigPath, { force: true }));

    seedScenario(state, scenario, network, nodes);

    return {
      url: server.url,
      kubeconfigPath,
      caPem: server.caPem,
      tokens: Object.fromEntries(users.map((u) => [u.name, u.token])),
      contexts: Object.fromEntries(kubeconfigUsers.map((u) => [u.name, u.context])),
      network,
      nodes,
      cluster: state,
      faults: server.faults,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
