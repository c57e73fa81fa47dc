// Shared shapes of the packet core: what readers produce and writers consume.

/** Link-layer header types (LINKTYPE_* from tcpdump.org/linktypes.html) used by the core. */
export const LinkType = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** One captured packet as read from a pcap or pcapng stream. */
export interface PacketRecord {
  /** pcapng interface index within its section; 0 for classic pcap. */
  readonly interfaceId: number;
  readonly linkType: number;
  /** Whole seconds since the epoch (already shifted by pcapng if_tsoffset). */
  readonly tsSec: number;
  /** Nanoseconds within the second, 0..999_999_999. */
  readonly tsNsec: number;
  readonly capturedLength: number;
  readonly originalLength: number;
  /** The captured bytes. A view into the fed chunk when the record did not span chunks. */
  readonly data: Uint8Array;
  /** Offset of the record's header (pcap) or block (pcapng) in the stream. */
  readonly fileOffset: number;
  /** pcapng opt_comment values on the packet, if any. */
  readonly comments?: readonly string[];
}

/** A pcapng Interface Description Block (or the implicit interface of a classic pcap). */
export interface CaptureInterface {
  readonly id: number;
  readonly linkType: number;
  readonly snapLength: number;
  readonly name?: string;
  readonly description?: string;
  /** Timestamp units per second (if_tsresol): 1e6 by default, 1e9 for nanosecond captures. */
  readonly unitsPerSecond: number;
  readonly tsOffsetSec: number;
  readonly comments?: readonly string[];
}

/** A pcapng Section Header Block, or the global header of a classic pcap. */
export interface CaptureSection {
  readonly format: 'pcap' | 'pcapng';
  readonly littleEndian: boolean;
  readonly offset: number;
  readonly versionMajor: number;
  readonly versionMinor: number;
  readonly hardware?: string;
  readonly os?: string;
  readonly application?: string;
  readonly comments?: readonly string[];
  /** Classic pcap only: timestamps are nanoseconds (magic a1b23c4d). */
  readonly nanosecond?: boolean;
}

export type CaptureIssueCode =
  | 'bad-magic'
  | 'unsupported-version'
  | 'truncated-record'
  | 'corrupt-length'
  | 'bad-block'
  | 'unknown-interface'
  | 'resynchronised'
  | 'no-interface';

/**
 * Something wrong in the capture bytes. `error` means the reader stopped; `warning` means
 * it skipped something and carried on.
 */
export interface CaptureIssue {
  readonly severity: 'warning' | 'error';
  readonly code: CaptureIssueCode;
  readonly message: string;
  /** Stream offset where the problem starts. */
  readonly offset: number;
}
