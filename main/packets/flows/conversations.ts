// Conversations (Wireshark's Statistics › Conversations, TCP and UDP tabs) from the index
// alone: one per TCP or UDP stream, side A being the sender of the stream's first packet.
import type { PacketIndex } from '../index/packet-index';

export interface Conversation {
  protocol: 'tcp' | 'udp';
  stream: number;
  addressA: string;
  portA: number;
  addressB: string;
  portB: number;
  /** Pod/interface of the first packet. */
  pod: string;
  packetsAtoB: number;
  bytesAtoB: number;
  packetsBtoA: number;
  bytesBtoA: number;
  /** Epoch seconds of the first and last packet. */
  start: number;
  end: number;
  duration: number;
  /** TCP: SYN → SYN/ACK → ACK time (Wireshark's iRTT), when the handshake was captured. */
  handshakeRtt?: number;
  retransmissions?: number;
  resets?: number;
  /** TCP: "open", "half-closed", "closed" (FIN both ways) or "reset". */
  state?: 'open' | 'half-closed' | 'closed' | 'reset';
}

const SYN = 0x02;
const ACK = 0x10;
const FIN = 0x01;
const RST = 0x04;

interface TcpState {
  syn: number;
  synAck: number;
  rtt: number;
  /** Highest sequence end seen per direction (for retransmissions). */
  maxEnd: [number, number];
  seen: [boolean, boolean];
  fin: [boolean, boolean];
}

export function buildConversations(index: PacketIndex): Conversation[] {
  const c = index.columns;
  const out: Conversation[] = [];
  const byGlobal: (Conversation | undefined)[] = [];
  const tcp: (TcpState | undefined)[] = [];
  const s = index.streams;
  for (let i = 0; i < c.count; i++) {
    const stream = c.stream[i] ?? -1;
    if (stream < 0) continue;
    const proto = c.transport[i] ?? 0;
    const g = s.globalId(proto, stream);
    const first = s.first[g] ?? i;
    const time = (c.tsSec[i] ?? 0) + (c.tsNsec[i] ?? 0) / 1e9;
    let conv = byGlobal[g];
    if (!conv) {
      conv = {
        protocol: proto === 6 ? 'tcp' : 'udp',
        stream,
        addressA: index.addressText(first, 'src'),
        portA: c.srcPort[first] ?? 0,
        addressB: index.addressText(first, 'dst'),
        portB: c.dstPort[first] ?? 0,
        pod: index.interfaceOf(first)?.name ?? '',
        packetsAtoB: 0,
        bytesAtoB: 0,
        packetsBtoA: 0,
        bytesBtoA: 0,
        start: time,
        end: time,
        duration: 0,
        ...(proto === 6 && { retransmissions: 0, resets: 0, state: 'open' as const }),
      };
      byGlobal[g] = conv;
      out.push(conv);
      if (proto === 6)
        tcp[g] = {
          syn: -1,
          synAck: -1,
          rtt: -1,
          maxEnd: [0, 0],
          seen: [false, false],
          fin: [false, false],
        };
    }
    const aToB =
      (c.src[i] ?? 0) === (c.src[first] ?? 0) &&
      (c.srcPort[i] ?? 0) === (c.srcPort[first] ?? 0) &&
      (c.addrKind[i] ?? 0) === (c.addrKind[first] ?? 0);
    const len = c.originalLength[i] ?? 0;
    if (aToB) {
      conv.packetsAtoB++;
      conv.bytesAtoB += len;
    } else {
      conv.packetsBtoA++;
      conv.bytesBtoA += len;
    }
    conv.end = time;
    conv.duration = conv.end - conv.start;
    const t = tcp[g];
    if (t)
      tcpPacket(
        conv,
        t,
        aToB ? 0 : 1,
        c.tcpFlags[i] ?? 0,
        c.tcpSeq[i] ?? 0,
        c.payloadLength[i] ?? 0,
        time,
      );
  }
  return out;
}

function tcpPacket(
  conv: Conversation,
  t: TcpState,
  dir: 0 | 1,
  flags: number,
  seq: number,
  len: number,
  time: number,
): void {
  if (flags & SYN && !(flags & ACK) && t.syn < 0) t.syn = time;
  else if (flags & SYN && flags & ACK && t.syn >= 0 && t.synAck < 0) t.synAck = time;
  else if (flags & ACK && !(flags & SYN) && t.synAck >= 0 && t.rtt < 0) {
    t.rtt = time - t.syn;
    conv.handshakeRtt = t.rtt;
  }
  if (flags & RST) {
    conv.resets = (conv.resets ?? 0) + 1;
    conv.state = 'reset';
  }
  if (len > 0) {
    const end = (seq + len) >>> 0;
    // Data ending at or before what this side already sent again is a retransmission.
    if (t.seen[dir] && ((end - t.maxEnd[dir]) | 0) <= 0)
      conv.retransmissions = (conv.retransmissions ?? 0) + 1;
    else t.maxEnd[dir] = end;
    t.seen[dir] = true;
  }
  if (flags & FIN) {
    t.fin[dir] = true;
    if (conv.state !== 'reset') conv.state = t.fin[0] && t.fin[1] ? 'closed' : 'half-closed';
  }
}
