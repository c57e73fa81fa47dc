// pods.batch coalescing: one entry per pod, bounded size and rate, resets that replace.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PodBatch, PodSummary } from '../../main/api/contract/index';
import { PodBatcher } from '../../main/kube/pods/batcher';
import { Backoff } from '../../main/kube/pods/backoff';

type Batch = Omit<PodBatch, 'watchId'>;

function summary(uid: string, status = 'Running'): PodSummary {
  return {
    uid,
    namespace: 'ns',
    name: uid,
    status,
    phase: 'Running',
    readyContainers: 1,
    totalContainers: 1,
    restarts: 0,
    createdAt: '2024-01-01T00:00:00Z',
    hostNetwork: false,
    labels: {},
    deleting: false,
  };
}

afterEach(() => vi.useRealTimers());

describe('pod batcher', () => {
  it('keeps only the latest change of each pod and starts with a reset', () => {
    const out: Batch[] = [];
    const b = new PodBatcher((x) => out.push(x), { intervalMs: 50, maxItems: 2000 });
    b.upsert(summary('a', 'Pending'));
    b.upsert(summary('a', 'Running'));
    b.upsert(summary('b'));
    b.remove('b');
    b.flush();
    expect(out).toEqual([{ reset: true, upserted: [summary('a', 'Running')], removed: ['b'] }]);
    b.upsert(summary('c'));
    b.flush();
    expect(out[1]?.reset).toBe(false);
  });

  it('sends an empty reset when the first list is empty', () => {
    const out: Batch[] = [];
    new PodBatcher((x) => out.push(x)).flush();
    expect(out).toEqual([{ reset: true, upserted: [], removed: [] }]);
  });

  it('flushes at once when maxItems are pending, in slices, the reset first', () => {
    const out: Batch[] = [];
    const b = new PodBatcher((x) => out.push(x), { intervalMs: 50, maxItems: 3 });
    b.reset(['a', 'b', 'c', 'd', 'e'].map((u) => summary(u)));
    expect(out.map((x) => [x.reset, x.upserted.length])).toEqual([
      [true, 3],
      [false, 2],
    ]);
  });

  it('flushes the first change soon and later ones at most every interval', async () => {
    vi.useFakeTimers();
    const out: Batch[] = [];
    const b = new PodBatcher((x) => out.push(x), { intervalMs: 50, maxItems: 2000 });
    b.upsert(summary('a'));
    await vi.advanceTimersByTimeAsync(1);
    expect(out).toHaveLength(1);
    b.upsert(summary('b'));
    b.upsert(summary('c'));
    await vi.advanceTimersByTimeAsync(20);
    expect(out).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(40);
    expect(out).toHaveLength(2);
    expect(out[1]?.upserted.map((p) => p.uid)).toEqual(['b', 'c']);
    b.close();
  });

  it('emits nothing after close', () => {
    const out: Batch[] = [];
    const b = new PodBatcher((x) => out.push(x));
    b.close();
    b.upsert(summary('a'));
    b.flush();
    expect(out).toEqual([]);
  });
});

describe('backoff', () => {
  it('grows exponentially to its cap, with jitter, and resets', () => {
    const policy = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.5 };
    const noJitter = new Backoff(policy, () => 0);
    expect([1, 2, 3, 4, 5, 6].map(() => noJitter.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
    noJitter.reset();
    expect(noJitter.next()).toBe(100);
    const fullJitter = new Backoff(policy, () => 1);
    expect(fullJitter.next()).toBe(50);
  });
});
