// The shapes every dissector produces: summary columns, a detail tree with byte ranges for
// the hex view, and named field values for the display filter.

/** A line of the detail tree; start/length index the frame bytes (the hex view highlights them). */
export interface TreeNode {
  label: string;
  start: number;
  length: number;
  /** The filter field this line shows, if any (clicking it can prefill the filter bar). */
  field?: string;
  children?: TreeNode[];
}

export type FieldValue = number | string | boolean;

/** How a filter compares a field: numbers numerically, addresses as addresses, text as text. */
export type FieldType =
  'protocol' | 'uint' | 'bool' | 'string' | 'ipv4' | 'ipv6' | 'ether' | 'bytes';

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly label: string;
}

/** The packet list columns. */
export interface Summary {
  source: string;
  destination: string;
  protocol: string;
  /** frame.len: bytes on the wire. */
  length: number;
  info: string;
}

export interface DissectedPacket {
  frameNumber: number;
  summary: Summary;
  /** Protocol stack as Wireshark's frame.protocols, e.g. ["eth", "ethertype", "ip", "tcp"]. */
  protocols: string[];
  /** Empty unless the tree was asked for. */
  tree: TreeNode[];
  /** Empty unless fields were asked for. Repeated fields (ip.addr, tunnels) hold several values. */
  fields: Map<string, FieldValue[]>;
  /** Set when a dissector found the bytes inconsistent: "[Malformed Packet: TCP]". */
  malformed?: string;
}
