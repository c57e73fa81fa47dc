// @kubernetes/client-node 1.4 against the sandbox API server: typed lists with paging,
// informers (list + watch), watch expiry, auth failures and the fault endpoints.
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { CoreV1Api, KubeConfig, Watch, makeInformer, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../sandbox/api/testing/harness';

let api: TestApi;
let kc: KubeConfig;
let core: CoreV1Api;

function addPod(name: string, namespace = 'shop', labels: Record<string, string> = {}): void {
  api.state.createPod({
    metadata: { name, namespace, labels },
    spec: { nodeName: 'sbx-node-a', containers: [{ name: 'c', image: 'busybox:1.36' }] },
  });
}

beforeAll(async () => {
  api = await startTestApi({ bookmarkIntervalMs: 200 });
  kc = new KubeConfig();
  kc.loadFromString(await readFile(api.kubeconfigPath, 'utf8'));
  core = kc.makeApiClient(CoreV1Api);
});

afterAll(async () => {
  await api?.close();
});

function until<T>(check: () => T | undefined, ms = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = (): void => {
      const value = check();
      if (value !== undefined) resolve(value);
      else if (Date.now() - started > ms) reject(new Error('condition not met in time'));
      else setTimeout(tick, 20);
    };
    tick();
  });
}

describe('client-node against the sandbox API server', () => {
  it('pages through pods with limit and an opaque continue token', async () => {
    for (let i = 0; i < 7; i++) addPod(`page-${i}`, 'default', { batch: 'paging' });
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await core.listNamespacedPod({
        namespace: 'default',
        labelSelector: 'batch=paging',
        limit: 3,
        ...(token ? { _continue: token } : {}),
      });
      names.push(...page.items.map((p) => p.metadata?.name ?? ''));
      token = page.metadata?._continue;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(names).toEqual([...Array(7).keys()].map((i) => `page-${i}`));
  });

  it('refuses an expired continue token with 410 Gone', async () => {
    const first = await core.listNamespacedPod({ namespace: 'default', limit: 1 });
    api.state.compactHistory();
    await expect(
      core.listNamespacedPod({
        namespace: 'default',
        limit: 1,
        _continue: first.metadata?._continue ?? '',
      }),
    ).rejects.toMatchObject({ code: 410 });
  });

  it('keeps an informer in sync through an add and a delete', async () => {
    const informer = makeInformer(kc, '/api/v1/namespaces/shop/pods', () =>
      core.listNamespacedPod({ namespace: 'shop' }),
    );
    const added: string[] = [];
    const deleted: string[] = [];
    informer.on('add', (pod: V1Pod) => added.push(pod.metadata?.name ?? ''));
    informer.on('delete', (pod: V1Pod) => deleted.push(pod.metadata?.name ?? ''));
    await informer.start();
    try {
      addPod('informed');
      await until(() => (added.includes('informed') ? true : undefined));
      api.state.deletePod('shop', 'informed');
      await until(() => (deleted.includes('informed') ? true : undefined));
      expect(informer.list('shop').map((p) => p.metadata?.name)).not.toContain('informed');
    } finally {
      await informer.stop();
    }
  });

  it('ends a watch from a compacted resourceVersion with a 410 Expired ERROR event', async () => {
    const list = await core.listNamespacedPod({ namespace: 'shop' });
    const staleRv = list.metadata?.resourceVersion ?? '';
    addPod('after-list');
    api.state.compactHistory();
    const events: Array<{
      type: string;
      object: { code?: number; reason?: string; message?: string };
    }> = [];
    await new Promise<void>((resolve) => {
      void new Watch(kc).watch(
        '/api/v1/namespaces/shop/pods',
        { resourceVersion: staleRv },
        (type, object) => events.push({ type, object }),
        () => resolve(),
      );
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'ERROR', object: { code: 410, reason: 'Expired' } });
    expect(events[0]?.object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  it('turns a pod leaving a label selector into DELETED and sends bookmarks', async () => {
    addPod('labelled', 'shop', { track: 'yes' });
    const rv =
      (await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'track=yes' })).metadata
        ?.resourceVersion ?? '';
    const seen: string[] = [];
    const controller = await new Watch(kc).watch(
      '/api/v1/namespaces/shop/pods',
      { resourceVersion: rv, labelSelector: 'track=yes', allowWatchBookmarks: true },
      (type, obj: { metadata?: { name?: string } }) =>
        seen.push(`${type}:${obj.metadata?.name ?? ''}`),
      () => undefined,
    );
    try {
      const pod = api.state.getPod('shop', 'labelled');
      if (!pod) throw new Error('pod missing');
      api.state.replacePod('shop', 'labelled', {
        ...pod,
        metadata: { ...pod.metadata, labels: { track: 'no' } },
      });
      await until(() =>
        seen.includes('DELETED:labelled') && seen.some((s) => s.startsWith('BOOKMARK'))
          ? true
          : undefined,
      );
    } finally {
      controller.abort();
    }
  });

  it('answers an unknown token with 401 Unauthorized', async () => {
    const bad = new KubeConfig();
    bad.loadFromString(
      (await readFile(api.kubeconfigPath, 'utf8')).replace('admin-token', 'wrong-token'),
    );
    await expect(bad.makeApiClient(CoreV1Api).listNamespace()).rejects.toMatchObject({ code: 401 });
  });

  it('lets an admin flip node readiness over HTTPS, and refuses others', async () => {
    const call = (token: string, body: unknown): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = request(
          `${api.server.url}/_sandbox/faults/setNodeReady`,
          {
            method: 'POST',
            ca: api.server.caPem,
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(body));
      });
    expect(await call('viewer-token', { name: 'sbx-node-b', ready: false })).toBe(403);
    expect(await call('admin-token', { name: 'sbx-node-b', ready: false })).toBe(200);
    const node = await core.readNode({ name: 'sbx-node-b' });
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    expect(node.spec?.taints?.map((t) => t.key)).toContain('node.kubernetes.io/not-ready');
    expect(api.kubelet.nodeReadiness.get('sbx-node-b')).toBe(false);
    api.server.faults.setNodeReady('sbx-node-b', true);
  });

  it('drops every connection while the API is unreachable, then serves again', async () => {
    api.server.faults.makeApiUnreachable(0.5);
    let serving: string[] | undefined;
    const poll = async (): Promise<void> => {
      while (!serving) {
        try {
          serving = (await core.listNamespace()).items.map((n) => n.metadata?.name ?? '');
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const polling = poll();
    await expect(core.listNamespace()).rejects.toThrow();
    const namespaces = await until(() => serving, 10_000);
    expect(namespaces).toContain('shop');
    await polling;
  });
});
