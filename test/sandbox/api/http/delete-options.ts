// DeleteOptions from the query and/or the body (kubectl sends a body with propagationPolicy).
import type { IncomingMessage } from 'node:http';
import { errors } from '../status';
import { readObject } from './respond';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: string;
  preconditionUid?: string;
  dryRun: boolean;
}

export async function readDeleteOptions(req: IncomingMessage, url: URL): Promise<DeleteOptions> {
  const body = await readObject(req);
  const query = url.searchParams.get('gracePeriodSeconds');
  const fromBody = body['gracePeriodSeconds'];
  const grace =
    query !== null ? Number(query) : typeof fromBody === 'number' ? fromBody : undefined;
  if (grace !== undefined && !Number.isFinite(grace))
    throw errors.badRequest(`invalid gracePeriodSeconds: ${String(query)}`);
  const policy =
    url.searchParams.get('propagationPolicy') ??
    (typeof body['propagationPolicy'] === 'string' ? body['propagationPolicy'] : undefined);
  if (policy && !['Orphan', 'Background', 'Foreground'].includes(policy)) {
    throw errors.badRequest(
      `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`,
    );
  }
  const preconditions = body['preconditions'] as { uid?: string } | undefined;
  const dryRunBody = body['dryRun'];
  const dryRun =
    url.searchParams.getAll('dryRun').includes('All') ||
    (Array.isArray(dryRunBody) && dryRunBody.includes('All'));
  return {
    gracePeriodSeconds: grace,
    propagationPolicy: policy,
    preconditionUid: preconditions?.uid,
    dryRun,
  };
}
