// Kubernetes `Status` errors, worded and coded as the real API server words and codes them.
import { SandboxApiError } from '../contracts';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

export function statusBody(err: SandboxApiError): StatusBody {
  const body: StatusBody = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: err.message,
    code: err.code,
  };
  if (err.reason) body.reason = err.reason;
  if (err.details) body.details = dropEmpty(err.details);
  return body;
}

function dropEmpty<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/** "pods" or "selfsubjectaccessreviews.authorization.k8s.io", as GroupResource.String() prints. */
export function qualified(resource: string, group = ''): string {
  return group ? `${resource}.${group}` : resource;
}

export const errors = {
  notFound(resource: string, name: string, group = ''): SandboxApiError {
    return new SandboxApiError(
      404,
      'NotFound',
      `${qualified(resource, group)} "${name}" not found`,
      {
        name,
        group,
        kind: resource,
      },
    );
  },
  alreadyExists(resource: string, name: string, group = ''): SandboxApiError {
    return new SandboxApiError(
      409,
      'AlreadyExists',
      `${qualified(resource, group)} "${name}" already exists`,
      { name, group, kind: resource },
    );
  },
  conflict(resource: string, name: string, why: string): SandboxApiError {
    return new SandboxApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${resource} "${name}": ${why}`,
      { name, kind: resource },
    );
  },
  forbidden(resource: string, name: string, why: string, group = ''): SandboxApiError {
    const subject = name ? `${qualified(resource, group)} "${name}"` : qualified(resource, group);
    return new SandboxApiError(403, 'Forbidden', `${subject} is forbidden: ${why}`, {
      name,
      group,
      kind: resource,
    });
  },
  badRequest(message: string): SandboxApiError {
    return new SandboxApiError(400, 'BadRequest', message);
  },
  unauthorized(): SandboxApiError {
    return new SandboxApiError(401, 'Unauthorized', 'Unauthorized');
  },
  methodNotAllowed(): SandboxApiError {
    return new SandboxApiError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
    );
  },
  notFoundPath(): SandboxApiError {
    return new SandboxApiError(404, 'NotFound', 'the server could not find the requested resource');
  },
  unsupportedMediaType(type: string): SandboxApiError {
    return new SandboxApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got ${type})`,
    );
  },
  expired(message: string): SandboxApiError {
    return new SandboxApiError(410, 'Expired', message);
  },
  /** 422 with one cause per field error, e.g. `Pod "x" is invalid: spec.containers: Required value`. */
  invalid(
    kind: string,
    name: string,
    causes: Array<{ field: string; type: string; detail: string }>,
    group = '',
  ): SandboxApiError {
    const texts = causes.map((c) => `${c.field}: ${c.detail}`);
    const joined = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
    return new SandboxApiError(422, 'Invalid', `${kind} "${name}" is invalid: ${joined}`, {
      name,
      group,
      kind,
      causes: causes.map((c) => ({ reason: c.type, message: c.detail, field: c.field })),
    });
  },
};

export function isApiError(err: unknown): err is SandboxApiError {
  return err instanceof SandboxApiError;
}
