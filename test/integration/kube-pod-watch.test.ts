// The pod watch of the core against the sandbox cluster: first list, live changes as small
// batches, server-side selection, recovery from an unreachable API server and from 410 Gone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { recordingConnection, testCore, type RecordingConnection } from './helpers/kube-core';
import { waitUntil } from './helpers/wait';

const SCENARIO_PODS = [
  'kube-system/node-exporter-a',
  'payments/api-0',
  'shop/client-5f6c7-abcde',
  'shop/crashy',
  'shop/dns-probe',
  'shop/web-7d4b9-q7m2p',
  'shop/web-7d4b9-x2x8k',
];

let sandbox: Sandbox;
let core: Core;
let rec: RecordingConnection;

beforeAll(async () => {
  sandbox = await startSandbox();
  core = await testCore(sandbox.kubeconfigPath);
});

afterEach(() => rec?.close());

afterAll(async () => {
  await core?.close();
  await sandbox?.stop();
});

async function watch(namespaces: string[], labelSelector?: string): Promise<string> {
  rec = recordingConnection();
  const { watchId } = await core.handlers['pods.watch'](
    { context: 'sandbox', namespaces, ...(labelSelector ? { labelSelector } : {}) },
    rec.connection,
  );
  await rec.waitForState('synced');
  return watchId;
}

function addVirtualPod(namespace: string, name: string, labels: Record<string, string> = {}): void {
  sandbox.cluster.createPod(
    {
      metadata: { name, namespace, labels },
      spec: { nodeName: 'sbx-node-a', containers: [{ name: 'c', image: 'busybox:1.36' }] },
    },
    { virtual: true },
  );
}

