// Literal parsing per field type: numbers, IPv4/IPv6 addresses with CIDR, MACs, booleans.

export interface Ipv4Range {
  /** Network address and mask: v matches when (v & mask) === net. */
  net: number;
  mask: number;
}

export function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  let v = 0;
  for (let k = 1; k <= 4; k++) {
    const o = Number(m[k]);
    if (o > 255) return undefined;
    v = v * 256 + o;
  }
  return v >>> 0;
}

export function parseIpv4Range(text: string): Ipv4Range | undefined {
  const [addr, bits, extra] = text.split('/');
  if (extra !== undefined || addr === undefined) return undefined;
  const v = parseIpv4(addr);
  if (v === undefined) return undefined;
  const n = bits === undefined ? 32 : Number(bits);
  if (!Number.isInteger(n) || n < 0 || n > 32 || (bits !== undefined && !/^\d+$/.test(bits)))
    return undefined;
  const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  return { net: (v & mask) >>> 0, mask };
}

/** 16 bytes of an IPv6 address text (with "::" and an IPv4 tail), or undefined. */
export function parseIpv6(text: string): Uint8Array | undefined {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(':')) return undefined;
  let head = text;
  const lastColon = text.lastIndexOf(':');
  const v4 = text.slice(lastColon + 1);
  if (v4.includes('.')) {
    // An IPv4 tail ("::ffff:10.0.0.1") stands for the last two groups.
    const v = parseIpv4(v4);
    if (v === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}${(v >>> 16).toString(16)}:${(v & 0xffff).toString(16)}`;
  }
  const parts = head.split('::');
  if (parts.length > 2) return undefined;
  const group = (s: string): number[] | undefined => {
    if (s === '') return [];
    const gs = s.split(':');
    const out: number[] = [];
    for (const g of gs) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = group(parts[0] ?? '');
  const right = parts.length === 2 ? group(parts[1] ?? '') : [];
  if (!left || !right) return undefined;
  const known = left.length + right.length;
  let groups: number[];
  if (parts.length === 2) {
    if (known > 7) return undefined;
    groups = [...left, ...new Array<number>(8 - known).fill(0), ...right];
  } else {
    groups = left;
    if (groups.length !== 8) return undefined;
  }
  const b = new Uint8Array(16);
  groups.forEach((g, i) => {
    b[2 * i] = g >> 8;
    b[2 * i + 1] = g & 0xff;
  });
  return b;
}

export interface Ipv6Range {
  bytes: Uint8Array;
  bits: number;
}

export function parseIpv6Range(text: string): Ipv6Range | undefined {
  const [addr, bits, extra] = text.split('/');
  if (extra !== undefined || addr === undefined) return undefined;
  const bytes = parseIpv6(addr);
  const n = bits === undefined ? 128 : Number(bits);
  if (!bytes || !Number.isInteger(n) || n < 0 || n > 128) return undefined;
  return { bytes, bits: n };
}

export function ipv6InRange(b: Uint8Array, r: Ipv6Range): boolean {
  let bits = r.bits;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((b[i] ?? 0) & mask) !== ((r.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

export function parseUint(text: string): number | undefined {
  if (/^0x[0-9a-f]+$/i.test(text)) return parseInt(text.slice(2), 16);
  if (/^\d+$/.test(text)) return Number(text);
  return undefined;
}

export function parseBool(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  return undefined;
}

export function parseMac(text: string): string | undefined {
  const m =
    /^([0-9a-f]{2})[:\-.]?([0-9a-f]{2})[:\-.]?([0-9a-f]{2})[:\-.]?([0-9a-f]{2})[:\-.]?([0-9a-f]{2})[:\-.]?([0-9a-f]{2})$/i.exec(
      text,
    );
  return m ? m.slice(1).join(':').toLowerCase() : undefined;
}
