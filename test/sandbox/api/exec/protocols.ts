// The remotecommand WebSocket subprotocols, and which server of a real cluster would answer each.
//
// A real 1.30+ cluster answers `pods/exec` WebSockets in two places:
// - v5.channel.k8s.io: the API server's stream translator (feature TranslateStreamCloseWebsocketRequests,
//   on by default since 1.30) accepts the WebSocket itself, then speaks SPDY to the kubelet. It
//   accepts ONLY v5, and picks it whenever the client offers it, wherever it sits in the list.
// - anything else: the API server proxies the upgrade to the kubelet/CRI streaming server
//   (wsstream), which knows "", channel.k8s.io, base64.channel.k8s.io, v4.channel.k8s.io and
//   v4.base64.channel.k8s.io (not v2/v3: those are SPDY-only names), and picks the first the
//   client offers. No match: a bare 403.
// The two paths differ in how they word statuses and report kubelet errors (see status.ts).

/** Channel numbers, by convention the POSIX fds plus two control channels. */
export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4 } as const;
export const CHANNEL_COUNT = 5;
/** v5 only: a client frame [255, n] half-closes channel n. */
export const STREAM_CLOSE = 255;

export type ExecPath = 'translator' | 'kubelet';
export type StatusStyle = 'v4' | 'v1';

export interface ExecProtocol {
  /** The negotiated Sec-WebSocket-Protocol; "" when the client offered none. */
  name: string;
  path: ExecPath;
  /** base64 variants send text frames: an ASCII channel digit, then base64 data. */
  base64: boolean;
  /** v4+: a JSON Status on the error channel; older: plain text, and only on failure. */
  statusStyle: StatusStyle;
  /** v5: the client may half-close a channel with [255, n]. */
  streamClose: boolean;
}

export const V5 = 'v5.channel.k8s.io';

const KUBELET_PROTOCOLS: Record<string, Omit<ExecProtocol, 'name' | 'path' | 'streamClose'>> = {
  '': { base64: false, statusStyle: 'v1' },
  'channel.k8s.io': { base64: false, statusStyle: 'v1' },
  'base64.channel.k8s.io': { base64: true, statusStyle: 'v1' },
  'v4.channel.k8s.io': { base64: false, statusStyle: 'v4' },
  'v4.base64.channel.k8s.io': { base64: true, statusStyle: 'v4' },
};

/** The client's offered subprotocols, in its order of preference; undefined when none offered. */
export function offeredProtocols(header: string | string[] | undefined): string[] | undefined {
  if (header === undefined) return undefined;
  const joined = Array.isArray(header) ? header.join(',') : header;
  return joined
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The protocol a real cluster would settle on, or undefined when it would refuse (403). */
export function negotiate(offered: string[] | undefined): ExecProtocol | undefined {
  if (offered === undefined || offered.length === 0) {
    return { name: '', path: 'kubelet', streamClose: false, base64: false, statusStyle: 'v1' };
  }
  if (offered.includes(V5)) {
    return { name: V5, path: 'translator', base64: false, statusStyle: 'v4', streamClose: true };
  }
  for (const name of offered) {
    const known = KUBELET_PROTOCOLS[name];
    if (known && name !== '') return { name, path: 'kubelet', streamClose: false, ...known };
  }
  return undefined;
}

/** One frame for the client: binary [channel, ...data], or text "<digit><base64>". */
export function encodeFrame(
  protocol: ExecProtocol,
  channel: number,
  data: Buffer,
): Buffer | string {
  if (protocol.base64) return String.fromCharCode(48 + channel) + data.toString('base64');
  const frame = Buffer.allocUnsafe(data.length + 1);
  frame[0] = channel;
  data.copy(frame, 1);
  return frame;
}

export type ClientFrame =
  | { kind: 'data'; channel: number; data: Buffer }
  | { kind: 'close'; channel: number }
  | { kind: 'ignore' }
  /** A malformed close signal: the real server stops reading and closes the connection. */
  | { kind: 'protocol-error'; why: string };

/** Decodes a client message as wsstream does (text and binary messages alike). */
export function decodeFrame(protocol: ExecProtocol, message: Buffer): ClientFrame {
  if (message.length === 0) return { kind: 'ignore' };
  const first = message[0] ?? 0;
  if (protocol.streamClose && first === STREAM_CLOSE) {
    if (message.length !== 2) {
      return { kind: 'protocol-error', why: `close signal with ${message.length - 1} bytes` };
    }
    const channel = message[1] ?? 0;
    if (channel >= CHANNEL_COUNT) {
      return { kind: 'protocol-error', why: `close of unknown channel ${channel}` };
    }
    return { kind: 'close', channel };
  }
  const channel = protocol.base64 ? first - 48 : first;
  if (channel < 0 || channel >= CHANNEL_COUNT) return { kind: 'ignore' };
  const payload = message.subarray(1);
  if (!protocol.base64) return { kind: 'data', channel, data: payload };
  const text = payload.toString('latin1');
  // Go's StdEncoding is strict; a frame that does not decode is dropped.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return { kind: 'ignore' };
  return { kind: 'data', channel, data: Buffer.from(text, 'base64') };
}
