// 10k objects-only pods: listed in pages with progress, sent in bounded batches, all arriving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { addVirtualPods } from '../sandbox/seed';
import { recordingConnection, testCore } from './helpers/kube-core';

const VIRTUAL = 10_000;
let sandbox: Sandbox;
let core: Core;

beforeAll(async () => {
  sandbox = await startSandbox();
  addVirtualPods(
    sandbox.cluster,
    { count: VIRTUAL, namespaces: ['default', 'shop', 'payments', 'kube-system'], namePrefix: 'v' },
    sandbox.nodes,
  );
  core = await testCore(sandbox.kubeconfigPath);
});

afterAll(async () => {
  await core?.close();
  await sandbox?.stop();
});

describe('a big cluster', () => {
  it('lists 10k pods in chunks, reporting progress, in batches of at most 2000', async () => {
    const rec = recordingConnection();
    try {
      await core.handlers['pods.watch']({ context: 'sandbox', namespaces: [] }, rec.connection);
      const synced = await rec.waitForState('synced', 0, 60_000);
      const total = rec.rows.size;
      expect(total).toBeGreaterThanOrEqual(VIRTUAL);
      expect(synced.loaded).toBe(total);
      // Progress: one `listing` state per page of 500, counting up.
      const progress = rec.states.filter((s) => s.state === 'listing').map((s) => s.loaded);
      expect(progress.length).toBeGreaterThanOrEqual(VIRTUAL / 500);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress).toContain(500);
      // Rows arrive while listing: the first batch is one page, not the whole cluster.
      expect(rec.batches[0]?.reset).toBe(true);
      expect(rec.batches[0]?.upserted.length).toBeLessThanOrEqual(2000);
      expect(rec.batches.every((b) => b.upserted.length + b.removed.length <= 2000)).toBe(true);
      expect(rec.batches.filter((b) => b.reset)).toHaveLength(1);
    } finally {
      rec.close();
    }
  });

  it('lists the chosen namespaces of a big cluster in per-namespace scopes', async () => {
    const rec = recordingConnection();
    try {
      await core.handlers['pods.watch'](
        { context: 'sandbox', namespaces: ['shop', 'payments'] },
        rec.connection,
      );
      await rec.waitForState('synced', 0, 60_000);
      const namespaces = new Set([...rec.rows.values()].map((p) => p.namespace));
      expect([...namespaces].sort()).toEqual(['payments', 'shop']);
      expect(rec.rows.size).toBeGreaterThanOrEqual(VIRTUAL / 2);
    } finally {
      rec.close();
    }
  });
});
