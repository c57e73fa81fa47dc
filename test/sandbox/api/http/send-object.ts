// A single object in answer to GET: as JSON, or as a one-row Table when kubectl asks for one.
import { printerFor, table, tableRow } from '../printers/tables';
import type { KubeObject } from '../store/watch-log';
import type { RequestContext } from './context';
import { includeObjectOf } from './list';
import { sendJson, wantsTable } from './respond';

export function sendObject(ctx: RequestContext, resource: string, obj: KubeObject): void {
  if (!wantsTable(ctx.req)) return sendJson(ctx.res, 200, obj);
  const printer = printerFor(resource);
  const row = tableRow(printer, obj, ctx.server.state.now(), includeObjectOf(ctx.url));
  sendJson(ctx.res, 200, table(printer, [row], { resourceVersion: obj.metadata.resourceVersion }));
}
