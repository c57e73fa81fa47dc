// authorization.k8s.io/v1 SelfSubjectAccessReview (`kubectl auth can-i`) and
// SelfSubjectRulesReview (`kubectl auth can-i --list`), answered from the caller's own rules.
import type { RequestContext } from '../http/context';
import { allows, allowsNonResource } from '../http/rbac';
import { decodeReview, isProtobuf } from '../http/protobuf';
import { readBody, readObject, sendJson } from '../http/respond';
import { errors } from '../status';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

/** JSON, or protobuf as kubectl's typed authorization client sends it. */
async function readReview(ctx: RequestContext): Promise<Record<string, unknown>> {
  if (isProtobuf(ctx.req.headers['content-type'])) {
    return decodeReview(await readBody(ctx.req));
  }
  return readObject(ctx.req);
}

export async function createAccessReview(ctx: RequestContext): Promise<void> {
  const body = await readReview(ctx);
  const spec = (body['spec'] ?? {}) as {
    resourceAttributes?: ResourceAttributes;
    nonResourceAttributes?: { path?: string; verb?: string };
  };
  let allowed: boolean;
  if (spec.resourceAttributes) {
    const a = spec.resourceAttributes;
    allowed = allows(ctx.user, {
      verb: a.verb ?? '',
      apiGroup: a.group ?? '',
      resource: a.resource ?? '',
      subresource: a.subresource ?? '',
      namespace: a.namespace ?? '',
      name: a.name ?? '',
    });
  } else if (spec.nonResourceAttributes) {
    allowed =
      ctx.user.groups.includes('system:masters') ||
      allowsNonResource(ctx.user, spec.nonResourceAttributes.verb ?? '');
  } else {
    throw errors.invalid(
      'SelfSubjectAccessReview',
      '',
      [
        {
          field: 'spec.resourceAttributes',
          type: 'FieldValueInvalid',
          detail:
            'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
        },
      ],
      'authorization.k8s.io',
    );
  }
  const status: Record<string, unknown> = { allowed };
  if (allowed) status['reason'] = `RBAC: allowed by the sandbox rules of User "${ctx.user.name}"`;
  sendJson(ctx.res, 201, {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status,
  });
}

export async function createRulesReview(ctx: RequestContext): Promise<void> {
  const body = await readReview(ctx);
  const namespace = ((body['spec'] ?? {}) as { namespace?: string }).namespace ?? '';
  const own = ctx.user.groups.includes('system:masters')
    ? [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]
    : ctx.user.rules
        .filter((r) => !r.namespaces || r.namespaces.includes(namespace))
        .map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources }));
  sendJson(ctx.res, 201, {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: { namespace },
    status: {
      resourceRules: [
        {
          verbs: ['create'],
          apiGroups: ['authorization.k8s.io'],
          resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
        },
        ...own,
      ],
      nonResourceRules: [
        {
          verbs: ['get'],
          nonResourceURLs: [
            '/api',
            '/api/*',
            '/apis',
            '/apis/*',
            '/healthz',
            '/livez',
            '/openapi',
            '/openapi/*',
            '/readyz',
            '/version',
            '/version/',
          ],
        },
      ],
      incomplete: false,
    },
  });
}
