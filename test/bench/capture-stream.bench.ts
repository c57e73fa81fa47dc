// Capture streaming throughput: one agent's spool streamed to disk by Snoopy (resumable stream,
// per-pod pcap + merged pcapng) against the baseline `kubectl exec <agent> -- nsenter -t PID -n
// tcpdump -U -w - > file`, on the same traffic (iperf3 on the pod's loopback, bounded in time
// and rate, inside one sandbox pod's network namespace). Also: time from "Capture" to the
// first packet with a cold agent (created on demand) and a warm one (reused).
import { KubeConfig } from '@kubernetes/client-node';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentManager } from '../../main/agent/agent-manager';
import { nsenterArgv } from '../../main/agent/target';
import { CaptureSession } from '../../main/capture/session';
import { createKubeClient } from '../../main/kube/client/kube-client';

const POD = { namespace: 'shop', name: 'web-7d4b9-x2x8k' };
const NODE = 'sbx-node-a';
const TRAFFIC_SECONDS = 3;
const RATE = '300M';

const folder = await mkdtemp(join(tmpdir(), 'snoopy-bench-'));
// The sandbox runs in its own process, as a real API server would: in this process it would
// share the event loop with the app side and slow Snoopy down but not kubectl.
const sandboxProcess = spawn(
  process.execPath,
  ['--import', 'tsx', 'test/sandbox/main.ts', '--kubeconfig', join(folder, 'kubeconfig')],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
await new Promise<void>((resolve, reject) => {
  let out = '';
  sandboxProcess.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('kubeconfig:')) resolve();
  });
  sandboxProcess.once('exit', () => reject(new Error(`sandbox exited: ${out}`)));
});
const kc = new KubeConfig();
kc.loadFromFile(join(folder, 'kubeconfig'));
kc.setCurrentContext('sandbox');
const sandbox = {
  kubeconfigPath: join(folder, 'kubeconfig'),
  url: kc.getCurrentCluster()?.server ?? '',
};
const agents = new AgentManager({
  kubeConfig: kc,
  target: { context: 'sandbox', server: sandbox.url, user: undefined },
  identity: { owner: 'bench', session: `b${Date.now().toString(36)}` },
});

function session(): CaptureSession {
  return new CaptureSession(
    {
      agents,
      client: createKubeClient(kc),
      target: { context: 'sandbox', server: sandbox.url, user: undefined },
      context: 'sandbox',
      capturesFolder: folder,
      emit: () => undefined,
    },
    { kind: 'pods', pods: [POD] },
    { interface: 'lo' },
  );
}

async function firstPacket(): Promise<number> {
  const t0 = performance.now();
  const s = session();
  await s.start();
  while ((s.progress().targets[0]?.packets ?? 0) === 0) {
    await new Promise((r) => setTimeout(r, 10));
    // The pod's loopback is quiet: make one packet.
    void agents.run(NODE, nsenterArgv(pid, ['ping', '-c', '1', '-W', '1', '127.0.0.1']));
  }
  const ms = performance.now() - t0;
  await s.stop();
  return ms;
}

/** Bounded traffic in the pod's network namespace: an iperf3 server and client on loopback. */
async function traffic(): Promise<void> {
  await agents.run(NODE, nsenterArgv(pid, ['iperf3', '-s', '-1', '-D', '-p', '5299']));
  await new Promise((r) => setTimeout(r, 300));
  const r = await agents.run(
    NODE,
    nsenterArgv(pid, [
      'iperf3',
      '-c',
      '127.0.0.1',
      '-p',
      '5299',
      '-t',
      String(TRAFFIC_SECONDS),
      '-b',
      RATE,
      '-l',
      '8K',
    ]),
    60_000,
  );
  if (r.exitCode !== 0) throw new Error(`iperf3 failed: ${r.stderr}`);
}

