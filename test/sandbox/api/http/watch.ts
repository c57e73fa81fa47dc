// GET ?watch=1: newline-delimited watch events from a resourceVersion, as a real watch cache
// serves them: "" and "0" start with synthetic ADDED events, an expired version gets one ERROR
// event (410 Expired), selectors turn an object leaving them into DELETED, optional BOOKMARKs,
// timeoutSeconds, and Tables for kubectl's `get -w`.
import { printerFor, table, tableRow } from '../printers/tables';
import type { KubeObject, StoredEvent, WatchEventType } from '../store/watch-log';
import { statusBody } from '../status';
import { errors } from '../status';
import type { RequestContext } from './context';
import { includeObjectOf, selectorsOf } from './list';
import { toJson } from './json-cache';
import type { ResourceDef } from './resources';
import { queryFlag, wantsTable } from './respond';

/** A watcher this far behind is dropped, as the real server drops watchers that cannot keep up. */
const maxBufferedBytes = 64 * 1024 * 1024;

export function handleWatch(ctx: RequestContext, def: ResourceDef): void {
  const { url, server, res, req } = ctx;
  const selected = selectorsOf(ctx, def);
  const namespace = def.namespaced ? ctx.info.namespace : '';
  const name = ctx.info.name;
  const matches = (o: KubeObject): boolean =>
    (!namespace || o.metadata.namespace === namespace) &&
    (!name || o.metadata.name === name) &&
    selected(o);
  const rvParam = url.searchParams.get('resourceVersion') ?? '';
  const sendInitial = queryFlag(url, 'sendInitialEvents');
  const bookmarks = queryFlag(url, 'allowWatchBookmarks');
  const asTable = wantsTable(req);
  const printer = printerFor(def.name);
  const include = includeObjectOf(url);
  const log = server.state.log;

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();

  const write = (
    type: WatchEventType | 'BOOKMARK' | 'ERROR',
    object: object,
    raw?: string,
  ): void => {
    if (res.destroyed || res.writableEnded) return;
    let payload = raw;
    if (payload === undefined) {
      if (asTable && (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED')) {
        const listMeta = { resourceVersion: (object as KubeObject).metadata.resourceVersion };
        payload = JSON.stringify(
          table(
            printer,
            [tableRow(printer, object as KubeObject, server.state.now(), include)],
            listMeta,
          ),
        );
      } else payload = JSON.stringify(object);
    }
    res.write(`{"type":"${type}","object":${payload}}\n`);
    if (res.writableLength > maxBufferedBytes) res.destroy();
  };
  const writeObject = (type: WatchEventType, o: KubeObject): void =>
    write(type, o, asTable ? undefined : toJson(o));

  const bookmark = (rv: number, initialEnd = false): void => {
    const metadata: Record<string, unknown> = {
      resourceVersion: String(rv),
      creationTimestamp: null,
    };
    if (initialEnd) metadata['annotations'] = { 'k8s.io/initial-events-end': 'true' };
    write('BOOKMARK', { kind: def.kind, apiVersion: 'v1', metadata });
  };

  const deliver = (e: StoredEvent): void => {
    const now = matches(e.object);
    const before = e.prev ? matches(e.prev) : false;
    if (e.type === 'ADDED') {
      if (now) writeObject('ADDED', e.object);
    } else if (e.type === 'DELETED') {
      if (before || now) writeObject('DELETED', e.object);
    } else if (now && before) writeObject('MODIFIED', e.object);
    else if (now) writeObject('ADDED', e.object);
    else if (before && e.prev) {
      writeObject('DELETED', {
        ...e.prev,
        metadata: { ...e.prev.metadata, resourceVersion: String(e.rv) },
      });
    }
  };

  let backlog: StoredEvent[] = [];
  const startRv = log.currentRv;
  if (rvParam === '' || rvParam === '0' || sendInitial) {
    for (const o of def.store(server.state).list(namespace || undefined))
      if (matches(o)) writeObject('ADDED', o);
    if (sendInitial && bookmarks) bookmark(startRv, true);
  } else {
    const from = Number(rvParam);
    const events = Number.isInteger(from) && from >= 0 ? log.since(def.name, from) : undefined;
    if (!Number.isInteger(from)) {
      write('ERROR', statusBody(errors.badRequest(`invalid resource version: ${rvParam}`)));
      res.end();
      return;
    }
    if (!events) {
      const expired = errors.expired(
        `too old resource version: ${from} (${log.oldestAvailableRv(def.name)})`,
      );
      write('ERROR', statusBody(expired));
      res.end();
      return;
    }
    backlog = events;
  }
  for (const e of backlog) deliver(e);

  const unsubscribe = log.subscribe(def.name, deliver);
  const timers: NodeJS.Timeout[] = [];
  const timeout = Number(url.searchParams.get('timeoutSeconds') ?? '0');
  const limitMs = timeout > 0 ? timeout * 1000 : (1800 + Math.random() * 1800) * 1000;
  timers.push(setTimeout(() => res.end(), limitMs));
  if (bookmarks) timers.push(setInterval(() => bookmark(log.currentRv), server.bookmarkIntervalMs));
  const stop = (): void => {
    unsubscribe();
    timers.forEach((t) => clearTimeout(t));
  };
  res.on('close', stop);
  req.on('close', stop);
}
