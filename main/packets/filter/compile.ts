// Compiles a parsed filter into a per-packet predicate. Fields the index holds (addresses,
// ports, flags, lengths, protocols, pod) are read from its typed arrays; the others (DNS
// names, HTTP, TLS …) from a re-dissection of that packet only, and only when the packet
// carries the field's protocol at all. Errors come back as values, with the span to underline.
import type { FieldType, FieldValue } from '../dissectors/model';
import type { PacketIndex } from '../index/packet-index';
import { FLAG } from '../index/packet-columns';
import { layerBit } from '../index/protocols';
import type { CompareOp, FilterNode, Literal } from './ast';
import type { FilterError } from './lexer';
import { parseFilter } from './parser';
import { FieldCatalog, typeWord } from './fields';
import { closestName } from './suggest';
import type { Ipv4Range, Ipv6Range } from './values';
import {
  ipv6InRange,
  parseBool,
  parseIpv4,
  parseIpv4Range,
  parseIpv6,
  parseIpv6Range,
  parseMac,
  parseUint,
} from './values';
import { fastField } from './fast-fields';

/** The fields of one packet from a re-dissection, asked for only when a test needs them. */
export type SlowFields = (i: number) => ReadonlyMap<string, FieldValue[]>;

export interface CompiledFilter {
  readonly text: string;
  /** True when some packets will be re-dissected (fields the index does not hold). */
  readonly dissects: boolean;
  /** Re-dissection must replay stream openings (relative seq, TLS state …). */
  readonly warmStreams: boolean;
  /** The fields re-dissection must collect. */
  readonly slowFields: ReadonlySet<string>;
  test(i: number, slow: SlowFields): boolean;
}

export type CompileResult =
  { ok: true; filter: CompiledFilter } | { ok: false; error: FilterError };

type Canonical = number | string | Uint8Array;
type ElementTest = (v: Canonical) => boolean;
type Predicate = (i: number, slow: SlowFields) => boolean;

/**
 * Fields whose value depends on earlier packets of the stream. SNI and ALPN do not: a
 * ClientHello always precedes ChangeCipherSpec, so a packet dissected alone reads it right.
 */
const STATEFUL =
  /^(tcp\.(seq|ack|nxtseq|window_size|options\.sack)|tls\.(?!handshake\.extensions_(server_name|alpn_str))|icmp\.resp_to)/;

class CompileFailure extends Error {
  constructor(readonly error: FilterError) {
    super(error.message);
  }
}

