// Plain HTTP answers written straight onto an upgrade socket, for requests refused before the
// WebSocket handshake.
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { SandboxApiError } from '../../contracts';
import { statusBody } from '../status';
import { goJson } from './status';

export function replyText(socket: Duplex, code: number, text: string): void {
  reply(socket, code, 'text/plain; charset=utf-8', text);
}

/** A Kubernetes Status body, as the API server answers a request it refuses. */
export function replyStatus(socket: Duplex, err: SandboxApiError): void {
  // metav1.Status in Go's field order: code comes last.
  const { code, ...rest } = statusBody(err);
  reply(socket, err.code, 'application/json', `${goJson({ ...rest, code })}\n`);
}

/** x/net/websocket's refusal of a subprotocol it does not know: a bare 403. */
export function replyForbidden(socket: Duplex): void {
  reply(socket, 403, undefined, '');
}

function reply(socket: Duplex, code: number, contentType: string | undefined, body: string): void {
  if (socket.destroyed || !socket.writable) return;
  const bytes = Buffer.from(body, 'utf8');
  const head = [
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}`,
    ...(contentType ? [`Content-Type: ${contentType}`] : []),
    `Content-Length: ${bytes.length}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), bytes]));
}
