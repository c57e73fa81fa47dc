// `snoopy capture` end to end against the sandbox, and what a crash leaves: a CLI capture that
// ends by --duration or by Ctrl-C saves its files and deletes its agents; an app SIGKILLed
// mid-capture leaves agents that exit when the heartbeat stops, and the next start sweeps them.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCaptureService } from '../../main/capture/handlers';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { expectNoAgentPods } from './helpers/agent-manager';
import { waitUntil } from './helpers/wait';

let sandbox: Sandbox;
let folder: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  folder = await mkdtemp(join(tmpdir(), 'snoopy-capture-cli-'));
});

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  await expectNoAgentPods(sandbox);
});

afterAll(async () => {
  await sandbox?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function snoopy(args: string[]): Run {
  const child = spawn(process.execPath, ['main/snoopy.mjs', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, out: () => out, exited };
}

const common = (): string[] => [
  '--kubeconfig',
  sandbox.kubeconfigPath,
  '--context',
  'sandbox',
  '-o',
  folder,
];

describe('snoopy capture', () => {
  it('captures a pod for --duration, prints progress and the folder, and leaves no agent', async () => {
    const r = snoopy(['capture', 'web-7d4b9-x2x8k', '-n', 'shop', '--duration', '5s', ...common()]);
    const code = await r.exited;
    expect(code, r.out()).toBe(0);
    expect(r.out()).toMatch(/shop\/web-7d4b9-x2x8k\s+capturing/);
    const saved = /saved in (.+)\n/.exec(r.out())?.[1] ?? '';
    expect(existsSync(join(saved, 'shop_web-7d4b9-x2x8k.pcap'))).toBe(true);
    expect(existsSync(join(saved, 'session.pcapng'))).toBe(true);
  });

  it('stops cleanly on Ctrl-C: files kept, agents deleted', async () => {
    const r = snoopy(['capture', '-l', 'app=web', '-n', 'shop', ...common()]);
    await waitUntil(
      'capturing',
      () => /capturing into/.test(r.out()) && /\d+ packets/.test(r.out()),
      40_000,
      100,
    );
    await waitUntil(
      'both pods capturing',
      () => (r.out().match(/\s+capturing\s+/g) ?? []).length >= 2,
      40_000,
      100,
    );
    r.child.kill('SIGINT');
    expect(await r.exited, r.out()).toBe(0);
    expect(r.out()).toMatch(/saved in /);
  });

  it('rejects a filter with shell metacharacters with INVALID_BPF_FILTER', async () => {
    const r = snoopy([
      'capture',
      'web-7d4b9-x2x8k',
      '-n',
      'shop',
      '-f',
      '"; touch /tmp/pwned',
      ...common(),
    ]);
    expect(await r.exited).toBe(1);
    expect(r.out()).toMatch(/INVALID_BPF_FILTER/);
  });

  it('after the app is SIGKILLed mid-capture its agents exit on their own and a new start sweeps them', async () => {
    const owner = 'crashtest';
    const code = `
      import { createCaptureService } from './main/capture/handlers.ts';
      const s = createCaptureService({ kubeconfig: ${JSON.stringify(sandbox.kubeconfigPath)},
        capturesFolder: ${JSON.stringify(folder)}, identity: { owner: '${owner}', session: 'dead1' },
        agentSettings: { heartbeatIntervalSeconds: 1, heartbeatTimeoutSeconds: 4 } });
      await s.start({ context: 'sandbox', targets: { kind: 'pods', pods: [{ namespace: 'shop', name: 'web-7d4b9-x2x8k' }] } },
        (p) => { if (p.targets.some((t) => t.packets > 0)) process.stdout.write('capturing\\n'); });
      setInterval(() => undefined, 60000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await waitUntil('child capturing', () => out.includes('capturing'), 40_000, 100);
    child.kill('SIGKILL');
    const agents = (): Array<{ phase: string | undefined }> =>
      sandbox.cluster
        .listPods()
        .filter((p) => p.metadata.namespace === 'snoopy-system')
        .map((p) => ({ phase: p.status?.phase }));
    expect(agents().length).toBeGreaterThan(0);
    // The heartbeat stopped: the agent ends by itself (its tcpdump with it).
    await waitUntil('agent ended', () => agents().every((a) => a.phase !== 'Running'), 30_000, 200);
    // A new start (same owner, new run) sweeps what is left before it creates its own agents.
    const service = createCaptureService({
      kubeconfig: sandbox.kubeconfigPath,
      capturesFolder: folder,
      identity: { owner, session: 'alive2' },
    });
    const session = await service.start(
      {
        context: 'sandbox',
        targets: { kind: 'pods', pods: [{ namespace: 'shop', name: 'dns-probe' }] },
      },
      () => undefined,
    );
    const node = sandbox.cluster.listPods().filter((p) => p.metadata.namespace === 'snoopy-system');
    expect(node.every((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')).toBe(
      true,
    );
    await session.stop();
    await service.close();
  }, 120_000);
});
