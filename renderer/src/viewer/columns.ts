// The packet list columns (Wireshark's defaults plus Pod), as one CSS grid template so the
// header and every row line up.
import type { PacketRowView } from '../../../main/api/contract';

export interface PacketColumn {
  id: string;
  title: string;
  text(row: PacketRowView): string;
  align?: 'right';
}

const peer = (addr: string, name: string | undefined) => (name ? `${name} (${addr})` : addr);

export const PACKET_COLUMNS: PacketColumn[] = [
  { id: 'no', title: 'No.', text: (r) => String(r.number), align: 'right' },
  { id: 'time', title: 'Time', text: (r) => r.relativeTime.toFixed(6), align: 'right' },
  { id: 'pod', title: 'Pod', text: (r) => r.pod },
  { id: 'src', title: 'Source', text: (r) => peer(r.source, r.sourcePeer) },
  { id: 'dst', title: 'Destination', text: (r) => peer(r.destination, r.destinationPeer) },
  { id: 'proto', title: 'Protocol', text: (r) => r.protocol },
  { id: 'len', title: 'Length', text: (r) => String(r.length), align: 'right' },
  { id: 'info', title: 'Info', text: (r) => r.info },
];

export const GRID_TEMPLATE =
  '64px 92px 120px minmax(120px, 180px) minmax(120px, 180px) 72px 60px minmax(200px, 1fr)';
