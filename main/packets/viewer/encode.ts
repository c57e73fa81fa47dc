// Worker shapes → contract shapes: bytes become base64 (JSON-safe over IPC and WebSocket) and
// optional fields stay absent rather than undefined.
import type { MethodOutput } from '../../api/contract/index';
import type { FollowedStream } from '../flows/follow-stream';
import type { PacketDetail } from '../index/rows';

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function encodeDetail(d: PacketDetail): MethodOutput<'packets.detail'> {
  return {
    row: d.row,
    protocols: d.protocols,
    tree: d.tree,
    bytes: toBase64(d.bytes),
    ...(d.malformed !== undefined && { malformed: d.malformed }),
  };
}

export function encodeFollow(
  f: FollowedStream,
): NonNullable<MethodOutput<'packets.follow'>['follow']> {
  return {
    stream: f.stream,
    client: f.client,
    server: f.server,
    segments: f.segments.map((s) => ({
      direction: s.direction,
      frame: s.frame,
      data: toBase64(s.bytes),
    })),
    bytesClientToServer: f.bytesClientToServer,
    bytesServerToClient: f.bytesServerToClient,
  };
}
