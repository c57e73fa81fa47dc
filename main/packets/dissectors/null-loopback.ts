// BSD loopback: link type 0 (address family in the writer's byte order) and 108 (OpenBSD
// "loop", network byte order). AF_INET is 2 everywhere; AF_INET6 differs per OS.
import type { Dissector } from './registry';
import { u32be } from './format';

const AF_INET6 = new Set([10, 24, 28, 30]);

export const nullLoopback: Dissector = {
  name: 'null',
  registers: [
    { table: 'link', key: 0 },
    { table: 'link', key: 108 },
  ],
  fields: [
    { name: 'null', type: 'protocol', label: 'Null/Loopback' },
    { name: 'null.family', type: 'uint', label: 'Family' },
  ],
  dissect(pkt, b, start, end) {
    if (end - start < 4) {
      pkt.layer('null', 'Null/Loopback', start, end - start);
      pkt.markMalformed('Null', 'shorter than its 4-byte family');
      return undefined;
    }
    const be = u32be(b, start);
    // Host byte order is unknown: a family is small, so whichever order gives a small value wins.
    const family = be > 0xffff ? ((b[start] ?? 0) | ((b[start + 1] ?? 0) << 8)) >>> 0 : be;
    const t = pkt.layer('null', 'Null/Loopback', start, 4);
    pkt.add(t, `Family: ${family}`, start, 4, 'null.family');
    pkt.field('null.family', family);
    const type = family === 2 ? 0x0800 : AF_INET6.has(family) ? 0x86dd : undefined;
    pkt.setColumns('NULL', `Family ${family}`);
    if (type === undefined) return undefined;
    return { table: 'ethertype', keys: [type], start: start + 4, end };
  },
};
