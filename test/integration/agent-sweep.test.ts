// Agents left by an app instance that was SIGKILLed: they end on their own when the heartbeat
// stops, and the next start sweeps them (its own earlier runs at once, other dead instances once
// their heartbeat is stale). `snoopy cleanup` does the same by hand.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentManager } from '../../main/agent/agent-manager';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { expectNoAgentPods, testManager } from './helpers/agent-manager';
import { kubectl } from './helpers/kubectl';
import { waitUntil } from './helpers/wait';

let sandbox: Sandbox;
const managers: AgentManager[] = [];
const CHILD = fileURLToPath(new URL('./helpers/agent-child.ts', import.meta.url));

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterEach(async () => {
  for (const m of managers.splice(0)) await m.shutdown();
  await expectNoAgentPods(sandbox);
});

afterAll(async () => {
  await sandbox?.stop();
});

/** Runs an app instance in a child process until it has an agent, then SIGKILLs it. */
async function crashedInstance(owner: string, node: string, timeout: number): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, sandbox.kubeconfigPath, owner, 'run-1', node, String(timeout)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const pod = await waitUntil(
    'the child to have its agent',
    () => /ready (\S+)/.exec(out)?.[1],
    60_000,
  );
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  return pod;
}

describe('sweeping stale agents', () => {
  it('a restarted app instance sweeps the agents its SIGKILLed run left', async () => {
    const pod = await crashedInstance('laptop-1', 'sbx-node-a', 30);
    expect(sandbox.cluster.getPod('snoopy-system', pod)).toBeDefined();
    const restarted = testManager(sandbox, { owner: 'laptop-1', session: 'run-2' });
    managers.push(restarted);
    const result = await restarted.sweepStale();
    expect(result.removed.map((r) => r.pod)).toEqual([pod]);
    expect(result.removed[0]?.reason).toMatch(/earlier run/);
    await expectNoAgentPods(sandbox);
  });

  it("another instance sweeps a dead instance's agent once it has ended on its own, and keeps live ones", async () => {
    const live = testManager(sandbox, { owner: 'desktop-live' });
    managers.push(live);
    const liveAgent = await live.ensureAgent('sbx-node-b');
    const pod = await crashedInstance('laptop-2', 'sbx-node-a', 3);
    await waitUntil(
      'the orphaned agent to end (no heartbeat)',
      () => sandbox.cluster.getPod('snoopy-system', pod)?.status.phase === 'Succeeded',
      20_000,
      200,
    );
    const other = testManager(sandbox, { owner: 'desktop-2' });
    managers.push(other);
    const result = await other.sweepStale();
    expect(result.removed.map((r) => r.pod)).toEqual([pod]);
    expect(result.kept.map((r) => r.pod)).toEqual([liveAgent.pod]);
  });

  it('snoopy cleanup --all removes every agent and prints what it removed', async () => {
    const m = testManager(sandbox, { owner: 'someone-else' });
    const agent = await m.ensureAgent('sbx-node-b');
    const { stdout, code, stderr } = await new Promise<{
      stdout: string;
      stderr: string;
      code: number | null;
    }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          'main/snoopy.mjs',
          'cleanup',
          '--kubeconfig',
          sandbox.kubeconfigPath,
          '--context',
          'sandbox',
          '--all',
        ],
        { cwd: fileURLToPath(new URL('../..', import.meta.url)) },
      );
      let o = '';
      let e = '';
      child.stdout.on('data', (d: Buffer) => (o += d.toString()));
      child.stderr.on('data', (d: Buffer) => (e += d.toString()));
      child.on('close', (c) => resolve({ stdout: o, stderr: e, code: c }));
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(agent.pod);
    const after = await kubectl(sandbox.kubeconfigPath, [
      'get',
      'pods',
      '-n',
      'snoopy-system',
      '-o',
      'name',
    ]);
    expect(after.stdout.trim()).toBe('');
  });
});
