// POST/PATCH/PUT/DELETE on namespaces (GET, list and watch are generic).
import type { ObjectMeta } from '../../contracts';
import type { RequestContext } from '../http/context';
import { applyPatch } from '../http/patch';
import { decodeNamespace, isProtobuf } from '../http/protobuf';
import { readBody, readObject, sendJson } from '../http/respond';
import { errors } from '../status';
import { isDryRun } from './pods';

export async function createNamespace(ctx: RequestContext): Promise<void> {
  // `kubectl create namespace` uses a typed client, which speaks protobuf.
  const body = isProtobuf(ctx.req.headers['content-type'])
    ? decodeNamespace(await readBody(ctx.req))
    : await readObject(ctx.req);
  const meta = (body['metadata'] ?? {}) as Partial<ObjectMeta>;
  sendJson(ctx.res, 201, ctx.server.state.createNamespaceObject(meta, isDryRun(ctx.url)));
}

export async function patchNamespace(ctx: RequestContext): Promise<void> {
  const current = ctx.server.state.namespaces.get('', ctx.info.name);
  if (!current) throw errors.notFound('namespaces', ctx.info.name);
  const body = (await readBody(ctx.req)).toString('utf8');
  const patched = applyPatch(current, ctx.req.headers['content-type'] ?? '', body) as {
    metadata: ObjectMeta;
  };
  if (isDryRun(ctx.url)) {
    sendJson(ctx.res, 200, {
      ...current,
      metadata: { ...current.metadata, labels: patched.metadata.labels },
    });
    return;
  }
  sendJson(ctx.res, 200, ctx.server.state.replaceNamespaceMeta(ctx.info.name, patched.metadata));
}

export async function updateNamespace(ctx: RequestContext): Promise<void> {
  const body = (await readObject(ctx.req)) as { metadata?: ObjectMeta };
  const current = ctx.server.state.namespaces.get('', ctx.info.name);
  if (!current) throw errors.notFound('namespaces', ctx.info.name);
  if (
    body.metadata?.resourceVersion &&
    body.metadata.resourceVersion !== current.metadata.resourceVersion
  ) {
    throw errors.conflict(
      'namespaces',
      ctx.info.name,
      'the object has been modified; please apply your changes to the latest version and try again',
    );
  }
  sendJson(
    ctx.res,
    200,
    ctx.server.state.replaceNamespaceMeta(ctx.info.name, body.metadata ?? current.metadata),
  );
}

export function deleteNamespace(ctx: RequestContext): void {
  sendJson(ctx.res, 200, ctx.server.state.deleteNamespace(ctx.info.name));
}