describe('pod watch', () => {
  it('lists every scenario pod over all namespaces, the first batch replacing the rows', async () => {
    await watch([]);
    expect(rec.rowNames()).toEqual(expect.arrayContaining(SCENARIO_PODS));
    expect(rec.batches[0]?.reset).toBe(true);
    expect(rec.batches.slice(1).every((b) => !b.reset)).toBe(true);
    const web = [...rec.rows.values()].find((p) => p.name === 'web-7d4b9-x2x8k');
    expect(web?.owner).toEqual({ kind: 'ReplicaSet', name: 'web-7d4b9' });
    expect(web?.node).toBe('sbx-node-a');
  });

  it('sends an added and a deleted pod as small batches, without re-listing', async () => {
    const watchId = await watch([]);
    const before = rec.batches.length;
    addVirtualPod('shop', 'added-by-test', { app: 'added' });
    await waitUntil('the added pod', () => rec.rowNames().includes('shop/added-by-test'));
    const addedUid = [...rec.rows.values()].find((p) => p.name === 'added-by-test')?.uid;
    sandbox.cluster.deletePod('shop', 'added-by-test', 0);
    await waitUntil('the deleted pod', () => !rec.rowNames().includes('shop/added-by-test'));

    const after = rec.batches.slice(before);
    expect(after.every((b) => !b.reset)).toBe(true);
    // Only the changed pods travel (other pods' status updates may share a batch, never the list).
    const sent = after.flatMap((b) => b.upserted.map((p) => p.name));
    expect(sent).toContain('added-by-test');
    expect(sent.length).toBeLessThan(SCENARIO_PODS.length);
    expect(after.flatMap((b) => b.removed)).toContain(addedUid);
    expect(rec.rowNames()).toEqual(expect.arrayContaining(SCENARIO_PODS));
    await core.handlers['pods.unwatch']({ watchId }, rec.connection);
    expect(rec.states.at(-1)?.state).toBe('stopped');
  });

  it('asks the server for a namespace set and a label selector', async () => {
    await watch(['payments', 'kube-system']);
    expect(rec.rowNames()).toEqual(['kube-system/node-exporter-a', 'payments/api-0']);
    rec.close();

    await watch([], 'app=web');
    expect(rec.rowNames()).toEqual(['shop/web-7d4b9-q7m2p', 'shop/web-7d4b9-x2x8k']);
    // A pod outside the selector never arrives; one inside does.
    addVirtualPod('default', 'not-selected', { app: 'other' });
    addVirtualPod('default', 'selected-later', { app: 'web' });
    await waitUntil('the selected pod', () => rec.rowNames().includes('default/selected-later'));
    expect(rec.rowNames()).not.toContain('default/not-selected');
  });

  it('goes retrying while the API server is unreachable and comes back synced', async () => {
    await watch([]);
    const mark = rec.states.length;
    sandbox.faults.makeApiUnreachable(3);
    const retrying = await rec.waitForState('retrying', mark);
    expect(retrying.error?.code).toBe('CLUSTER_UNREACHABLE');
    expect(retrying.error?.message).toContain(sandbox.url);
    expect(Date.parse(retrying.retryAt ?? '')).toBeGreaterThan(0);
    // Changed while we could not see it: the resumed watch must deliver it.
    addVirtualPod('shop', 'added-while-down');
    await rec.waitForState('synced', mark);
    await waitUntil('the pod added during the outage', () =>
      rec.rowNames().includes('shop/added-while-down'),
    );
    expect(rec.rowNames()).toEqual(expect.arrayContaining(SCENARIO_PODS));
  });

  it('re-lists after 410 Gone and replaces the rows with a reset batch', async () => {
    await watch([]);
    const mark = rec.batches.length;
    addVirtualPod('payments', 'before-compaction');
    await waitUntil('the pod', () => rec.rowNames().includes('payments/before-compaction'));
    // Forget the history, then cut the watch: resuming from our resourceVersion now gets 410.
    // The pod goes while we are cut off, so only a re-list can notice.
    (sandbox.cluster as unknown as { compactHistory(): void }).compactHistory();
    sandbox.faults.makeApiUnreachable(1);
    sandbox.cluster.deletePod('payments', 'before-compaction', 0);
    await waitUntil('a reset batch', () => rec.batches.slice(mark).find((b) => b.reset));
    await waitUntil(
      'the deleted pod gone',
      () => !rec.rowNames().includes('payments/before-compaction'),
    );
    await rec.waitForState('synced', rec.states.length - 1);
    expect(rec.rowNames()).toEqual(expect.arrayContaining(SCENARIO_PODS));
  });

  it('stops every watch of a connection when it closes', async () => {
    await watch(['shop', 'payments']);
    rec.close();
    const count = rec.batches.length;
    addVirtualPod('shop', 'after-close');
    await new Promise((r) => setTimeout(r, 300));
    expect(rec.batches.length).toBe(count);
  });
});

describe('pod details', () => {
  it('shows containers with their IDs, conditions, owner, QoS and events', async () => {
    rec = recordingConnection();
    const details = await core.handlers['pods.details'](
      { context: 'sandbox', namespace: 'payments', name: 'api-0' },
      rec.connection,
    );
    expect(details.summary.name).toBe('api-0');
    expect(details.containers.map((c) => c.name)).toEqual(['api', 'sidecar']);
    expect(details.containers[0]?.containerID).toMatch(/^[a-z-]+:\/\/[0-9a-f]+/);
    expect(details.containers[0]?.ports).toEqual([
      { name: 'http', containerPort: 9090, protocol: 'TCP' },
    ]);
    expect(details.conditions.map((c) => c.type)).toContain('Ready');
    expect(details.owners).toEqual([{ kind: 'StatefulSet', name: 'api', controller: true }]);
    expect(details.qosClass).toBeDefined();
    expect(details.events.map((e) => e.reason)).toContain('Started');
  });

  it('says NOT_FOUND for a pod that does not exist', async () => {
    rec = recordingConnection();
    await expect(
      core.handlers['pods.details'](
        { context: 'sandbox', namespace: 'shop', name: 'no-such-pod' },
        rec.connection,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
