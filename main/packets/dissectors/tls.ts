// TLS records over TCP (443 and the Kubernetes TLS ports): record types, handshake message
// names, ClientHello SNI/ALPN, negotiated version. No reassembly: a segment that does not
// start at a record boundary shows as "Continuation Data", like tshark without desegmentation.
import type { Dissector } from './registry';
import type { PacketBuilder } from './packet-builder';
import type { TreeNode } from './model';
import { StreamStateKey } from './capture-context';
import { ascii, hex, u16be } from './format';

/** 443 as in Wireshark; 6443 (kube-apiserver) and 10250 (kubelet) because this is a Kubernetes tool. */
const PORTS = [443, 6443, 10250];
const CONTENT_TYPES: Record<number, string> = {
  20: 'Change Cipher Spec',
  21: 'Alert',
  22: 'Handshake',
  23: 'Application Data',
  24: 'Heartbeat',
};
const HANDSHAKE_TYPES: Record<number, string> = {
  0: 'Hello Request',
  1: 'Client Hello',
  2: 'Server Hello',
  4: 'New Session Ticket',
  5: 'End of Early Data',
  8: 'Encrypted Extensions',
  11: 'Certificate',
  12: 'Server Key Exchange',
  13: 'Certificate Request',
  14: 'Server Hello Done',
  15: 'Certificate Verify',
  16: 'Client Key Exchange',
  20: 'Finished',
};
const VERSIONS: Record<number, string> = {
  0x0300: 'SSLv3',
  0x0301: 'TLSv1',
  0x0302: 'TLSv1.1',
  0x0303: 'TLSv1.2',
  0x0304: 'TLSv1.3',
};
const EXT_SERVER_NAME = 0;
const EXT_ALPN = 16;
const EXT_SUPPORTED_VERSIONS = 43;

interface TlsStreamState {
  /** Version the server chose (ServerHello), once seen. */
  version: number | undefined;
  /** ChangeCipherSpec seen per direction: later handshake records are encrypted. */
  encrypted: [boolean, boolean];
}
const TLS_STATE = new StreamStateKey<TlsStreamState>('tls', () => ({
  version: undefined,
  encrypted: [false, false],
}));

export const tls: Dissector = {
  name: 'tls',
  registers: PORTS.map((key) => ({ table: 'tcp.port' as const, key })),
  fields: [
    { name: 'tls', type: 'protocol', label: 'Transport Layer Security' },
    { name: 'tls.record.content_type', type: 'uint', label: 'Content Type' },
    { name: 'tls.record.version', type: 'uint', label: 'Version' },
    { name: 'tls.record.length', type: 'uint', label: 'Length' },
    { name: 'tls.handshake.type', type: 'uint', label: 'Handshake Type' },
    { name: 'tls.handshake.version', type: 'uint', label: 'Version' },
    { name: 'tls.handshake.extensions_server_name', type: 'string', label: 'Server Name' },
    { name: 'tls.handshake.extensions_alpn_str', type: 'string', label: 'ALPN Next Protocol' },
    {
      name: 'tls.handshake.extensions.supported_version',
      type: 'uint',
      label: 'Supported Version',
    },
    { name: 'tls.handshake.ciphersuite', type: 'uint', label: 'Cipher Suite' },
  ],
  dissect(pkt, b, start, end) {
    const transport = pkt.transport;
    const state = transport?.stream?.get(TLS_STATE);
    const dir = transport?.direction ?? 0;
    const t = pkt.layer('tls', 'Transport Layer Security', start, end - start);
    const infos: string[] = [];
    let recordVersion = 0;
    let o = start;
    while (o < end) {
      const type = b[o] ?? 0;
      if (end - o < 5 || !CONTENT_TYPES[type] || b[o + 1] !== 3) {
        if (o === start) {
          pkt.add(t, `Continuation Data (${end - start} bytes)`, start, end - start);
          pkt.setColumns(versionName(state?.version ?? 0x0303), 'Continuation Data');
          return undefined;
        }
        break;
      }
      const version = u16be(b, o + 1);
      const length = u16be(b, o + 3);
      const bodyEnd = Math.min(end, o + 5 + length);
      recordVersion ||= version;
      pkt.field('tls.record.content_type', type);
      pkt.field('tls.record.version', version);
      pkt.field('tls.record.length', length);
      const r = pkt.add(
        t,
        `${VERSIONS[version] ?? hex(version, 4)} Record Layer: ${CONTENT_TYPES[type]}`,
        o,
        bodyEnd - o,
      );
      if (type === 22) {
        if (state?.encrypted[dir]) infos.push('Encrypted Handshake Message');
        else infos.push(...handshake(pkt, r, b, o + 5, bodyEnd, state));
      } else if (type === 21) {
        infos.push(
          state?.encrypted[dir] || length !== 2
            ? 'Encrypted Alert'
            : `Alert (Level: ${b[o + 5] === 2 ? 'Fatal' : 'Warning'}, Description: ${b[o + 6]})`,
        );
      } else {
        if (type === 20 && state) state.encrypted[dir] = true;
        infos.push(CONTENT_TYPES[type] ?? 'Unknown');
      }
      o = o + 5 + length;
    }
    const shown = state?.version ?? recordVersion;
    pkt.setColumns(versionName(shown), infos.join(', '));
    return undefined;
  },
};

function versionName(v: number): string {
  return VERSIONS[v] ?? 'TLS';
}

