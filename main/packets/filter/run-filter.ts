// Runs a compiled filter over the whole index in slices, yielding between them so a newer
// filter (or any message) can cancel it; returns the matching packets (0-based, ascending).
import type { FieldValue } from '../dissectors/model';
import type { PacketIndex } from '../index/packet-index';
import { ReplayingDissector } from '../index/row-dissector';
import type { CompiledFilter, SlowFields } from './compile';

export interface FilterRun {
  matches: Uint32Array;
  /** Packets looked at before a cancel (all of them when not cancelled). */
  scanned: number;
  cancelled: boolean;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Only packets from this one on (live captures filter what arrived since the last run). */
  from?: number;
  onProgress?: (scanned: number, total: number) => void;
}

const SLICE_FAST = 1 << 18;
const SLICE_SLOW = 1 << 12;

export async function runFilter(
  index: PacketIndex,
  filter: CompiledFilter,
  options: RunOptions = {},
): Promise<FilterRun> {
  const total = index.count;
  let out = new Uint32Array(1024);
  let n = 0;
  const slow = slowFields(index, filter);
  const slice = filter.dissects ? SLICE_SLOW : SLICE_FAST;
  let i = options.from ?? 0;
  while (i < total) {
    if (options.signal?.aborted) return { matches: out.slice(0, n), scanned: i, cancelled: true };
    const end = Math.min(total, i + slice);
    for (; i < end; i++) {
      if (!filter.test(i, slow)) continue;
      if (n === out.length) {
        const bigger = new Uint32Array(out.length * 2);
        bigger.set(out);
        out = bigger;
      }
      out[n++] = i;
    }
    options.onProgress?.(i, total);
    if (i < total) await new Promise<void>((r) => setImmediate(r));
  }
  return { matches: out.slice(0, n), scanned: total, cancelled: false };
}

/** Re-dissects a packet for its fields, at most once per packet within a run. */
function slowFields(index: PacketIndex, filter: CompiledFilter): SlowFields {
  const dissector = new ReplayingDissector(index, {
    tree: false,
    fields: true,
    warm: filter.warmStreams,
    onlyFields: filter.slowFields,
  });
  let last = -1;
  let fields: ReadonlyMap<string, FieldValue[]> = new Map();
  return (i) => {
    if (i !== last) {
      fields = dissector.dissect(i).fields;
      last = i;
    }
    return fields;
  };
}
