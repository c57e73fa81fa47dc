// One resource-version counter for the whole cluster (as etcd's revision) and a bounded history of
// changes per resource, so watches can resume from a resourceVersion until it falls out of the
// window, after which they get 410 "too old resource version" as from a real watch cache.
import type { ObjectMeta } from '../../contracts';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEvent {
  rv: number;
  type: WatchEventType;
  object: KubeObject;
  /** The object before this change (MODIFIED and DELETED): lets a selector see an object leave. */
  prev?: KubeObject;
}

type Listener = (event: StoredEvent) => void;

class History {
  private ring: Array<StoredEvent | undefined>;
  private start = 0;
  private size = 0;
  /** Highest resourceVersion whose event was dropped: watches must start at or after it. */
  compactedRv = 0;
  readonly listeners = new Set<Listener>();

  constructor(private readonly capacity: number) {
    this.ring = new Array<StoredEvent | undefined>(capacity);
  }

  push(event: StoredEvent): void {
    if (this.size === this.capacity) {
      const dropped = this.ring[this.start];
      if (dropped) this.compactedRv = dropped.rv;
      this.ring[this.start] = event;
      this.start = (this.start + 1) % this.capacity;
    } else {
      this.ring[(this.start + this.size) % this.capacity] = event;
      this.size++;
    }
  }

  /** Events after `rv`, oldest first. */
  since(rv: number): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (let i = 0; i < this.size; i++) {
      const e = this.ring[(this.start + i) % this.capacity];
      if (e && e.rv > rv) out.push(e);
    }
    return out;
  }

  clear(currentRv: number): void {
    this.ring = new Array<StoredEvent | undefined>(this.capacity);
    this.start = 0;
    this.size = 0;
    this.compactedRv = currentRv;
  }
}

export class WatchLog {
  private rv = 1;
  private readonly histories = new Map<string, History>();

  constructor(private readonly capacity = 5000) {}

  get currentRv(): number {
    return this.rv;
  }

  nextRv(): number {
    return ++this.rv;
  }

  private history(resource: string): History {
    let h = this.histories.get(resource);
    if (!h) {
      h = new History(this.capacity);
      this.histories.set(resource, h);
    }
    return h;
  }

  append(resource: string, event: StoredEvent): void {
    const h = this.history(resource);
    h.push(event);
    for (const listener of h.listeners) listener(event);
  }

  /** Events of `resource` after `rv`, or undefined when some of them were already compacted. */
  since(resource: string, rv: number): StoredEvent[] | undefined {
    const h = this.history(resource);
    if (rv < h.compactedRv) return undefined;
    return h.since(rv);
  }

  oldestAvailableRv(resource: string): number {
    return this.history(resource).compactedRv + 1;
  }

  subscribe(resource: string, listener: Listener): () => void {
    const h = this.history(resource);
    h.listeners.add(listener);
    return () => h.listeners.delete(listener);
  }

  /** Forget all history (as an etcd compaction): older watches and continue tokens expire. */
  compact(): void {
    // A new revision marks the compaction, so everything issued before it expires.
    const at = this.nextRv();
    for (const h of this.histories.values()) h.clear(at);
  }

  /** Lowest resourceVersion a continue token may carry. */
  get compactedRv(): number {
    let max = 0;
    for (const h of this.histories.values()) max = Math.max(max, h.compactedRv);
    return max;
  }
}
