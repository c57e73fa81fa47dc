// Wireshark's default colouring rules, in their order (first match wins), reduced to what
// the index holds — plus "DNS failure", which this tool's users look for first.
import { BIT } from './protocols';

// The class names are part of the contract (the renderer colours rows by them): one list.
export { packetColours as COLOUR_CLASSES } from '../../api/contract/packets';
import type { packetColours } from '../../api/contract/packets';
export type ColourClass = (typeof packetColours)[number];

const ICMP_ERROR_TYPES = new Set([3, 4, 5, 11, 12]);
const ICMPV6_ERROR_TYPES = new Set([1, 2, 3, 4]);

export function colourClass(
  layers: number,
  transport: number,
  icmpType: number,
  tcpFlags: number,
  dns: number,
  srcPort: number,
  dstPort: number,
): number {
  if (transport === 1 && ICMP_ERROR_TYPES.has(icmpType)) return 1;
  if (transport === 58 && ICMPV6_ERROR_TYPES.has(icmpType)) return 1;
  if (layers & BIT.arp) return 2;
  if (layers & (BIT.icmp | BIT.icmpv6)) return 3;
  if (transport === 6 && tcpFlags & 0x04) return 4;
  if ((dns & 0x20) !== 0 && (dns & 0x0f) !== 0) return 5;
  if (layers & BIT.http || (transport === 6 && (srcPort === 80 || dstPort === 80))) return 6;
  if (transport === 6 && tcpFlags & 0x03) return 7;
  if (layers & BIT.tcp) return 8;
  if (layers & BIT.udp) return 9;
  return 0;
}