/** When `size()` last grew, once it has not grown for `quietMs` (the stream has drained). */
async function lastGrowth(size: () => Promise<number> | number, quietMs = 1000): Promise<number> {
  let last = await size();
  let at = performance.now();
  while (performance.now() - at < quietMs) {
    await new Promise((r) => setTimeout(r, 20));
    const now = await size();
    if (now !== last) {
      last = now;
      at = performance.now();
    }
  }
  return at;
}

async function packetsIn(file: string): Promise<number> {
  const out = await new Promise<string>((resolve) => {
    let s = '';
    const c = spawn('capinfos', ['-c', '-M', file]);
    c.stdout.on('data', (d: Buffer) => (s += d.toString()));
    c.on('exit', () => resolve(s));
  });
  return Number(/Number of packets:\s+(\d+)/.exec(out)?.[1] ?? 0);
}

interface Figures {
  seconds: number;
  bytes: number;
  packets: number;
}

async function snoopyRun(): Promise<Figures> {
  const s = session();
  const t0 = performance.now();
  await s.start();
  while (s.progress().targets[0]?.state !== 'capturing')
    await new Promise((r) => setTimeout(r, 20));
  await traffic();
  const end = await lastGrowth(() => s.progress().targets[0]?.bytes ?? 0);
  const seconds = (end - t0) / 1000;
  const done = await s.stop();
  const file = done.targets[0]?.file ?? '';
  return { seconds, bytes: (await stat(file)).size, packets: await packetsIn(file) };
}

async function baselineRun(): Promise<Figures> {
  const agentPod = agents.agentPodFor(NODE).metadata.name;
  const file = join(folder, 'baseline.pcap');
  // Ended once its output stopped growing after the traffic (the last byte is what counts).
  const child = spawn(
    'kubectl',
    [
      '--kubeconfig',
      sandbox.kubeconfigPath,
      'exec',
      '-n',
      'snoopy-system',
      agentPod,
      '--',
      'nsenter',
      '-t',
      String(pid),
      '-n',
      'tcpdump',
      '-U',
      '-w',
      '-',
      '-i',
      'lo',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  child.stdout.pipe(createWriteStream(file));
  await new Promise((r) => setTimeout(r, 700));
  const t0 = performance.now();
  await traffic();
  const end = await lastGrowth(async () => (await stat(file)).size);
  const seconds = (end - t0) / 1000;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
  return { seconds, bytes: (await stat(file)).size, packets: await packetsIn(file) };
}

let pid = 0;
try {
  const cold = await (async () => {
    const t0 = performance.now();
    const target = await agents.findTarget(POD.namespace, POD.name);
    pid = target.pid;
    return performance.now() - t0;
  })();
  const coldTotal = cold + (await firstPacket());
  const warm = await firstPacket();
  const base = await baselineRun();
  const ours = await snoopyRun();
  const line = (name: string, f: Figures): string =>
    `${name.padEnd(28)} ${(f.packets / f.seconds).toFixed(0).padStart(9)} packets/s  ${(f.bytes / 1e6 / f.seconds).toFixed(1).padStart(7)} MB/s  (${f.packets} packets, ${(f.bytes / 1e6).toFixed(1)} MB in ${f.seconds.toFixed(2)} s)`;
  process.stdout.write(
    `${line('kubectl exec tcpdump -w -', base)}\n${line('snoopy resumable stream', ours)}\n`,
  );
  process.stdout.write(
    `ratio snoopy/baseline: ${(ours.bytes / ours.seconds / (base.bytes / base.seconds)).toFixed(2)} (MB/s), ` +
      `${(ours.packets / ours.seconds / (base.packets / base.seconds)).toFixed(2)} (packets/s); target >= 1.0\n`,
  );
  process.stdout.write(
    `first packet: cold agent ${coldTotal.toFixed(0)} ms (agent created), warm agent ${warm.toFixed(0)} ms\n`,
  );
} finally {
  await agents.shutdown();
  const exited = new Promise((r) => sandboxProcess.once('exit', r));
  sandboxProcess.kill('SIGTERM');
  await exited;
  await rm(folder, { recursive: true, force: true });
}
