// POST/DELETE on services (ClusterIP only).
import type { ServicePort } from '../../contracts';
import type { RequestContext } from '../http/context';
import { readObject, sendJson } from '../http/respond';
import { errors } from '../status';

export async function createService(ctx: RequestContext): Promise<void> {
  const body = await readObject(ctx.req);
  const meta = (body['metadata'] ?? {}) as { name?: string };
  const spec = (body['spec'] ?? {}) as {
    selector?: Record<string, string>;
    ports?: ServicePort[];
    clusterIP?: string;
    type?: string;
  };
  if (spec.type && spec.type !== 'ClusterIP')
    throw errors.badRequest(`the sandbox serves only ClusterIP services, not ${spec.type}`);
  if (!meta.name)
    throw errors.invalid('Service', '', [
      {
        field: 'metadata.name',
        type: 'FieldValueRequired',
        detail: 'Required value: name or generateName is required',
      },
    ]);
  if (!spec.ports?.length)
    throw errors.invalid('Service', meta.name, [
      { field: 'spec.ports', type: 'FieldValueRequired', detail: 'Required value' },
    ]);
  const svc = ctx.server.state.createService({
    name: meta.name,
    namespace: ctx.info.namespace,
    selector: spec.selector ?? {},
    ports: spec.ports,
    ...(spec.clusterIP && spec.clusterIP !== 'None' ? { clusterIP: spec.clusterIP } : {}),
  });
  sendJson(ctx.res, 201, svc);
}

export function deleteService(ctx: RequestContext): void {
  sendJson(ctx.res, 200, ctx.server.state.deleteService(ctx.info.namespace, ctx.info.name));
}
