// The sandbox cluster as @kubernetes/client-node 1.4 (the library the app is built on) sees it.
import {
  CoreV1Api,
  Exec,
  KubeConfig,
  makeInformer,
  type V1Pod,
  type V1Status,
} from '@kubernetes/client-node';
import type { Readable } from 'node:stream';
import { PassThrough, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { waitForRunning } from './helpers/sandbox-pods';
import { waitUntil } from './helpers/wait';

let sandbox: Sandbox;
let kc: KubeConfig;

beforeAll(async () => {
  sandbox = await startSandbox();
  kc = new KubeConfig();
  kc.loadFromFile(sandbox.kubeconfigPath);
  await waitForRunning(sandbox, 'shop', 'web-7d4b9-q7m2p');
});

afterAll(async () => {
  await sandbox?.stop();
});

function collect(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

async function execInWeb(
  command: string[],
  stdin: Readable | null,
): Promise<{ stdout: Buffer; stderr: Buffer; status: V1Status }> {
  const out = collect();
  const err = collect();
  const status = await new Promise<V1Status>((resolve, reject) => {
    new Exec(kc)
      .exec(
        'shop',
        'web-7d4b9-q7m2p',
        'web',
        command,
        out.stream,
        err.stream,
        stdin,
        false,
        resolve,
      )
      .catch(reject);
  });
  // Frames arrive in order on one socket: all output precedes the status frame.
  return { stdout: out.bytes(), stderr: err.bytes(), status };
}

describe('@kubernetes/client-node against the sandbox', () => {
  it('lists pods page by page with limit and continue', async () => {
    const api = kc.makeApiClient(CoreV1Api);
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await api.listPodForAllNamespaces({
        limit: 2,
        ...(token ? { _continue: token } : {}),
      });
      names.push(...page.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`));
      token = page.metadata?._continue || undefined;
      pages++;
    } while (token);
    expect(pages).toBeGreaterThan(2);
    const expected = sandbox.cluster
      .listPods()
      .map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    expect(names.sort()).toEqual(expected.sort());
  });

  it('runs an informer that lists, then sees an added and a deleted pod', async () => {
    const api = kc.makeApiClient(CoreV1Api);
    const informer = makeInformer<V1Pod>(kc, '/api/v1/namespaces/default/pods', () =>
      api.listNamespacedPod({ namespace: 'default' }),
    );
    const added: string[] = [];
    const deleted: string[] = [];
    informer.on('add', (p) => added.push(p.metadata?.name ?? ''));
    informer.on('delete', (p) => deleted.push(p.metadata?.name ?? ''));
    await informer.start();
    try {
      sandbox.cluster.createPod({
        metadata: { name: 'informed', namespace: 'default' },
        spec: {
          nodeName: 'sbx-node-a',
          containers: [
            { name: 'c', image: 'registry.sandbox.local/busybox:1.36', command: ['sleep', '300'] },
          ],
        },
      });
      await waitUntil('the informer to see the add', () => added.includes('informed'));
      await waitUntil(
        'the pod to run',
        () => informer.get('informed', 'default')?.status?.phase === 'Running',
      );
      sandbox.cluster.deletePod('default', 'informed', 0);
      await waitUntil('the informer to see the delete', () => deleted.includes('informed'));
      expect(added.filter((n) => n === 'informed')).toHaveLength(1);
      expect(informer.get('informed', 'default')).toBeUndefined();
    } finally {
      await informer.stop();
    }
  });

  it('carries arbitrary bytes through exec stdin and stdout unchanged', async () => {
    const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const payload = Buffer.concat([every, Buffer.alloc(1 << 20, 0xa5), every]);
    const stdin = new PassThrough();
    const result = execInWeb(['cat'], stdin);
    stdin.end(payload);
    const { stdout, status } = await result;
    expect(status.status).toBe('Success');
    expect(stdout.equals(payload)).toBe(true);
  });

  it('reports a non-zero exit code on the status channel', async () => {
    const { status, stderr } = await execInWeb(['sh', '-c', 'echo oops >&2; exit 7'], null);
    expect(status.status).toBe('Failure');
    expect(status.reason).toBe('NonZeroExitCode');
    expect(status.details?.causes?.find((c) => c.reason === 'ExitCode')?.message).toBe('7');
    expect(stderr.toString()).toBe('oops\n');
  });
});
