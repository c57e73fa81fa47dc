// What the worker does for each request, as a plain class (tests drive it without a thread).
// One capture at a time; a new filter cancels the one still running.
import type { PacketIndex } from '../index/packet-index';
import { LiveCaptureIndex, openCaptureFile } from '../index/open-capture';
import { buildConversations } from '../flows/conversations';
import { buildDnsTransactions } from '../flows/dns-transactions';
import { followTcpStream } from '../flows/follow-stream';
import { compileFilter, validateFilter } from '../filter/compile';
import type { CompiledFilter } from '../filter/compile';
import { runFilter } from '../filter/run-filter';
import type { IndexStats } from '../index/rows';
import type { Method, ProgressEvent, Reply, RequestOf, ResultMap, WorkerError } from './protocol';
import { requestEnvelope, requestSchemas } from './protocol';

class RequestError extends Error {
  constructor(readonly error: WorkerError) {
    super(error.message);
  }
}

export class PacketService {
  private index: PacketIndex | undefined;
  private live: LiveCaptureIndex | undefined;
  /** Packets shown (a filter's matches), or undefined for all packets. */
  private view: Uint32Array | undefined;
  private filter: CompiledFilter | undefined;
  private running: AbortController | undefined;

  constructor(private readonly emit: (event: ProgressEvent) => void = () => undefined) {}

  async handle(message: unknown): Promise<Reply> {
    const envelope = requestEnvelope.safeParse(message);
    if (!envelope.success) {
      const id =
        typeof message === 'object' && message && 'id' in message ? Number(message.id) : -1;
      return { id, ok: false, error: { code: 'BAD_REQUEST', message: envelope.error.message } };
    }
    const { id, method, input } = envelope.data;
    const parsed = requestSchemas[method].safeParse(input);
    if (!parsed.success) {
      return {
        id,
        ok: false,
        error: { code: 'BAD_REQUEST', message: `${method}: ${parsed.error.message}` },
      };
    }
    try {
      const result = await this.dispatch(method, parsed.data);
      return { id, ok: true, result };
    } catch (e) {
      if (e instanceof RequestError) return { id, ok: false, error: e.error };
      return {
        id,
        ok: false,
        error: { code: 'FAILED', message: e instanceof Error ? e.message : String(e) },
      };
    }
  }

  private async dispatch<M extends Method>(
    method: M,
    input: RequestOf<Method>,
  ): Promise<ResultMap[M]> {
    const run = this.handlers[method] as (
      input: RequestOf<Method>,
    ) => Promise<ResultMap[M]> | ResultMap[M];
    return run(input);
  }

  private readonly handlers: {
    [M in Method]: (input: RequestOf<M>) => Promise<ResultMap[M]> | ResultMap[M];
  } = {
    open: async ({ path }) => {
      this.reset();
      this.index = await openCaptureFile(path, {
        onProgress: (packets, bytes) =>
          this.emit({ event: 'progress', what: 'open', done: bytes, total: packets }),
      });
      return this.stats();
    },
    liveStart: () => {
      this.reset();
      this.live = new LiveCaptureIndex();
      this.index = this.live;
      return null;
    },
    liveAppend: async ({ bytes }) => {
      const live = this.live;
      if (!live)
        throw new RequestError({
          code: 'NO_CAPTURE',
          message: 'no live capture: send liveStart first',
        });
      const before = live.count;
      live.append(bytes);
      if (this.filter && this.view) {
        // Filter only the packets that just arrived, and extend the view.
        const more = await runFilter(live, this.filter, { from: before });
        const merged = new Uint32Array(this.view.length + more.matches.length);
        merged.set(this.view);
        merged.set(more.matches, this.view.length);
        this.view = merged;
      }
      return { packets: live.count, shown: this.view ? this.view.length : live.count };
    },
    liveEnd: () => {
      this.live?.end();
      return this.stats();
    },
    rows: ({ start, count }) => this.need().rows(start, count, this.view),
    detail: ({ number }) => this.need().detail(number) ?? null,
    filter: async ({ text }) => {
      const index = this.need();
      this.running?.abort();
      const started = performance.now();
      if (text.trim() === '') {
        this.running = undefined;
        this.filter = undefined;
        this.view = undefined;
        return { shown: index.count, total: index.count, ms: 0 };
      }
      const compiled = compileFilter(text, index);
      if (!compiled.ok) throw new RequestError({ code: 'BAD_FILTER', ...compiled.error });
      const controller = new AbortController();
      this.running = controller;
      const run = await runFilter(index, compiled.filter, {
        signal: controller.signal,
        onProgress: (done, total) => this.emit({ event: 'progress', what: 'filter', done, total }),
      });
      if (run.cancelled)
        throw new RequestError({
          code: 'CANCELLED',
          message: `filter "${text}" was replaced by a newer one`,
        });
      this.running = undefined;
      this.filter = compiled.filter;
      this.view = run.matches;
      return { shown: run.matches.length, total: index.count, ms: performance.now() - started };
    },
    validate: ({ text }) => (this.index ? (validateFilter(text, this.index) ?? null) : null),
    peers: ({ names }) => {
      const index = this.need();
      index.peerNames = new Map(Object.entries(names));
      return null;
    },
    stats: () => this.stats(),
    conversations: () => buildConversations(this.need()),
    dns: () => buildDnsTransactions(this.need()),
    follow: ({ stream }) => followTcpStream(this.need(), stream) ?? null,
    close: () => {
      this.reset();
      return null;
    },
  };

  private need(): PacketIndex {
    if (!this.index)
      throw new RequestError({
        code: 'NO_CAPTURE',
        message: 'no capture open: send open or liveStart first',
      });
    return this.index;
  }

  private reset(): void {
    this.running?.abort();
    this.running = undefined;
    this.index?.close();
    this.index = undefined;
    this.live = undefined;
    this.view = undefined;
    this.filter = undefined;
  }

  private stats(): IndexStats {
    const index = this.need();
    const c = index.columns;
    const n = index.count;
    return {
      packets: n,
      interfaces: index.interfaces.map((i) => i.name),
      ...(n > 0 && {
        firstEpoch: (c.tsSec[0] ?? 0) + (c.tsNsec[0] ?? 0) / 1e9,
        lastEpoch: (c.tsSec[n - 1] ?? 0) + (c.tsNsec[n - 1] ?? 0) / 1e9,
      }),
      tcpStreams: index.streams.tcpCount,
      udpStreams: index.streams.udpCount,
      issues: index.issues.length,
    };
  }
}
