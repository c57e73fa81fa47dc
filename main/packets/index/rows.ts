// The shapes the packet list and the detail pane receive.
import type { TreeNode } from '../dissectors/model';
import type { ColourClass } from './colour-rules';

/** One line of the packet list, built only for packets on screen. */
export interface PacketRow {
  /** Wireshark's No.: 1-based frame number in the capture. */
  number: number;
  /** Seconds since the first packet. */
  relativeTime: number;
  epochSec: number;
  epochNsec: number;
  /** Interface name: the pod in a multi-pod pcapng ("shop/web-1"), else the interface. */
  pod: string;
  source: string;
  destination: string;
  /** namespace/name of the source/destination IP when the app named it. */
  sourcePeer?: string;
  destinationPeer?: string;
  protocol: string;
  length: number;
  info: string;
  colour: ColourClass;
  /** TCP or UDP stream number (tcp.stream / udp.stream), for Follow. */
  stream?: number;
}

export interface PacketDetail {
  row: PacketRow;
  protocols: string[];
  tree: TreeNode[];
  /** The captured bytes, for the hex view (tree nodes index into it). */
  bytes: Uint8Array;
  malformed?: string;
}

/** Capture-wide facts the view shows in its status bar. */
export interface IndexStats {
  packets: number;
  interfaces: string[];
  firstEpoch?: number;
  lastEpoch?: number;
  tcpStreams: number;
  udpStreams: number;
  issues: number;
}
