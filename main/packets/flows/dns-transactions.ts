// DNS transactions: each query paired with its response (same transport stream and
// transaction id), with latency, rcode and answers; queries never answered are listed too.
// Only packets the index marked as DNS are re-dissected.
import type { FieldValue } from '../dissectors/model';
import type { PacketIndex } from '../index/packet-index';
import { ReplayingDissector } from '../index/row-dissector';

export interface DnsTransaction {
  id: number;
  name: string;
  type: string;
  client: string;
  server: string;
  /** 1-based frame numbers. */
  queryFrame: number;
  responseFrame?: number;
  /** Epoch seconds of the query. */
  time: number;
  /** Seconds from query to response. */
  latency?: number;
  rcode?: number;
  /** "NOERROR", "NXDOMAIN", "SERVFAIL" … */
  rcodeName?: string;
  answers: string[];
  answered: boolean;
}

const RCODE_NAMES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];

export function rcodeName(rcode: number): string {
  return RCODE_NAMES[rcode] ?? `RCODE${rcode}`;
}

export function buildDnsTransactions(index: PacketIndex): DnsTransaction[] {
  const c = index.columns;
  const d = new ReplayingDissector(index, { tree: false, fields: true, warm: false });
  const pending = new Map<string, DnsTransaction>();
  const out: DnsTransaction[] = [];
  for (let i = 0; i < c.count; i++) {
    const dns = c.dns[i] ?? 0;
    if (dns === 0) continue;
    const f = d.dissect(i).fields;
    const id = first(f, 'dns.id');
    if (typeof id !== 'number') continue;
    const time = (c.tsSec[i] ?? 0) + (c.tsNsec[i] ?? 0) / 1e9;
    const src = index.addressText(i, 'src');
    const dst = index.addressText(i, 'dst');
    const response = (dns & 0x20) !== 0;
    // The client side of the exchange keys it: its address and port, and the server's.
    const key = response
      ? `${dst}|${c.dstPort[i]}|${src}|${c.srcPort[i]}|${id}`
      : `${src}|${c.srcPort[i]}|${dst}|${c.dstPort[i]}|${id}`;
    if (!response) {
      const t: DnsTransaction = {
        id,
        name: String(first(f, 'dns.qry.name') ?? ''),
        type: String(first(f, 'dns.qry.type') ?? ''),
        client: src,
        server: dst,
        queryFrame: i + 1,
        time,
        answers: [],
        answered: false,
      };
      pending.set(key, t);
      out.push(t);
      continue;
    }
    const rcode = dns & 0x0f;
    const answers = [
      ...(f.get('dns.a') ?? []),
      ...(f.get('dns.aaaa') ?? []),
      ...(f.get('dns.cname') ?? []),
    ].map(String);
    const q = pending.get(key);
    if (q) {
      pending.delete(key);
      q.responseFrame = i + 1;
      q.latency = time - q.time;
      q.rcode = rcode;
      q.rcodeName = rcodeName(rcode);
      q.answers = answers;
      q.answered = true;
    } else {
      // A response whose query was not captured.
      out.push({
        id,
        name: String(first(f, 'dns.qry.name') ?? ''),
        type: String(first(f, 'dns.qry.type') ?? ''),
        client: dst,
        server: src,
        queryFrame: 0,
        responseFrame: i + 1,
        time,
        rcode,
        rcodeName: rcodeName(rcode),
        answers,
        answered: true,
      });
    }
  }
  return out;
}

function first(f: ReadonlyMap<string, FieldValue[]>, name: string): FieldValue | undefined {
  return f.get(name)?.[0];
}
