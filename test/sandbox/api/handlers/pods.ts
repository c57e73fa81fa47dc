// POST/GET/PUT/PATCH/DELETE on pods and GET pods/status.
import type { ObjectMeta, Pod, PodSpec } from '../../contracts';
import type { RequestContext } from '../http/context';
import { readDeleteOptions } from '../http/delete-options';
import { applyPatch } from '../http/patch';
import { readBody, readObject, sendJson } from '../http/respond';
import { sendObject } from '../http/send-object';
import { errors } from '../status';

export function isDryRun(url: URL): boolean {
  return url.searchParams.getAll('dryRun').includes('All');
}

function checkNamespace(body: Record<string, unknown>, namespace: string): void {
  const meta = body['metadata'] as Partial<ObjectMeta> | undefined;
  if (meta?.namespace && meta.namespace !== namespace) {
    throw errors.badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
}

function checkKind(body: Record<string, unknown>, kind: string): void {
  if (body['kind'] !== undefined && body['kind'] !== kind) {
    throw errors.badRequest(
      `${kind} in version "v1" cannot be handled as a ${kind}: the kind "${String(body['kind'])}" does not match "${kind}"`,
    );
  }
}

export async function createPod(ctx: RequestContext): Promise<void> {
  const body = await readObject(ctx.req);
  checkKind(body, 'Pod');
  checkNamespace(body, ctx.info.namespace);
  const metadata = (body['metadata'] ?? {}) as Partial<ObjectMeta>;
  const spec = (body['spec'] ?? { containers: [] }) as PodSpec;
  const { pod, warnings } = ctx.server.state.createPodObject(
    ctx.info.namespace,
    { metadata, spec },
    { dryRun: isDryRun(ctx.url) },
  );
  const headers: Record<string, string[]> = warnings.length
    ? { Warning: warnings.map((w) => `299 - "${w}"`) }
    : {};
  sendJson(ctx.res, 201, pod, headers);
}

export function getPod(ctx: RequestContext): void {
  const pod = ctx.server.state.pods.get(ctx.info.namespace, ctx.info.name);
  if (!pod) throw errors.notFound('pods', ctx.info.name);
  sendObject(ctx, 'pods', pod);
}

export async function deletePod(ctx: RequestContext): Promise<void> {
  const options = await readDeleteOptions(ctx.req, ctx.url);
  const state = ctx.server.state;
  if (options.dryRun) {
    const pod = state.pods.get(ctx.info.namespace, ctx.info.name);
    if (!pod) throw errors.notFound('pods', ctx.info.name);
    sendJson(ctx.res, 200, pod);
    return;
  }
  const pod = state.deletePodObject(
    ctx.info.namespace,
    ctx.info.name,
    options.gracePeriodSeconds,
    options.preconditionUid,
  );
  sendJson(ctx.res, 200, pod);
}

export async function patchPod(ctx: RequestContext): Promise<void> {
  const state = ctx.server.state;
  const current = state.pods.get(ctx.info.namespace, ctx.info.name);
  if (!current) throw errors.notFound('pods', ctx.info.name);
  const body = (await readBody(ctx.req)).toString('utf8');
  const patched = applyPatch(
    current,
    ctx.req.headers['content-type'] ?? '',
    body,
  ) as unknown as Pod;
  const expectedRv =
    patched.metadata?.resourceVersion !== current.metadata.resourceVersion
      ? patched.metadata?.resourceVersion
      : undefined;
  if (isDryRun(ctx.url)) {
    sendJson(ctx.res, 200, {
      ...current,
      metadata: {
        ...current.metadata,
        labels: patched.metadata.labels,
        annotations: patched.metadata.annotations,
      },
    });
    return;
  }
  sendJson(ctx.res, 200, state.replacePod(ctx.info.namespace, ctx.info.name, patched, expectedRv));
}

export async function updatePod(ctx: RequestContext): Promise<void> {
  const body = (await readObject(ctx.req)) as unknown as Pod;
  checkNamespace(body as unknown as Record<string, unknown>, ctx.info.namespace);
  if (body.metadata?.name && body.metadata.name !== ctx.info.name) {
    throw errors.badRequest(
      `the name of the object (${body.metadata.name}) does not match the name on the URL (${ctx.info.name})`,
    );
  }
  if (!body.metadata?.resourceVersion) {
    throw errors.invalid('Pod', ctx.info.name, [
      {
        field: 'metadata.resourceVersion',
        type: 'FieldValueInvalid',
        detail: 'Invalid value: 0x0: must be specified for an update',
      },
    ]);
  }
  sendJson(
    ctx.res,
    200,
    ctx.server.state.replacePod(
      ctx.info.namespace,
      ctx.info.name,
      body,
      body.metadata.resourceVersion,
    ),
  );
}
