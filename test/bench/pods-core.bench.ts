// Pod list speed of the core against the sandbox at 10k and 50k virtual pods: time to the first
// batch (first rows), time to the full list (synced), and `kubectl get pods -A -o json` on the
// same cluster in the same run as the reference. Run as root: npx tsx test/bench/pods-core.bench.ts
import { spawn } from 'node:child_process';
import type { Connection } from '../../main/api/handlers';
import { createCore } from '../../main/core';
import { startSandbox } from '../sandbox/sandbox';
import { addVirtualPods } from '../sandbox/seed';

const SIZES = [10_000, 50_000];

async function coreList(
  kubeconfig: string,
): Promise<{ firstBatchMs: number; syncedMs: number; pods: number; batches: number }> {
  const core = await createCore({
    kubeconfig,
    version: 'bench',
    transport: 'memory',
    execEnvironment: {},
    watchKubeconfig: false,
  });
  const rows = new Set<string>();
  let batches = 0;
  let firstBatchMs = -1;
  const closers: Array<() => void> = [];
  const started = performance.now();
  const synced = new Promise<number>((resolve, reject) => {
    const connection: Connection = {
      id: 'bench',
      emit(event, payload) {
        if (event === 'pods.batch') {
          const b = payload as { upserted: Array<{ uid: string }> };
          if (firstBatchMs < 0 && b.upserted.length) firstBatchMs = performance.now() - started;
          batches++;
          for (const p of b.upserted) rows.add(p.uid);
        } else if (event === 'pods.state') {
          const s = payload as { state: string; error?: { message: string } };
          if (s.state === 'synced') resolve(performance.now() - started);
          else if (s.error) reject(new Error(s.error.message));
        }
      },
      onClose: (c) => closers.push(c),
    };
    void core.handlers['pods.watch']({ context: 'sandbox', namespaces: [] }, connection);
  });
  const syncedMs = await synced;
  closers.forEach((c) => c());
  await core.close();
  return { firstBatchMs, syncedMs, pods: rows.size, batches };
}

function kubectlList(kubeconfig: string): Promise<{ ms: number; pods: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, 'get', 'pods', '-A', '-o', 'json']);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`kubectl exited ${code}`));
      const list = JSON.parse(Buffer.concat(chunks).toString()) as { items: unknown[] };
      resolve({ ms, pods: list.items.length });
    });
  });
}

const fmt = (ms: number): string => `${ms.toFixed(0).padStart(6)} ms`;

const sandbox = await startSandbox();
try {
  let added = 0;
  for (const size of SIZES) {
    addVirtualPods(
      sandbox.cluster,
      {
        count: size - added,
        namespaces: ['default', 'shop', 'payments', 'kube-system'],
        namePrefix: 'v',
      },
      sandbox.nodes,
      added,
    );
    added = size;
    // Warm both once (JIT, TLS session, server caches), then measure.
    await coreList(sandbox.kubeconfigPath);
    await kubectlList(sandbox.kubeconfigPath);
    const ours = await coreList(sandbox.kubeconfigPath);
    const theirs = await kubectlList(sandbox.kubeconfigPath);
    console.log(`\n${size} virtual pods (+ scenario pods)`);
    console.log(
      `  core: first batch ${fmt(ours.firstBatchMs)}, full list (synced) ${fmt(ours.syncedMs)}, ${ours.pods} pods in ${ours.batches} batches`,
    );
    console.log(`  kubectl get pods -A -o json:        ${fmt(theirs.ms)}, ${theirs.pods} pods`);
    console.log(
      `  ratio core full list / kubectl: ${(ours.syncedMs / theirs.ms).toFixed(2)}; first rows / kubectl: ${(ours.firstBatchMs / theirs.ms).toFixed(3)}`,
    );
  }
} finally {
  await sandbox.stop();
}
