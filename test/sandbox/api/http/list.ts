// GET on a collection: selectors, limit/continue paging with opaque tokens that expire with the
// watch history (410 as after an etcd compaction), plain lists or Tables, streamed in chunks.
import type { ServerResponse } from 'node:http';
import { printerFor, table, tableRow, type IncludeObject } from '../printers/tables';
import { parseFieldSelector } from '../store/field-selector';
import { parseLabelSelector } from '../store/label-selector';
import type { KubeObject } from '../store/watch-log';
import { errors } from '../status';
import type { RequestContext } from './context';
import { toJson } from './json-cache';
import type { ResourceDef } from './resources';
import { wantsTable } from './respond';

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: [string, string];
}

const expiredMessage =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    ) as Partial<ContinueToken>;
    if (
      parsed.v === 'meta.k8s.io/v1' &&
      typeof parsed.rv === 'number' &&
      Array.isArray(parsed.start)
    )
      return parsed as ContinueToken;
  } catch {
    // fall through
  }
  throw errors.badRequest(
    'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
  );
}

const encodeContinue = (t: ContinueToken): string =>
  Buffer.from(JSON.stringify(t)).toString('base64url');

const keyOf = (o: KubeObject): [string, string] => [o.metadata.namespace ?? '', o.metadata.name];
const before = (a: [string, string], b: [string, string]): boolean =>
  a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/** Lists come sorted by (namespace, name): binary-search where a continue token resumes. */
function firstAtOrAfter(all: KubeObject[], start: [string, string]): number {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const obj = all[mid];
    if (obj && before(keyOf(obj), start)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function selectorsOf(ctx: RequestContext, def: ResourceDef): (o: KubeObject) => boolean {
  const labels = parseLabelSelector(ctx.url.searchParams.get('labelSelector') ?? undefined);
  const fields = parseFieldSelector(
    ctx.url.searchParams.get('fieldSelector') ?? undefined,
    def.fields,
  );
  return (o) => labels(o.metadata.labels) && fields(o);
}

export function includeObjectOf(url: URL): IncludeObject {
  const v = url.searchParams.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

export function handleList(ctx: RequestContext, def: ResourceDef): void {
  const { url, server } = ctx;
  const matches = selectorsOf(ctx, def);
  const limit = Number(url.searchParams.get('limit') ?? '0');
  const cont = url.searchParams.get('continue');
  const log = server.state.log;
  let listRv = log.currentRv;
  let start: [string, string] | undefined;
  if (cont) {
    const token = decodeContinue(cont);
    if (token.rv < log.compactedRv) throw errors.expired(expiredMessage);
    listRv = token.rv;
    start = token.start;
  }
  const all = def
    .store(server.state)
    .list(def.namespaced && ctx.info.namespace ? ctx.info.namespace : undefined);
  const selected: KubeObject[] = [];
  let next: ContinueToken | undefined;
  let remaining = 0;
  for (let i = start ? firstAtOrAfter(all, start) : 0; i < all.length; i++) {
    const obj = all[i];
    if (!obj || !matches(obj)) continue;
    if (limit > 0 && selected.length >= limit) {
      if (!next) {
        const [ns, name] = keyOf(obj);
        next = { v: 'meta.k8s.io/v1', rv: listRv, start: [ns, name] };
      }
      remaining++;
      continue;
    }
    selected.push(obj);
  }
  const listMeta: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (next) {
    listMeta['continue'] = encodeContinue(next);
    listMeta['remainingItemCount'] = remaining;
  }
  if (wantsTable(ctx.req)) {
    const printer = printerFor(def.name);
    const now = server.state.now();
    const include = includeObjectOf(url);
    writeChunked(
      ctx.res,
      JSON.stringify(table(printer, [], listMeta)).replace(/"rows":\[\]\}$/, '"rows":['),
      selected,
      (o) => JSON.stringify(tableRow(printer, o, now, include)),
      ']}',
    );
    return;
  }
  const head = `{"kind":"${def.listKind}","apiVersion":"v1","metadata":${JSON.stringify(listMeta)},"items":[`;
  writeChunked(ctx.res, head, selected, toJson, ']}');
}

/** Writes `head item,item,... tail` in ~256 KiB chunks, honouring backpressure. */
function writeChunked(
  res: ServerResponse,
  head: string,
  items: KubeObject[],
  encode: (o: KubeObject) => string,
  tail: string,
): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' });
  let i = 0;
  let buffer = head;
  const pump = (): void => {
    while (i < items.length) {
      const item = items[i];
      buffer += (i > 0 ? ',' : '') + (item ? encode(item) : 'null');
      i++;
      if (buffer.length >= 256 * 1024) {
        const ok = res.write(buffer);
        buffer = '';
        if (!ok) {
          res.once('drain', pump);
          return;
        }
      }
    }
    res.end(buffer + tail);
  };
  pump();
}
