// What the API server answered when it did not answer 2xx: the HTTP code and, when the body
// is a Kubernetes Status (it almost always is), its reason and message. Mapped to a
// SnoopyError with its fix by main/kube/errors.ts; the pod watcher looks at 410 itself.

export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; group?: string };
}

export class KubeHttpError extends Error {
  override readonly name = 'KubeHttpError';
  constructor(
    readonly statusCode: number,
    readonly status: KubeStatus | undefined,
    /** Path and query of the request, never the host's credentials. */
    readonly path: string,
  ) {
    super(status?.message || `HTTP ${statusCode}`);
  }
}

/** The credentials could not be prepared (an exec plugin failed, a token file is missing). */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** 410 Gone: a resourceVersion or continue token older than the server's history. */
export function isResourceExpired(err: unknown): boolean {
  return err instanceof KubeHttpError && err.statusCode === 410;
}

export function parseStatus(body: string): KubeStatus | undefined {
  try {
    const value: unknown = JSON.parse(body);
    if (value && typeof value === 'object' && (value as KubeStatus).kind === 'Status') {
      return value as KubeStatus;
    }
  } catch {
    // not JSON (a proxy's HTML page …): the HTTP code is all we have
  }
  return undefined;
}
