// The message protocol between PacketWorkerClient (any thread: Electron main, CLI, tests) and
// the packet worker. Requests are validated with zod in the worker; the worker's answers are
// typed by the same table, so both ends agree at compile time.
import { z } from 'zod';
import type { PacketDetail, PacketRow, IndexStats } from '../index/rows';
import type { Conversation } from '../flows/conversations';
import type { DnsTransaction } from '../flows/dns-transactions';
import type { FollowedStream } from '../flows/follow-stream';
import type { FilterError } from '../filter/lexer';

export const requestSchemas = {
  open: z.object({ path: z.string().min(1) }),
  liveStart: z.object({}),
  liveAppend: z.object({ bytes: z.instanceof(Uint8Array) }),
  liveEnd: z.object({}),
  rows: z.object({ start: z.number().int().min(0), count: z.number().int().min(0).max(10_000) }),
  detail: z.object({ number: z.number().int().min(1) }),
  filter: z.object({ text: z.string().max(10_000) }),
  validate: z.object({ text: z.string().max(10_000) }),
  peers: z.object({ names: z.record(z.string(), z.string()) }),
  stats: z.object({}),
  conversations: z.object({}),
  dns: z.object({}),
  follow: z.object({ stream: z.number().int().min(0) }),
  close: z.object({}),
} as const;

export type Method = keyof typeof requestSchemas;
export type RequestOf<M extends Method> = z.infer<(typeof requestSchemas)[M]>;

export interface FilterResult {
  /** Packets shown now (all packets when the filter is empty). */
  shown: number;
  total: number;
  ms: number;
}

export interface ResultMap {
  open: IndexStats;
  liveStart: null;
  liveAppend: { packets: number; shown: number };
  liveEnd: IndexStats;
  rows: PacketRow[];
  detail: PacketDetail | null;
  filter: FilterResult;
  validate: FilterError | null;
  peers: null;
  stats: IndexStats;
  conversations: Conversation[];
  dns: DnsTransaction[];
  follow: FollowedStream | null;
  close: null;
}

export const requestEnvelope = z.object({
  id: z.number().int(),
  method: z.enum(Object.keys(requestSchemas) as [Method, ...Method[]]),
  input: z.unknown(),
});

export type ErrorCode = 'BAD_REQUEST' | 'NO_CAPTURE' | 'CANCELLED' | 'BAD_FILTER' | 'FAILED';

export interface WorkerError {
  code: ErrorCode;
  message: string;
  /** BAD_FILTER: the span to underline. */
  start?: number;
  end?: number;
}

export type Reply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: WorkerError };

/** Unsolicited progress while a file is indexed or a filter runs. */
export interface ProgressEvent {
  event: 'progress';
  what: 'open' | 'filter';
  done: number;
  total: number;
}
