// ICMP (IP protocol 1): echo with Wireshark's Info wording, errors with the quoted packet.
import type { Dissector } from './registry';
import { hex, u16be } from './format';

const TYPES: Record<number, string> = {
  0: 'Echo (ping) reply',
  3: 'Destination unreachable',
  4: 'Source quench (flow control)',
  5: 'Redirect',
  8: 'Echo (ping) request',
  9: 'Router advertisement',
  10: 'Router solicitation',
  11: 'Time-to-live exceeded',
  12: 'Parameter problem',
  13: 'Timestamp request',
  14: 'Timestamp reply',
};
const UNREACHABLE: Record<number, string> = {
  0: 'Network unreachable',
  1: 'Host unreachable',
  2: 'Protocol unreachable',
  3: 'Port unreachable',
  4: 'Fragmentation needed',
  5: 'Source route failed',
  6: 'Destination network unknown',
  7: 'Destination host unknown',
  9: 'Network administratively prohibited',
  10: 'Host administratively prohibited',
  13: 'Communication administratively filtered',
};
const TIME_EXCEEDED: Record<number, string> = {
  0: 'Time to live exceeded in transit',
  1: 'Fragment reassembly time exceeded',
};
/** Types whose body quotes the offending IP header and 8+ bytes of its payload. */
const ERROR_TYPES = new Set([3, 4, 5, 11, 12]);

export const icmp: Dissector = {
  name: 'icmp',
  registers: [{ table: 'ip.proto', key: 1 }],
  fields: [
    { name: 'icmp', type: 'protocol', label: 'Internet Control Message Protocol' },
    { name: 'icmp.type', type: 'uint', label: 'Type' },
    { name: 'icmp.code', type: 'uint', label: 'Code' },
    { name: 'icmp.checksum', type: 'uint', label: 'Checksum' },
    { name: 'icmp.ident', type: 'uint', label: 'Identifier (BE)' },
    { name: 'icmp.seq', type: 'uint', label: 'Sequence Number (BE)' },
    { name: 'icmp.seq_le', type: 'uint', label: 'Sequence Number (LE)' },
    { name: 'icmp.resp_to', type: 'uint', label: 'Response To' },
  ],
  dissect(pkt, b, start, end) {
    if (end - start < 4) {
      pkt.layer('icmp', 'Internet Control Message Protocol', start, end - start);
      pkt.setColumns('ICMP', '');
      pkt.markMalformed('ICMP', 'shorter than 4 bytes');
      return undefined;
    }
    const type = b[start] ?? 0;
    const code = b[start + 1] ?? 0;
    const name = TYPES[type] ?? `Unknown ICMP (obsolete or malformed?)`;
    const t = pkt.layer('icmp', 'Internet Control Message Protocol', start, end - start);
    pkt.add(t, `Type: ${type} (${name})`, start, 1, 'icmp.type');
    pkt.add(t, `Code: ${code}`, start + 1, 1, 'icmp.code');
    pkt.add(t, `Checksum: ${hex(u16be(b, start + 2), 4)}`, start + 2, 2, 'icmp.checksum');
    pkt.field('icmp.type', type);
    pkt.field('icmp.code', code);
    pkt.field('icmp.checksum', u16be(b, start + 2));

    if ((type === 0 || type === 8) && end - start >= 8) {
      const id = u16be(b, start + 4);
      const seq = u16be(b, start + 6);
      const seqLe = ((seq & 0xff) << 8) | (seq >> 8);
      pkt.add(t, `Identifier (BE): ${id} (${hex(id, 4)})`, start + 4, 2, 'icmp.ident');
      pkt.add(t, `Sequence Number (BE): ${seq} (${hex(seq, 4)})`, start + 6, 2, 'icmp.seq');
      pkt.add(t, `Sequence Number (LE): ${seqLe} (${hex(seqLe, 4)})`, start + 6, 2, 'icmp.seq_le');
      pkt.field('icmp.ident', id);
      pkt.field('icmp.seq', seq);
      pkt.field('icmp.seq_le', seqLe);
      if (end - start > 8)
        pkt.add(t, `Data (${end - start - 8} bytes)`, start + 8, end - start - 8, 'data');
      let info = `${name.padEnd(20)} id=${hex(id, 4)}, seq=${seq}/${seqLe}, ttl=${pkt.network?.ttl ?? 0}`;
      if (!pkt.nested) {
        const key = `${pkt.network?.src}>${pkt.network?.dst}/${id}/${seq}`;
        if (type === 8) pkt.context.echoRequests.set(key, pkt.frameNumber);
        else {
          const request = pkt.context.echoRequests.get(
            `${pkt.network?.dst}>${pkt.network?.src}/${id}/${seq}`,
          );
          if (request !== undefined) {
            info += ` (request in ${request})`;
            pkt.field('icmp.resp_to', request);
          }
        }
      }
      pkt.setColumns('ICMP', info);
      return undefined;
    }

    const reason = type === 3 ? UNREACHABLE[code] : type === 11 ? TIME_EXCEEDED[code] : undefined;
    pkt.setColumns('ICMP', reason ? `${name} (${reason})` : name);
    if (ERROR_TYPES.has(type) && end - start > 8) {
      return { table: 'ethertype', keys: [0x0800], start: start + 8, end, nested: true };
    }
    return undefined;
  },
};