function handshake(
  pkt: PacketBuilder,
  r: TreeNode | undefined,
  b: Uint8Array,
  from: number,
  to: number,
  state: TlsStreamState | undefined,
): string[] {
  const names: string[] = [];
  let o = from;
  while (o + 4 <= to) {
    const type = b[o] ?? 0;
    const length = ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0);
    const name = HANDSHAKE_TYPES[type];
    if (!name || o + 4 + length > to + 0x10000) {
      names.push('Encrypted Handshake Message');
      break;
    }
    pkt.field('tls.handshake.type', type);
    const h = pkt.add(r, `Handshake Protocol: ${name}`, o, Math.min(4 + length, to - o));
    const msgEnd = Math.min(to, o + 4 + length);
    if (type === 1) names.push(clientHello(pkt, h, b, o + 4, msgEnd));
    else if (type === 2) {
      names.push(name);
      serverHello(pkt, h, b, o + 4, msgEnd, state);
    } else names.push(name);
    o += 4 + length;
  }
  return names;
}

/** Returns the Info text: "Client Hello (SNI=name)" when the hello names a server. */
function clientHello(
  pkt: PacketBuilder,
  h: TreeNode | undefined,
  b: Uint8Array,
  from: number,
  to: number,
): string {
  let o = from;
  if (to - o < 38) return 'Client Hello';
  pkt.field('tls.handshake.version', u16be(b, o));
  pkt.add(
    h,
    `Version: ${VERSIONS[u16be(b, o)] ?? hex(u16be(b, o), 4)}`,
    o,
    2,
    'tls.handshake.version',
  );
  o += 34; // version + random
  o += 1 + (b[o] ?? 0); // session id
  if (o + 2 > to) return 'Client Hello';
  o += 2 + u16be(b, o); // cipher suites
  if (o + 1 > to) return 'Client Hello';
  o += 1 + (b[o] ?? 0); // compression methods
  let sni: string | undefined;
  extensions(b, o, to, (type, at, len) => {
    if (type === EXT_SERVER_NAME && len >= 5) {
      // server_name_list length (2), name type (1), name length (2), name
      const n = u16be(b, at + 3);
      if (b[at + 2] === 0 && at + 5 + n <= at + len) {
        sni = ascii(b, at + 5, at + 5 + n);
        pkt.field('tls.handshake.extensions_server_name', sni);
        pkt.add(
          h,
          `Extension: server_name (len=${len}) name=${sni}`,
          at - 4,
          len + 4,
          'tls.handshake.extensions_server_name',
        );
      }
    } else if (type === EXT_ALPN && len >= 2) {
      alpn(pkt, h, b, at, len);
    } else if (type === EXT_SUPPORTED_VERSIONS && len >= 1) {
      for (let p = at + 1; p + 2 <= at + len; p += 2)
        pkt.field('tls.handshake.extensions.supported_version', u16be(b, p));
      pkt.add(h, `Extension: supported_versions (len=${len})`, at - 4, len + 4);
    } else {
      pkt.add(h, `Extension: type ${type} (len=${len})`, at - 4, len + 4);
    }
  });
  return sni ? `Client Hello (SNI=${sni})` : 'Client Hello';
}

function serverHello(
  pkt: PacketBuilder,
  h: TreeNode | undefined,
  b: Uint8Array,
  from: number,
  to: number,
  state: TlsStreamState | undefined,
): void {
  let o = from;
  if (to - o < 38) return;
  let version = u16be(b, o);
  pkt.field('tls.handshake.version', version);
  pkt.add(h, `Version: ${VERSIONS[version] ?? hex(version, 4)}`, o, 2, 'tls.handshake.version');
  o += 34;
  o += 1 + (b[o] ?? 0);
  if (o + 3 > to) return;
  const suite = u16be(b, o);
  pkt.field('tls.handshake.ciphersuite', suite);
  pkt.add(h, `Cipher Suite: ${hex(suite, 4)}`, o, 2, 'tls.handshake.ciphersuite');
  o += 3;
  extensions(b, o, to, (type, at, len) => {
    if (type === EXT_ALPN && len >= 2) alpn(pkt, h, b, at, len);
    else if (type === EXT_SUPPORTED_VERSIONS && len === 2) {
      version = u16be(b, at);
      pkt.field('tls.handshake.extensions.supported_version', version);
      pkt.add(
        h,
        `Extension: supported_versions (len=2) ${VERSIONS[version] ?? hex(version, 4)}`,
        at - 4,
        6,
      );
    }
  });
  if (state) state.version = version;
}

/** ALPN: the client's offer, or the one protocol the server picked. */
function alpn(
  pkt: PacketBuilder,
  h: TreeNode | undefined,
  b: Uint8Array,
  at: number,
  len: number,
): void {
  const protocols: string[] = [];
  for (let p = at + 2; p < at + len;) {
    const n = b[p] ?? 0;
    if (p + 1 + n > at + len) break;
    protocols.push(ascii(b, p + 1, p + 1 + n));
    p += 1 + n;
  }
  for (const p of protocols) pkt.field('tls.handshake.extensions_alpn_str', p);
  pkt.add(
    h,
    `Extension: application_layer_protocol_negotiation (len=${len}) ${protocols.join(',')}`,
    at - 4,
    len + 4,
    'tls.handshake.extensions_alpn_str',
  );
}

function extensions(
  b: Uint8Array,
  from: number,
  to: number,
  each: (type: number, at: number, len: number) => void,
): void {
  if (from + 2 > to) return;
  const end = Math.min(to, from + 2 + u16be(b, from));
  let o = from + 2;
  while (o + 4 <= end) {
    const type = u16be(b, o);
    const len = u16be(b, o + 2);
    if (o + 4 + len > end) return;
    each(type, o + 4, len);
    o += 4 + len;
  }
}
