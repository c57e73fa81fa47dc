// Upgrade requests (pods/exec over WebSocket or SPDY): authenticated, authorized as `create
// pods/exec` (what 1.31+ servers check for WebSocket upgrades), the pod looked up, then handed to
// the exec module. Refusals are written straight onto the socket as HTTP Status answers.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { SandboxApiError } from '../../contracts';
import { handleExecUpgrade, parseExecQuery } from '../exec';
import { replyStatus } from '../exec/http-reply';
import { errors } from '../status';
import type { Authenticator } from './auth';
import type { ServerContext } from './context';
import { allows, forbiddenMessage } from './rbac';
import { requestInfo } from './request-info';
import { toApiError } from './respond';

export async function handleUpgrade(
  server: ServerContext,
  auth: Authenticator,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  socket.on('error', () => undefined);
  try {
    const user = auth.authenticate(req);
    if (!user) throw errors.unauthorized();
    const url = new URL(req.url ?? '/', 'https://sandbox.invalid');
    const info = requestInfo(req.method ?? 'GET', url);
    if (
      !info.isResource ||
      info.apiGroup !== '' ||
      info.resource !== 'pods' ||
      info.subresource !== 'exec'
    ) {
      throw new SandboxApiError(
        400,
        'BadRequest',
        'this endpoint does not support upgrade requests',
      );
    }
    const attrs = { ...info, verb: 'create' };
    if (!allows(user, attrs))
      throw errors.forbidden('pods', info.name, forbiddenMessage(user, attrs));
    const pod = server.state.pods.get(info.namespace, info.name);
    if (!pod) throw errors.notFound('pods', info.name);
    const exec = parseExecQuery(url, pod);
    if (exec instanceof SandboxApiError) throw exec;
    await handleExecUpgrade(req, socket, head, {
      pod,
      kubelet: server.kubelet,
      exec,
      registry: server.execRegistry,
    });
  } catch (err) {
    replyStatus(socket, toApiError(err));
  }
}
