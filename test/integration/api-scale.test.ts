// 50,000 objects-only pods: full and chunked lists and a watch from "0" all carry every pod.
import { readFile } from 'node:fs/promises';
import { CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../sandbox/api/testing/harness';

const count = 50_000;
let api: TestApi;
let kc: KubeConfig;

beforeAll(async () => {
  api = await startTestApi();
  for (let i = 0; i < count; i++) {
    api.state.createPod(
      {
        metadata: {
          name: `virt-${i}`,
          namespace: i % 2 ? 'shop' : 'default',
          labels: { app: `a${i % 10}` },
        },
        spec: { nodeName: 'sbx-node-a', containers: [{ name: 'c', image: 'busybox:1.36' }] },
      },
      { virtual: true },
    );
  }
  kc = new KubeConfig();
  kc.loadFromString(await readFile(api.kubeconfigPath, 'utf8'));
});

afterAll(async () => {
  await api?.close();
});

describe('a cluster of 50,000 pods', () => {
  it('lists them whole, in chunks, and by label', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const whole = await core.listPodForAllNamespaces();
    expect(whole.items).toHaveLength(count);
    let chunked = 0;
    let token: string | undefined;
    do {
      const page = await core.listPodForAllNamespaces({
        limit: 5000,
        ...(token ? { _continue: token } : {}),
      });
      chunked += page.items.length;
      token = page.metadata?._continue;
    } while (token);
    expect(chunked).toBe(count);
    const selected = await core.listNamespacedPod({ namespace: 'shop', labelSelector: 'app=a3' });
    expect(selected.items).toHaveLength(count / 10);
    expect(api.kubelet.admitted).toHaveLength(0);
  });

  it('sends every pod as ADDED to a watch from resourceVersion 0', async () => {
    let added = 0;
    await new Promise<void>((resolve) => {
      void new Watch(kc).watch(
        '/api/v1/pods',
        { resourceVersion: '0', timeoutSeconds: 3 },
        (type) => {
          if (type === 'ADDED') added++;
        },
        () => resolve(),
      );
    });
    expect(added).toBe(count);
  });
});
