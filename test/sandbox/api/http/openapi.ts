// Just enough OpenAPI v3 for kubectl: its create/apply validation asks whether the server
// supports server-side field validation (the `fieldValidation` parameter on each kind's PATCH);
// saying yes lets kubectl skip client-side schema validation and send fieldValidation=Strict.
// Schemas are not served, so strategic merge patches are computed from kubectl's built-in types.
// /openapi/v2 is a 404, which kubectl tolerates once v3 answered.
import { resources } from './resources';

const hash = 'sandbox0000000000000000000000000000000000000000000000000000000000';

export function openApiV3Root(): Record<string, unknown> {
  return { paths: { 'api/v1': { serverRelativeURL: `/openapi/v3/api/v1?hash=${hash}` } } };
}

export function openApiV3CoreV1(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const r of resources) {
    const base = r.namespaced
      ? `/api/v1/namespaces/{namespace}/${r.name}/{name}`
      : `/api/v1/${r.name}/{name}`;
    paths[base] = {
      patch: {
        operationId: `patchCoreV1${r.namespaced ? 'Namespaced' : ''}${r.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group: '', version: 'v1', kind: r.kind },
        parameters: [
          { name: 'dryRun', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
          { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } },
        ],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths,
    components: { schemas: {} },
  };
}
