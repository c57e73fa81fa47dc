// What a dissector writes into while it decodes one frame: columns, tree, fields, and the
// few facts a lower layer hands to a higher one (addresses, ports, TCP stream).
import type { DissectedPacket, FieldValue, TreeNode } from './model';
import type { CaptureContext, TcpStream } from './capture-context';
import { mac } from './format';

export interface NetworkLayer {
  version: 4 | 6;
  src: string;
  dst: string;
  /** TTL or hop limit (ICMP echo Info shows it). */
  ttl: number;
}

export interface TransportLayer {
  protocol: 'tcp' | 'udp';
  srcPort: number;
  dstPort: number;
  /** TCP only: the stream and which side sent this segment (0 = the side seen first). */
  stream?: TcpStream;
  direction?: 0 | 1;
}

export class PacketBuilder {
  source = '';
  destination = '';
  protocol = '';
  info = '';
  readonly protocols: string[] = [];
  readonly tree: TreeNode[] = [];
  readonly fields = new Map<string, FieldValue[]>();
  malformed: string | undefined;
  network: NetworkLayer | undefined;
  transport: TransportLayer | undefined;
  /** Inside an ICMP error's quoted packet: columns and stream state stay untouched. */
  nested = false;

  constructor(
    readonly context: CaptureContext,
    readonly frameNumber: number,
    readonly frameLength: number,
    readonly wantTree: boolean,
    readonly wantFields: boolean,
    private readonly onlyFields?: ReadonlySet<string>,
  ) {}

  /** Starts a protocol: a top-level tree line and an entry in frame.protocols. */
  layer(proto: string, label: string, start: number, length: number): TreeNode | undefined {
    this.protocols.push(proto);
    if (this.wantFields) this.field(proto, true);
    if (!this.wantTree) return undefined;
    const node: TreeNode = { label, start, length, children: [] };
    this.tree.push(node);
    return node;
  }

  /** Adds a child line; a no-op when the tree was not asked for (parent undefined). */
  add(
    parent: TreeNode | undefined,
    label: string,
    start: number,
    length: number,
    field?: string,
  ): TreeNode | undefined {
    if (!parent) return undefined;
    const node: TreeNode = { label, start, length, ...(field && { field }) };
    (parent.children ??= []).push(node);
    return node;
  }

  field(name: string, value: FieldValue): void {
    if (!this.wantFields || (this.onlyFields && !this.onlyFields.has(name))) return;
    const values = this.fields.get(name);
    if (values) values.push(value);
    else this.fields.set(name, [value]);
  }

  setAddresses(source: string, destination: string): void {
    if (this.nested) return;
    this.source = source;
    this.destination = destination;
    this.linkAddresses = undefined;
  }

  /** MAC columns, formatted only if no higher layer sets addresses (ARP, LLC, unknown). */
  setLinkAddresses(bytes: Uint8Array, srcAt: number, dstAt: number): void {
    if (this.nested) return;
    this.linkAddresses = { bytes, srcAt, dstAt };
    this.source = '';
    this.destination = '';
  }

  private linkAddresses: { bytes: Uint8Array; srcAt: number; dstAt: number } | undefined;

  setColumns(protocol: string, info: string): void {
    if (this.nested) return;
    this.protocol = protocol;
    this.info = info;
  }

  setInfo(info: string): void {
    if (!this.nested) this.info = info;
  }

  /** Bytes do not fit the protocol's rules: note it, Wireshark style, and stop there. */
  markMalformed(proto: string, why: string): void {
    this.malformed ??= `[Malformed Packet: ${proto}] ${why}`;
  }

  result(): DissectedPacket {
    if (this.linkAddresses) {
      const { bytes, srcAt, dstAt } = this.linkAddresses;
      this.source = mac(bytes, srcAt);
      this.destination = mac(bytes, dstAt);
    }
    const info = this.malformed ? `${this.info} [Malformed Packet]`.trim() : this.info;
    return {
      frameNumber: this.frameNumber,
      summary: {
        source: this.source,
        destination: this.destination,
        protocol: this.protocol,
        length: this.frameLength,
        info,
      },
      protocols: this.protocols,
      tree: this.tree,
      fields: this.fields,
      ...(this.malformed !== undefined && { malformed: this.malformed }),
    };
  }
}
