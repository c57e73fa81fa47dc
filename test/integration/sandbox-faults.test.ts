// Faults the later tests rely on, injected into a whole sandbox (API server + real runtime):
// a severed exec stream, an unreachable API, a NotReady node.
import { Exec, KubeConfig } from '@kubernetes/client-node';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { kubectl } from './helpers/kubectl';
import { waitForRunning } from './helpers/sandbox-pods';
import { waitUntil } from './helpers/wait';

let sandbox: Sandbox;
let kc: KubeConfig;

beforeAll(async () => {
  sandbox = await startSandbox();
  kc = new KubeConfig();
  kc.loadFromFile(sandbox.kubeconfigPath);
});

afterAll(async () => {
  await sandbox?.stop();
});

const sink = (): Writable =>
  new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  });

describe('sandbox fault injection', () => {
  it('severs a running exec stream abruptly and ends the process behind it', async () => {
    await waitForRunning(sandbox, 'shop', 'web-7d4b9-x2x8k');
    const ws = await new Exec(kc).exec(
      'shop',
      'web-7d4b9-x2x8k',
      'web',
      ['sleep', '300'],
      sink(),
      sink(),
      null,
      false,
    );
    const closed = new Promise<number>((resolve) =>
      ws.on('close', (code: number) => resolve(code)),
    );
    await waitUntil(
      'the exec to be registered',
      () => sandbox.faults.severExecStreams({ namespace: 'shop', pod: 'web-7d4b9-x2x8k' }) === 1,
    );
    expect(await closed).toBe(1006);
    const ps = await kubectl(sandbox.kubeconfigPath, [
      'exec',
      '-n',
      'shop',
      'web-7d4b9-x2x8k',
      '--',
      'ps',
      '-o',
      'args',
    ]);
    expect(ps.stdout).not.toContain('sleep 300');
  });

  it('makes the API unreachable for a while, then serves again', async () => {
    sandbox.faults.makeApiUnreachable(2);
    const during = await kubectl(sandbox.kubeconfigPath, [
      'get',
      'pods',
      '-n',
      'shop',
      '--request-timeout=1s',
    ]);
    expect(during.code).not.toBe(0);
    expect(during.stderr).toMatch(/was refused|connection refused|Unable to connect/);
    const after = await waitUntil(
      'the API to come back',
      async () => {
        const r = await kubectl(sandbox.kubeconfigPath, [
          'get',
          'pods',
          '-n',
          'shop',
          '-o',
          'name',
        ]);
        return r.code === 0 ? r : undefined;
      },
      20_000,
      250,
    );
    expect(after.stdout).toContain('pod/web-7d4b9-x2x8k');
  });

  it('keeps new pods on a NotReady node Pending until it is Ready again', async () => {
    sandbox.faults.setNodeReady('sbx-node-b', false);
    const nodes = await kubectl(sandbox.kubeconfigPath, [
      'get',
      'node',
      'sbx-node-b',
      '--no-headers',
    ]);
    expect(nodes.stdout).toMatch(/^sbx-node-b\s+NotReady/);
    sandbox.cluster.createPod({
      metadata: { name: 'waits-for-node', namespace: 'default' },
      spec: {
        nodeName: 'sbx-node-b',
        containers: [
          { name: 'c', image: 'registry.sandbox.local/busybox:1.36', command: ['sleep', '300'] },
        ],
      },
    });
    // Give the kubelet every chance to (wrongly) start it before checking it did not.
    await new Promise((r) => setTimeout(r, 1000));
    expect(sandbox.cluster.getPod('default', 'waits-for-node')?.status.phase).toBe('Pending');
    sandbox.faults.setNodeReady('sbx-node-b', true);
    await waitForRunning(sandbox, 'default', 'waits-for-node');
    sandbox.cluster.deletePod('default', 'waits-for-node', 0);
  });
});
