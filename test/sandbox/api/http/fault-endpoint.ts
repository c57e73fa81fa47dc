// POST /_sandbox/faults/<name> (admins only): the Faults of the in-process API, over HTTPS.
//   severExecStreams   {"namespace"?, "pod"?}  -> {"severed": n}
//   makeApiUnreachable {"seconds"}             -> 202, then every connection drops
//   setNodeReady       {"name", "ready"}       -> {}
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Faults } from '../../contracts';
import { errors } from '../status';
import type { SandboxUser } from './rbac';
import { readObject, sendJson } from './respond';

export async function handleFaultRequest(
  req: IncomingMessage,
  res: ServerResponse,
  user: SandboxUser,
  name: string,
  faults: Faults,
): Promise<void> {
  if (!user.groups.includes('system:masters')) {
    throw errors.forbidden('', '', `User "${user.name}" cannot inject faults`);
  }
  if (req.method !== 'POST') throw errors.methodNotAllowed();
  const body = await readObject(req);
  switch (name) {
    case 'severExecStreams': {
      const { namespace, pod } = body as { namespace?: string; pod?: string };
      const severed = faults.severExecStreams(namespace && pod ? { namespace, pod } : undefined);
      return sendJson(res, 200, { severed });
    }
    case 'makeApiUnreachable': {
      const seconds = Number(body['seconds']);
      if (!Number.isFinite(seconds) || seconds <= 0)
        throw errors.badRequest('seconds must be a positive number');
      res.once('finish', () => setImmediate(() => faults.makeApiUnreachable(seconds)));
      return sendJson(res, 202, { unreachableForSeconds: seconds });
    }
    case 'setNodeReady': {
      const { name: node, ready } = body as { name?: string; ready?: boolean };
      if (!node || typeof ready !== 'boolean')
        throw errors.badRequest('body must be {"name": string, "ready": boolean}');
      faults.setNodeReady(node, ready);
      return sendJson(res, 200, {});
    }
    default:
      throw errors.notFoundPath();
  }
}