export function compileFilter(text: string, index: PacketIndex): CompileResult {
  const parsed = parseFilter(text);
  if (!parsed.ok) return parsed;
  const catalog = new FieldCatalog(index.registry);
  const state = { dissects: false, warm: false, fields: new Set<string>() };
  try {
    const root = parsed.node;
    const predicate: Predicate = root ? compileNode(root, index, catalog, state) : () => true;
    return {
      ok: true,
      filter: {
        text,
        dissects: state.dissects,
        warmStreams: state.warm,
        slowFields: state.fields,
        test: predicate,
      },
    };
  } catch (e) {
    if (e instanceof CompileFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/** Checks a filter as the user types, without an index (field names and types only). */
export function validateFilter(text: string, index: PacketIndex): FilterError | undefined {
  const r = compileFilter(text, index);
  return r.ok ? undefined : r.error;
}

function compileNode(
  node: FilterNode,
  index: PacketIndex,
  catalog: FieldCatalog,
  state: { dissects: boolean; warm: boolean; fields: Set<string> },
): Predicate {
  switch (node.kind) {
    case 'and': {
      const l = compileNode(node.left, index, catalog, state);
      const r = compileNode(node.right, index, catalog, state);
      return (i, s) => l(i, s) && r(i, s);
    }
    case 'or': {
      const l = compileNode(node.left, index, catalog, state);
      const r = compileNode(node.right, index, catalog, state);
      return (i, s) => l(i, s) || r(i, s);
    }
    case 'not': {
      const e = compileNode(node.expr, index, catalog, state);
      return (i, s) => !e(i, s);
    }
    default:
      return compileTest(node, index, catalog, state);
  }
}

function fieldType(name: string, start: number, end: number, catalog: FieldCatalog): FieldType {
  const t = catalog.type(name);
  if (t) return t;
  const guess = closestName(name, catalog.names);
  throw new CompileFailure({
    message: `"${name}" is not a field or protocol${guess ? `. Did you mean "${guess}"?` : ''}`,
    start,
    end,
  });
}

function compileTest(
  node: Extract<FilterNode, { kind: 'exists' | 'compare' | 'in' }>,
  index: PacketIndex,
  catalog: FieldCatalog,
  state: { dissects: boolean; warm: boolean; fields: Set<string> },
): Predicate {
  const field = node.field;
  const type = fieldType(field, node.start, node.start + field.length, catalog);
  const c = index.columns;

  if (node.kind === 'exists' && type === 'protocol') {
    // tshark calls both Linux cooked captures "sll" (our dissectors say sll2 for v2).
    const bit = field === 'sll' ? layerBit('sll') | layerBit('sll2') : layerBit(field);
    if (bit) return (i) => ((c.layers[i] ?? 0) & bit) !== 0;
  }

  // What a test does with the values of the field in one packet.
  let anyOf: ElementTest;
  let allNot = false;
  if (node.kind === 'exists') anyOf = () => true;
  else if (node.kind === 'in') {
    const tests = node.values.map((v) =>
      Array.isArray(v)
        ? rangeTest(field, type, v[0], v[1])
        : elementTest(field, type, '==', v, index),
    );
    anyOf = (x) => tests.some((t) => t(x));
  } else {
    if (type === 'protocol') {
      throw new CompileFailure({
        message: `"${field}" is a protocol: use it alone ("${field}") or compare one of its fields`,
        start: node.start,
        end: node.end,
      });
    }
    // Wireshark's "!=" means "no value equals" (and, like every test, false when absent).
    allNot = node.op === '!=';
    anyOf = elementTest(field, type, allNot ? '==' : node.op, node.value, index);
  }
  const aggregate = (n: number, get: (k: number) => Canonical): boolean => {
    if (n === 0) return false;
    for (let k = 0; k < n; k++) if (anyOf(get(k))) return !allNot;
    return allNot;
  };

  // Slow path: the re-dissected packet's values, converted to the canonical form.
  const bit = layerBit(field.split('.')[0] ?? '');
  const canon = canonicaliser(type);
  const slowTest: Predicate = (i, slow) => {
    if (bit && ((c.layers[i] ?? 0) & bit) === 0) return false;
    const values = slow(i).get(field);
    if (!values) return false;
    return aggregate(values.length, (k) => canon(values[k] as FieldValue));
  };

  state.fields.add(field);
  const fast = fastField(field, index);
  if (!fast) {
    state.dissects = true;
    if (STATEFUL.test(field)) state.warm = true;
    return slowTest;
  }
  // Packets with several network layers or decoded by the full dissector: their columns hold
  // one layer only, so they take the slow path (rare: tunnels, ICMP errors, non-IP).
  state.dissects = true;
  const scratch = new Float64Array(2);
  const idCache = new Map<number, boolean>();
  const getScratch = (k: number): number => scratch[k] ?? 0;
  if (fast.kind === 'number') {
    return (i, slow) => {
      if ((c.flags[i] ?? 0) & (FLAG.multiLayer | FLAG.fallback)) return slowTest(i, slow);
      const n = fast.get(i, scratch);
      if (n < 0) return slowTest(i, slow);
      return aggregate(n, getScratch);
    };
  }
  // Interned ids (IPv6 addresses, pods): test each distinct id once.
  const idMatches = (id: number): boolean => {
    let m = idCache.get(id);
    if (m === undefined) {
      m = anyOf(canon(fast.text(id)));
      idCache.set(id, m);
    }
    return m;
  };
  return (i, slow) => {
    if ((c.flags[i] ?? 0) & (FLAG.multiLayer | FLAG.fallback)) return slowTest(i, slow);
    const n = fast.get(i, scratch);
    if (n < 0) return slowTest(i, slow);
    if (n === 0) return false;
    for (let k = 0; k < n; k++) if (idMatches(scratch[k] ?? 0)) return !allNot;
    return allNot;
  };
}

/** Dissector values → what tests compare: IPv4 as numbers, IPv6 as bytes, flags as 0/1. */
function canonicaliser(type: FieldType): (v: FieldValue) => Canonical {
  switch (type) {
    case 'ipv4':
      return (v) => (typeof v === 'number' ? v : (parseIpv4(String(v)) ?? -1));
    case 'ipv6':
      return (v) => parseIpv6(String(v)) ?? String(v);
    case 'bool':
      return (v) => (v === true || v === 1 ? 1 : 0);
    case 'uint':
      return (v) => (typeof v === 'number' ? v : Number(v));
    case 'ether':
      return (v) => String(v).toLowerCase();
    default:
      return (v) => String(v);
  }
}

function fail(message: string, lit: { start: number; end: number }): never {
  throw new CompileFailure({ message, start: lit.start, end: lit.end });
}

const ORDER_OPS = new Set<CompareOp>(['<', '>', '<=', '>=']);

function numberCompare(op: CompareOp, want: number): ElementTest {
  switch (op) {
    case '==':
      return (v) => v === want;
    case '<':
      return (v) => (v as number) < want;
    case '>':
      return (v) => (v as number) > want;
    case '<=':
      return (v) => (v as number) <= want;
    default:
      return (v) => (v as number) >= want;
  }
}

function elementTest(
  field: string,
  type: FieldType,
  op: CompareOp,
  lit: Literal,
  index: PacketIndex,
): ElementTest {
  const badOp = (allowed: string) =>
    fail(`"${op}" cannot be used with ${field}, which is ${typeWord(type)}; use ${allowed}`, lit);
  switch (type) {
    case 'uint': {
      if (op === 'contains' || op === 'matches') badOp('==, !=, <, >, <= or >=');
      const n = parseUint(lit.text);
      if (n === undefined)
        fail(`"${lit.text}" is not a number (${field} is ${typeWord(type)})`, lit);
      return numberCompare(op, n);
    }
    case 'bool': {
      if (op !== '==') badOp('== or != with 1 or 0');
      const b = parseBool(lit.text);
      if (b === undefined) fail(`"${lit.text}" is not a flag value: use 1 or 0`, lit);
      const want = b ? 1 : 0;
      return (v) => v === want;
    }
    case 'ipv4': {
      if (op === 'contains' || op === 'matches') badOp('==, != or a CIDR like 10.0.0.0/8');
      const range = parseIpv4Range(lit.text);
      if (range) {
        if (ORDER_OPS.has(op)) return numberCompare(op, range.net);
        return ipv4RangeTest(range);
      }
      return peerTest(field, lit, index, 4);
    }
    case 'ipv6': {
      if (op !== '==') badOp('== or != (a prefix like fd00::/8 works too)');
      const range = parseIpv6Range(lit.text);
      if (range) return ipv6RangeTest(range);
      return peerTest(field, lit, index, 6);
    }
    case 'ether': {
      if (op !== '==') badOp('== or !=');
      const mac = parseMac(lit.text);
      if (!mac) fail(`"${lit.text}" is not a MAC address (like 02:42:ac:11:00:02)`, lit);
      return (v) => v === mac;
    }
    case 'string': {
      if (op === 'contains') return (v) => String(v).includes(lit.text);
      if (op === 'matches') {
        let re: RegExp;
        try {
          re = new RegExp(lit.text, 'i');
        } catch (e) {
          return fail(`bad regular expression: ${e instanceof Error ? e.message : String(e)}`, lit);
        }
        return (v) => re.test(String(v));
      }
      if (op === '==') return (v) => v === lit.text;
      const t = lit.text;
      return op === '<'
        ? (v) => String(v) < t
        : op === '>'
          ? (v) => String(v) > t
          : op === '<='
            ? (v) => String(v) <= t
            : (v) => String(v) >= t;
    }
    default:
      return fail(
        `${field} (${typeWord(type)}) cannot be compared yet; test its presence alone`,
        lit,
      );
  }
}

function ipv4RangeTest(r: Ipv4Range): ElementTest {
  const { net, mask } = r;
  if (mask === 0xffffffff) return (v) => v === net;
  return (v) => typeof v === 'number' && (v & mask) >>> 0 === net;
}

function ipv6RangeTest(r: Ipv6Range): ElementTest {
  return (v) => v instanceof Uint8Array && ipv6InRange(v, r);
}

/** "shop/web-7d4b9": every IP the app's name table gives that name. */
function peerTest(field: string, lit: Literal, index: PacketIndex, version: 4 | 6): ElementTest {
  const v4 = new Set<number>();
  const v6: Uint8Array[] = [];
  for (const [ip, name] of index.peerNames) {
    if (name !== lit.text) continue;
    const a = parseIpv4(ip);
    if (a !== undefined) v4.add(a);
    const b = parseIpv6(ip);
    if (b) v6.push(b);
  }
  if (v4.size === 0 && v6.length === 0) {
    const what = version === 4 ? 'an IPv4 address, a CIDR' : 'an IPv6 address, a prefix';
    fail(`"${lit.text}" is not ${what} or a known pod/service name (${field})`, lit);
  }
  if (version === 4) return (v) => typeof v === 'number' && v4.has(v);
  return (v) => v instanceof Uint8Array && v6.some((b) => ipv6InRange(v, { bytes: b, bits: 128 }));
}

function rangeTest(field: string, type: FieldType, lo: Literal, hi: Literal): ElementTest {
  if (type !== 'uint') fail(`ranges (a..b) work on numbers; ${field} is ${typeWord(type)}`, lo);
  const a = parseUint(lo.text);
  const b = parseUint(hi.text);
  if (a === undefined) fail(`"${lo.text}" is not a number`, lo);
  if (b === undefined) fail(`"${hi.text}" is not a number`, hi);
  return (v) => (v as number) >= a && (v as number) <= b;
}
