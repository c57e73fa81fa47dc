// Coalesces pod changes into pods.batch events: one entry per uid (the latest wins), flushed
// at most every `intervalMs` (the first change after a quiet period goes out at once, for fast
// first rows) or as soon as `maxItems` are pending. A reset (after a re-list) replaces
// whatever is pending and goes out as `reset: true` followed by plain upserts if it is big.
import type { PodBatch, PodSummary } from '../../api/contract/index';

export interface BatcherOptions {
  intervalMs: number;
  maxItems: number;
}

export const DEFAULT_BATCHING: BatcherOptions = { intervalMs: 50, maxItems: 2000 };

type Change = PodSummary | 'removed';

export class PodBatcher {
  private pending = new Map<string, Change>();
  // The first batch of a watch always replaces: the renderer may hold rows of an older watch.
  private resetPending = true;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private lastFlushAt = 0;
  private closed = false;

  constructor(
    private readonly emit: (batch: Omit<PodBatch, 'watchId'>) => void,
    private readonly options: BatcherOptions = DEFAULT_BATCHING,
  ) {}

  upsert(pod: PodSummary): void {
    this.pending.set(pod.uid, pod);
    this.changed();
  }

  remove(uid: string): void {
    this.pending.set(uid, 'removed');
    this.changed();
  }

  /** The whole set changed (a re-list): the next batch replaces the renderer's rows. */
  reset(pods: Iterable<PodSummary>): void {
    this.pending.clear();
    this.resetPending = true;
    for (const pod of pods) this.pending.set(pod.uid, pod);
    this.changed();
  }

  /** Sends what is pending now (also an empty reset), e.g. before a state change. */
  flush(): void {
    this.cancelTimers();
    if (this.closed || (this.pending.size === 0 && !this.resetPending)) return;
    this.lastFlushAt = Date.now();
    const entries = [...this.pending];
    this.pending.clear();
    let first = true;
    // Big resets go out in slices, back to back: no one event carries 50k pods.
    for (let i = 0; i < entries.length || first; i += this.options.maxItems) {
      const upserted: PodSummary[] = [];
      const removed: string[] = [];
      for (const [uid, change] of entries.slice(i, i + this.options.maxItems)) {
        if (change === 'removed') removed.push(uid);
        else upserted.push(change);
      }
      this.emit({ reset: first && this.resetPending, upserted, removed });
      first = false;
    }
    this.resetPending = false;
  }

  close(): void {
    this.closed = true;
    this.cancelTimers();
    this.pending.clear();
  }

  private changed(): void {
    if (this.closed) return;
    if (this.pending.size >= this.options.maxItems) {
      this.flush();
      return;
    }
    if (this.timer || this.immediate) return;
    const wait = this.lastFlushAt + this.options.intervalMs - Date.now();
    // setImmediate, not a synchronous flush: a burst of events read from one chunk of the
    // stream still lands in one batch.
    if (wait <= 0) this.immediate = setImmediate(() => this.flush());
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private cancelTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }
}
