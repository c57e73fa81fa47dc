// The packet viewer (issue 5): open a capture file, rows on demand, detail, display filter,
// conversations, DNS, follow stream. Spread into the contract in ./index.ts.
//
// Why views: every open capture is a `viewId` owned by the connection that opened it; the core
// keeps its index in a worker thread and answers only for the rows the renderer shows.
import { z } from 'zod';
import { event, method } from './define';

const viewId = z.string().min(1).max(100);

/** Colour classes (Wireshark's default colouring rules, main/packets/index/colour-rules.ts). */
export const packetColours = [
  'none',
  'icmp-error',
  'arp',
  'icmp',
  'tcp-rst',
  'dns-error',
  'http',
  'tcp-syn-fin',
  'tcp',
  'udp',
] as const;

export const packetRowSchema = z.object({
  number: z.number().int(),
  relativeTime: z.number(),
  epochSec: z.number(),
  epochNsec: z.number(),
  pod: z.string(),
  source: z.string(),
  destination: z.string(),
  sourcePeer: z.string().optional(),
  destinationPeer: z.string().optional(),
  protocol: z.string(),
  length: z.number().int(),
  info: z.string(),
  colour: z.enum(packetColours),
  stream: z.number().int().optional(),
});
export type PacketRowView = z.infer<typeof packetRowSchema>;

export interface PacketTreeNode {
  label: string;
  start: number;
  length: number;
  field?: string | undefined;
  children?: PacketTreeNode[] | undefined;
}
export const packetTreeNodeSchema: z.ZodType<PacketTreeNode> = z.lazy(() =>
  z.object({
    label: z.string(),
    start: z.number().int(),
    length: z.number().int(),
    field: z.string().optional(),
    children: z.array(packetTreeNodeSchema).optional(),
  }),
);

export const filterErrorSchema = z.object({
  message: z.string(),
  /** Span of the filter text to underline (end exclusive). */
  start: z.number().int(),
  end: z.number().int(),
});
export type PacketFilterError = z.infer<typeof filterErrorSchema>;

const filterText = z.string().max(10_000);

export const conversationSchema = z.object({
  protocol: z.enum(['tcp', 'udp']),
  stream: z.number().int(),
  addressA: z.string(),
  portA: z.number().int(),
  addressB: z.string(),
  portB: z.number().int(),
  pod: z.string(),
  packetsAtoB: z.number().int(),
  bytesAtoB: z.number().int(),
  packetsBtoA: z.number().int(),
  bytesBtoA: z.number().int(),
  start: z.number(),
  end: z.number(),
  duration: z.number(),
  handshakeRtt: z.number().optional(),
  retransmissions: z.number().int().optional(),
  resets: z.number().int().optional(),
  state: z.enum(['open', 'half-closed', 'closed', 'reset']).optional(),
});
export type ConversationView = z.infer<typeof conversationSchema>;

export const dnsTransactionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.string(),
  client: z.string(),
  server: z.string(),
  queryFrame: z.number().int(),
  responseFrame: z.number().int().optional(),
  time: z.number(),
  latency: z.number().optional(),
  rcode: z.number().int().optional(),
  rcodeName: z.string().optional(),
  answers: z.array(z.string()),
  answered: z.boolean(),
});
export type DnsTransactionView = z.infer<typeof dnsTransactionSchema>;

export const followSchema = z.object({
  stream: z.number().int(),
  client: z.string(),
  server: z.string(),
  /** direction 0: client → server. `data` is base64 (binary-safe over every transport). */
  segments: z.array(
    z.object({
      direction: z.union([z.literal(0), z.literal(1)]),
      frame: z.number().int(),
      data: z.string(),
    }),
  ),
  bytesClientToServer: z.number().int(),
  bytesServerToClient: z.number().int(),
});
export type FollowView = z.infer<typeof followSchema>;

export const packetMethods = {
  'packets.open': method(
    'open a pcap/pcapng file on the machine running the core; indexing reports packets.progress',
    z.object({ path: z.string().min(1).max(4096) }),
    z.object({
      viewId,
      count: z.number().int(),
      interfaces: z.array(z.string()),
      format: z.enum(['pcap', 'pcapng']),
      issues: z.number().int(),
    }),
  ),
  'packets.rows': method(
    'rows [start, start+count) of the packet list (the filtered list when a filter is applied)',
    z.object({
      viewId,
      start: z.number().int().min(0),
      count: z.number().int().min(0).max(500),
      /** false: all packets; only valid while no filter is applied (the worker holds one list). */
      filtered: z.boolean().optional(),
    }),
    z.object({ rows: z.array(packetRowSchema) }),
  ),
  'packets.detail': method(
    'detail tree (with byte ranges) and captured bytes of one frame',
    z.object({ viewId, frame: z.number().int().min(1) }),
    z.object({
      row: packetRowSchema,
      protocols: z.array(z.string()),
      tree: z.array(packetTreeNodeSchema),
      /** base64 of the captured bytes; tree nodes index into them. */
      bytes: z.string(),
      malformed: z.string().optional(),
    }),
  ),
  'packets.filter': method(
    'apply a display filter ("" clears it); a newer call cancels a running one',
    z.object({ viewId, filter: filterText }),
    z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        matches: z.number().int(),
        total: z.number().int(),
        ms: z.number(),
      }),
      z.object({
        ok: z.literal(false),
        error: filterErrorSchema,
        /** The filter was replaced by a newer one before it finished: not an error to show. */
        cancelled: z.boolean().optional(),
      }),
    ]),
  ),
  'packets.validateFilter': method(
    'check a display filter as the user types (fields are known per capture)',
    z.object({ viewId, filter: filterText }),
    z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true) }),
      z.object({ ok: z.literal(false), error: filterErrorSchema }),
    ]),
  ),
  'packets.conversations': method(
    'TCP/UDP conversations (5-tuple, packets and bytes each way, RTT, resets)',
    z.object({ viewId }),
    z.object({ conversations: z.array(conversationSchema) }),
  ),
  'packets.dns': method(
    'DNS transactions: query, answers, latency, rcode',
    z.object({ viewId }),
    z.object({ transactions: z.array(dnsTransactionSchema) }),
  ),
  'packets.follow': method(
    'follow a TCP stream (tcp.stream number): payload of both directions in order',
    z.object({ viewId, stream: z.number().int().min(0) }),
    z.object({ follow: followSchema.nullable() }),
  ),
  'packets.close': method('close a view and its worker', z.object({ viewId }), z.object({})),
} as const;

export const packetEvents = {
  'packets.progress': event(
    'indexing progress of a view being opened',
    z.object({ viewId, count: z.number().int(), done: z.boolean() }),
  ),
} as const;
