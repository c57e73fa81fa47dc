// Answers an authorized `pods/exec` upgrade request as a real 1.30+ cluster would: refuse it
// over plain HTTP, or upgrade to a WebSocket and hand it to an exec session.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { SandboxApiError, type ExecRequest, type Kubelet, type Pod } from '../../contracts';
import { replyForbidden, replyStatus, replyText } from './http-reply';
import { negotiate, offeredProtocols, type ExecProtocol } from './protocols';
import type { ExecRegistry } from './registry';
import { finishWithStatus, runExecSession, sendReadyFrame } from './session';
import { internalErrorStatus } from './status';

export interface ExecUpgradeContext {
  pod: Pod;
  kubelet: Kubelet;
  /** From parseExecQuery: the router answers its errors before calling us. */
  exec: ExecRequest;
  registry: ExecRegistry;
}

const server = new WebSocketServer({
  noServer: true,
  clientTracking: false,
  // x/net/websocket, which the real server uses, knows no extensions.
  perMessageDeflate: false,
  handleProtocols: (offered) => negotiate([...offered])?.name || false,
});

/**
 * Resolves once the request is answered: refused, or upgraded with the session running. The
 * session then lives on its own until the process ends or the client goes.
 */
export async function handleExecUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  ctx: ExecUpgradeContext,
): Promise<void> {
  // Until ws takes the socket over, a reset from the client must not crash the server.
  socket.on('error', () => undefined);
  const upgrade = (req.headers.upgrade ?? '').toLowerCase();
  if (upgrade.startsWith('spdy/')) {
    answerSpdy(socket, ctx);
    return;
  }
  if (upgrade !== 'websocket') {
    replyStatus(socket, new SandboxApiError(400, 'BadRequest', 'Upgrade request required'));
    return;
  }
  if (!handshakeIsValid(req)) {
    // Let ws word the refusal (405 for POST, 400 for a bad key or version), as x/net would.
    server.handleUpgrade(req, socket, head, (ws) => ws.terminate());
    return;
  }
  const protocol = negotiate(offeredProtocols(req.headers['sec-websocket-protocol']));
  if (!protocol) {
    replyForbidden(socket);
    return;
  }

  let proc;
  try {
    proc = await ctx.kubelet.exec(ctx.pod, ctx.exec);
  } catch (err) {
    refuseForKubelet(req, socket, head, ctx, protocol, messageOf(err));
    return;
  }
  if (socket.destroyed) {
    proc.kill();
    return;
  }
  // ws aborts silently (destroying the socket) when the socket dies mid-handshake.
  const killIfNeverUpgraded = (): void => proc.kill();
  socket.once('close', killIfNeverUpgraded);
  server.handleUpgrade(req, socket, head, (ws) => {
    socket.off('close', killIfNeverUpgraded);
    adopt(ws, ctx);
    sendReadyFrame(ws, protocol, ctx.exec);
    runExecSession(ws, proc, { protocol, exec: ctx.exec }).catch(() => ws.terminate());
  });
}

/**
 * The kubelet would not start the command (e.g. the container is not running). Through the v5
 * translator the socket is already open, so the error arrives on channel 3 wrapped as the API
 * server's SPDY client words it; on the proxied kubelet path it is the kubelet's plain-text 500.
 */
function refuseForKubelet(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  ctx: ExecUpgradeContext,
  protocol: ExecProtocol,
  message: string,
): void {
  if (protocol.path === 'kubelet') {
    replyText(socket, 500, message);
    return;
  }
  server.handleUpgrade(req, socket, head, (ws) => {
    adopt(ws, ctx);
    sendReadyFrame(ws, protocol, ctx.exec);
    finishWithStatus(ws, protocol, internalErrorStatus(`unable to upgrade connection: ${message}`));
  });
}

/**
 * kubectl falls back to SPDY only when the WebSocket upgrade is refused, which happens here only
 * for errors the SPDY request meets again. We cannot speak SPDY, so we answer with the kubelet's
 * error when there is one (kubectl prints "unable to upgrade connection: container not found")
 * and otherwise refuse loudly, without starting anything.
 */
function answerSpdy(socket: Duplex, { pod, exec }: ExecUpgradeContext): void {
  const status = pod.status.containerStatuses?.find((c) => c.name === exec.container);
  if (!status || !('running' in status.state)) {
    replyText(socket, 500, `container not found (${JSON.stringify(exec.container)})`);
    return;
  }
  const why =
    'the sandbox API server speaks pods/exec over WebSocket only (v5.channel.k8s.io); SPDY/3.1 is not supported';
  replyStatus(socket, new SandboxApiError(400, 'BadRequest', why));
}

function adopt(ws: WebSocket, { pod, registry }: ExecUpgradeContext): void {
  ws.on('error', () => undefined); // reported to the session as 'close'
  registry.register(ws, { namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name });
}

/** The checks ws makes before it would call back; failing them, it answers with an error. */
function handshakeIsValid(req: IncomingMessage): boolean {
  const key = req.headers['sec-websocket-key'];
  const version = Number(req.headers['sec-websocket-version']);
  return (
    req.method === 'GET' &&
    typeof key === 'string' &&
    /^[+/0-9A-Za-z]{22}==$/.test(key) &&
    (version === 13 || version === 8)
  );
}

function messageOf(err: unknown): string {
  if (err instanceof SandboxApiError || err instanceof Error) return err.message;
  return String(err);
}
