// Capture sessions against the sandbox cluster: three pods on two nodes into per-pod pcaps and a
// merged pcapng that real tshark reads, and streams severed mid-capture that resume without
// losing or duplicating a byte. Every test ends with no agent pod left.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentManager } from '../../main/agent/agent-manager';
import type { CaptureProgress } from '../../main/api/contract/capture';
import { createKubeClient } from '../../main/kube/client/kube-client';
import { CaptureSession } from '../../main/capture/session';
import { isSnoopyError } from '../../main/errors';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { expectNoAgentPods, sandboxKubeConfig, testManager } from './helpers/agent-manager';
import { waitUntil } from './helpers/wait';

const run = promisify(execFile);
let sandbox: Sandbox;
let folder: string;
const managers: AgentManager[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  folder = await mkdtemp(join(tmpdir(), 'snoopy-capture-'));
});

afterEach(async () => {
  for (const m of managers.splice(0)) await m.shutdown();
  await expectNoAgentPods(sandbox);
});

afterAll(async () => {
  await sandbox?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

function session(
  pods: Array<[string, string]>,
  options: ConstructorParameters<typeof CaptureSession>[2] = {},
): { s: CaptureSession; agents: AgentManager; events: CaptureProgress[] } {
  const agents = testManager(sandbox);
  managers.push(agents);
  const events: CaptureProgress[] = [];
  const s = new CaptureSession(
    {
      agents,
      client: createKubeClient(sandboxKubeConfig(sandbox)),
      target: { context: 'sandbox', server: sandbox.url, user: undefined },
      context: 'sandbox',
      capturesFolder: folder,
      emit: (p) => events.push(p),
      stream: { backoffInitialMs: 100, backoffMaxMs: 500, keepAliveSeconds: 2, stallSeconds: 10 },
    },
    { kind: 'pods', pods: pods.map(([namespace, name]) => ({ namespace, name })) },
    options,
  );
  return { s, agents, events };
}

async function spoolSha(agents: AgentManager, node: string, id: string): Promise<string> {
  const r = await agents.run(node, ['sha256sum', `/spool/${id}.pcap`]);
  expect(r.exitCode, r.stderr).toBe(0);
  return r.stdout.split(/\s+/)[0] ?? '';
}

async function sha(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

describe('capture sessions', () => {
  it('captures 3 pods on 2 nodes into per-pod pcaps and a merged pcapng tshark reads', async () => {
    const { s, agents } = session([
      ['shop', 'web-7d4b9-x2x8k'],
      ['shop', 'web-7d4b9-q7m2p'],
      ['shop', 'dns-probe'],
    ]);
    const started = await s.start();
    expect((await stat(started.folder)).mode & 0o777).toBe(0o700);
    await waitUntil(
      'every target capturing with packets',
      () => s.progress().targets.length === 3 && s.progress().targets.every((t) => t.packets > 0),
      40_000,
      200,
    );
    // Long enough for the client's HTTP requests (every 2 s) and dns-probe's lookups (every 5 s).
    await new Promise((r) => setTimeout(r, 7000));
    const ids = s.spoolIds();
    const done = await s.stop();
    expect(done.state).toBe('stopped');
    for (const t of done.targets) {
      expect(t.state).toBe('done');
      const file = t.file ?? '';
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const spool = ids.get(`${t.namespace}/${t.pod}`);
      // Exactly what tcpdump wrote on the agent.
      expect(await sha(file)).toBe(await spoolSha(agents, spool?.node ?? '', spool?.id ?? ''));
      const { stdout } = await run('capinfos', ['-c', '-M', file]);
      expect(Number(/Number of packets:\s+(\d+)/.exec(stdout)?.[1])).toBe(t.packets);
    }
    const merged = done.merged;
    const names = await run('tshark', ['-r', merged, '-T', 'fields', '-e', 'frame.interface_name']);
    expect(new Set(names.stdout.trim().split('\n'))).toEqual(
      new Set(['shop/web-7d4b9-x2x8k', 'shop/web-7d4b9-q7m2p', 'shop/dns-probe']),
    );
    const total = done.targets.reduce((n, t) => n + t.packets, 0);
    expect(names.stdout.trim().split('\n')).toHaveLength(total);
    const http = await run('tshark', ['-r', merged, '-Y', 'http']);
    expect(http.stdout.trim()).not.toBe('');
    const dns = await run('tshark', ['-r', merged, '-Y', 'dns']);
    expect(dns.stdout.trim()).not.toBe('');
    const json = JSON.parse(await readFile(join(done.folder, 'session.json'), 'utf8')) as {
      state: string;
      pods: unknown[];
    };
    expect(json.state).toBe('stopped');
    expect(json.pods).toHaveLength(3);
  });

  it('resumes streams severed twice mid-capture: the saved file is byte-identical to the spool', async () => {
    const { s, agents } = session([['shop', 'web-7d4b9-x2x8k']]);
    await s.start();
    const key = 'shop/web-7d4b9-x2x8k';
    const agentPod = agents.agentPodFor('sbx-node-a').metadata.name;
    await waitUntil('packets', () => (s.progress().targets[0]?.packets ?? 0) > 0, 40_000, 200);
    let reconnects = 0;
    for (let i = 0; i < 2; i++) {
      const before = s.progress().targets[0]?.bytes ?? 0;
      expect(
        sandbox.faults.severExecStreams({ namespace: 'snoopy-system', pod: agentPod }),
      ).toBeGreaterThan(0);
      await waitUntil(
        'reconnecting',
        () => s.progress().targets[0]?.state === 'reconnecting',
        10_000,
        20,
      ).then(
        () => reconnects++,
        () => undefined,
      );
      await waitUntil(
        'more bytes after re-attach',
        () =>
          (s.progress().targets[0]?.bytes ?? 0) > before &&
          s.progress().targets[0]?.state === 'capturing',
        30_000,
        100,
      );
    }
    const spool = s.spoolIds().get(key);
    const done = await s.stop();
    expect(reconnects).toBeGreaterThan(0);
    const t = done.targets[0];
    expect(t?.state).toBe('done');
    expect(await sha(t?.file ?? '')).toBe(
      await spoolSha(agents, spool?.node ?? '', spool?.id ?? ''),
    );
    await run('tshark', ['-r', t?.file ?? '', '-c', '1']);
  });

  it('rejects an invalid filter and one with shell metacharacters before anything captures', async () => {
    for (const filter of ['tcp.port == 80', '"; touch /tmp/pwned']) {
      const { s, agents } = session([['shop', 'web-7d4b9-x2x8k']], { filter });
      const err = await s.start().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isSnoopyError(err) && err.code).toBe('INVALID_BPF_FILTER');
      expect(s.progress().targets).toHaveLength(0);
      const found = await agents.run('sbx-node-a', ['sh', '-c', 'ls /tmp/pwned 2>/dev/null; true']);
      expect(found.stdout).toBe('');
    }
  });

  it('flags a hostNetwork pod and captures a crash-looping one through its sandbox', async () => {
    const { s } = session([
      ['kube-system', 'node-exporter-a'],
      ['shop', 'crashy'],
    ]);
    await s.start();
    await waitUntil(
      'both capturing',
      () => s.progress().targets.every((t) => t.state === 'capturing' || t.state === 'failed'),
      40_000,
      200,
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}: ${JSON.stringify(s.progress().targets)}`);
    });
    const done = await s.stop();
    const byPod = new Map(done.targets.map((t) => [t.pod, t]));
    expect(byPod.get('node-exporter-a')?.hostNetwork).toBe(true);
    expect(byPod.get('crashy')?.state, JSON.stringify(byPod.get('crashy')?.error)).toBe('done');
    expect(byPod.get('crashy')?.hostNetwork).toBe(false);
  });

  it('reports TARGET_NOT_FOUND for a pod that does not exist', async () => {
    const { s } = session([['shop', 'no-such-pod']]);
    const err = await s.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isSnoopyError(err) && err.code).toBe('TARGET_NOT_FOUND');
  });
});
