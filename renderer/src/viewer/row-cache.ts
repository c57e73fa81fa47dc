// Block cache of packet rows: the table asks for the rows it shows, the cache fetches the
// 200-row pages that hold them (each once), keeps the most recent pages and forgets the rest, so
// a million-packet capture costs a few hundred rows of memory, like Wireshark's frame index.
import { useSyncExternalStore } from 'react';
import type { PacketRowView } from '../../../main/api/contract';
import { client } from '../client/current-client';

export const PAGE = 200;
const KEEP_PAGES = 40;

type Page = PacketRowView[] | 'loading';

class RowCache {
  private pages = new Map<number, Page>();
  private viewId = '';
  private generation = -1;
  private version = 0;
  private readonly listeners = new Set<() => void>();

  /**
   * Forget everything: a new capture or filter changed what row i is. Called while the table
   * renders with the new generation, so it notifies nobody (that render already reads the cache).
   */
  reset(viewId: string, generation: number): void {
    if (viewId === this.viewId && generation === this.generation) return;
    this.viewId = viewId;
    this.generation = generation;
    this.pages.clear();
  }

  get(index: number): PacketRowView | undefined {
    const page = this.pages.get(Math.floor(index / PAGE));
    return page && page !== 'loading' ? page[index % PAGE] : undefined;
  }

  /** Make sure rows [first, last] are loaded or on their way. */
  want(first: number, last: number): void {
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) this.load(p);
  }

  private load(page: number): void {
    const had = this.pages.get(page);
    if (had) {
      // Refresh its place in the LRU order (a Map iterates in insertion order).
      this.pages.delete(page);
      this.pages.set(page, had);
      return;
    }
    const { viewId, generation } = this;
    if (!viewId) return;
    this.pages.set(page, 'loading');
    void client()
      .call('packets.rows', { viewId, start: page * PAGE, count: PAGE })
      .then(
        ({ rows }) => {
          if (viewId !== this.viewId || generation !== this.generation) return;
          this.pages.set(page, rows);
          this.evict();
          this.bump();
        },
        () => {
          if (generation === this.generation) this.pages.delete(page);
        },
      );
  }

  private evict(): void {
    while (this.pages.size > KEEP_PAGES) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.pages.delete(oldest);
    }
  }

  private bump(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  snapshot = (): number => this.version;
}

export const rowCache = new RowCache();

/** Re-renders the caller when pages arrive. */
export function useRowCacheVersion(): number {
  return useSyncExternalStore(rowCache.subscribe, rowCache.snapshot);
}
