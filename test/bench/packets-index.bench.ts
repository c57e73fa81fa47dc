// Benchmark for issue 5's index: a generated 1M-packet capture (TLS on 443, HTTP, DNS, some
// resets and NXDOMAINs) opened and indexed, a screenful of rows at the end, display filters,
// conversations; tcpdump -nr and tshark -r timed in the same run for the ratios.
// Run: npx tsx test/bench/packets-index.bench.ts [packets]   (SNOOPY_BENCH_SKIP_TOOLS=1 skips tools)
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import dnsPacket from 'dns-packet';
import { PcapWriter } from '../../main/packets/write/pcap-writer';
import {
  ethernetFrame,
  ipv4Packet,
  tcpSegment,
  udpDatagram,
} from '../../main/packets/write/frame-builder';
import { LinkType } from '../../main/packets/types';
import { openCaptureFile } from '../../main/packets/index/open-capture';
import type { PacketIndex } from '../../main/packets/index/packet-index';
import { compileFilter } from '../../main/packets/filter/compile';
import { runFilter } from '../../main/packets/filter/run-filter';
import { buildConversations } from '../../main/packets/flows/conversations';
import { buildDnsTransactions } from '../../main/packets/flows/dns-transactions';

const PACKETS = Number(process.argv[2] ?? 1_000_000);
// A real gc() between steps, so one step's garbage (the generated file) is not charged to the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const CLIENT_MAC = '02:00:0a:01:00:01';
const SERVER_MAC = '02:00:0a:01:00:02';
const enc = new TextEncoder();

interface Template {
  frame: Uint8Array;
  /** Offset of the client's port in the frame (patched per cycle so streams stay short). */
  clientPortAt: number;
}

/** One cycle of traffic for client k: TLS, HTTP and DNS exchanges (~20 packets). */
function templates(): Template[] {
  const out: Template[] = [];
  const ETH = 14;
  const IP = 20;
  for (let k = 0; k < 50; k++) {
    const c = k === 1 ? '10.1.2.3' : `10.1.${k % 8}.${10 + k}`;
    const tcp = (
      s: string,
      port: number,
      out_: boolean,
      flags: number,
      seq: number,
      ack: number,
      payload?: Uint8Array,
    ) => {
      const [a, b] = out_ ? [c, s] : [s, c];
      const seg = tcpSegment(a, b, {
        srcPort: out_ ? 40000 : port,
        dstPort: out_ ? port : 40000,
        seq,
        ack,
        flags,
        ...(payload && { payload }),
      });
      const ip = ipv4Packet({ src: a, dst: b, protocol: 6, payload: seg, id: k });
      const frame = ethernetFrame(
        out_ ? SERVER_MAC : CLIENT_MAC,
        out_ ? CLIENT_MAC : SERVER_MAC,
        0x0800,
        ip,
      );
      out.push({ frame, clientPortAt: ETH + IP + (out_ ? 0 : 2) });
    };
    const tlsServer = '10.96.4.43';
    const hello = tlsRecord(22, clientHello(`api-${k}.example.com`));
    tcp(tlsServer, 443, true, 2, 1000, 0);
    tcp(tlsServer, 443, false, 18, 9000, 1001);
    tcp(tlsServer, 443, true, 16, 1001, 9001);
    tcp(tlsServer, 443, true, 24, 1001, 9001, hello);
    tcp(tlsServer, 443, false, 16, 9001, 1001 + hello.length);
    tcp(tlsServer, 443, false, 24, 9001, 1001 + hello.length, tlsRecord(23, new Uint8Array(300)));
    tcp(tlsServer, 443, true, 17, 1001 + hello.length, 9306);
    tcp(tlsServer, 443, false, 17, 9306, 1002 + hello.length);
    const web = '10.96.8.80';
    const req = enc.encode(`GET /cart/${k} HTTP/1.1\r\nHost: web.shop\r\n\r\n`);
    const res = enc.encode('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    tcp(web, 80, true, 2, 5000, 0);
    tcp(web, 80, false, 18, 7000, 5001);
    tcp(web, 80, true, 16, 5001, 7001);
    tcp(web, 80, true, 24, 5001, 7001, req);
    tcp(web, 80, false, 24, 7001, 5001 + req.length, res);
    tcp(web, 80, true, k % 10 === 0 ? 4 : 17, 5001 + req.length, 7001 + res.length);
    const dnsServer = '10.96.0.10';
    const name = k % 2 ? `cart-${k}.shop.svc.cluster.local` : `db-${k}.data.svc.cluster.local`;
    const q = dnsPacket.encode({
      type: 'query',
      id: k,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type: 'A', name }],
    });
    const nx = k % 7 === 0;
    const a = dnsPacket.encode({
      type: 'response',
      id: k,
      flags: nx ? 3 : 0,
      questions: [{ type: 'A', name }],
      answers: nx ? [] : [{ type: 'A', name, ttl: 30, data: '10.96.9.9' }],
    });
    const udp = (out_: boolean, payload: Uint8Array) => {
      const [x, y] = out_ ? [c, dnsServer] : [dnsServer, c];
      const d = udpDatagram(x, y, {
        srcPort: out_ ? 40000 : 53,
        dstPort: out_ ? 53 : 40000,
        payload,
      });
      const frame = ethernetFrame(
        out_ ? SERVER_MAC : CLIENT_MAC,
        out_ ? CLIENT_MAC : SERVER_MAC,
        0x0800,
        ipv4Packet({ src: x, dst: y, protocol: 17, payload: d }),
      );
      out.push({ frame, clientPortAt: ETH + IP + (out_ ? 0 : 2) });
    };
    udp(true, q);
    udp(false, a);
  }
  return out;
}

function tlsRecord(type: number, body: Uint8Array): Uint8Array {
  const r = new Uint8Array(5 + body.length);
  r.set([type, 3, 1, body.length >> 8, body.length & 0xff]);
  r.set(body, 5);
  return r;
}

/** A minimal ClientHello with an SNI extension. */
function clientHello(sni: string): Uint8Array {
  const name = enc.encode(sni);
  const ext = [
    0,
    0,
    0,
    name.length + 5,
    0,
    name.length + 3,
    0,
    name.length >> 8,
    name.length & 0xff,
    ...name,
  ];
  const body = [
    3,
    3,
    ...new Array<number>(32).fill(7),
    0,
    0,
    2,
    0x13,
    0x01,
    1,
    0,
    ext.length >> 8,
    ext.length & 0xff,
    ...ext,
  ];
  return Uint8Array.from([1, 0, body.length >> 8, body.length & 0xff, ...body]);
}

function generate(path: string, count: number): void {
  const chunks: Uint8Array[] = [];
  const t = templates();
  const w = new PcapWriter((ch) => chunks.push(ch), { linkType: LinkType.ETHERNET });
  const start = 1_760_000_000;
  for (let i = 0; i < count; i++) {
    const tpl = t[i % t.length] as Template;
    const cycle = Math.floor(i / t.length);
    const frame = tpl.frame.slice();
    const port = 10000 + (cycle % 50000);
    frame[tpl.clientPortAt] = port >> 8;
    frame[tpl.clientPortAt + 1] = port & 0xff;
    w.write({ tsSec: start + Math.floor(i / 10000), tsNsec: (i % 10000) * 100_000, data: frame });
  }
  w.flush();
  writeFileSync(path, Buffer.concat(chunks));
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function time<T>(f: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const t0 = process.hrtime.bigint();
  const result = await f();
  return { ms: ms(t0), result };
}

function tool(cmd: string, args: string[]): number {
  if (process.env.SNOOPY_BENCH_SKIP_TOOLS === '1') return NaN;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  return r.error ? NaN : ms(t0);
}

function filterTime(index: PacketIndex, text: string): Promise<{ ms: number; result: number }> {
  const compiled = compileFilter(text, index);
  if (!compiled.ok) throw new Error(`${text}: ${compiled.error.message}`);
  return time(async () => (await runFilter(index, compiled.filter)).matches.length);
}

async function main(): Promise<void> {
  const path = join(tmpdir(), `snoopy-index-bench-${PACKETS}.pcap`);
  const gen = await time(() => generate(path, PACKETS));
  console.log(
    `generated ${PACKETS} packets, ${(statSync(path).size / 1e6).toFixed(1)} MB in ${gen.ms.toFixed(0)} ms`,
  );

  // Warm the JIT and the page cache, then measure a fresh open.
  for (let k = 0; k < 2; k++) (await openCaptureFile(path)).close();
  gc();
  const baseline = process.memoryUsage();
  const open = await time(() => openCaptureFile(path));
  const index = open.result;
  gc();
  const mem = process.memoryUsage();
  const screen = await time(() => index.rows(index.count - 60, 60));
  const detail = await time(() => index.detail(index.count));
  const filters = [
    'tcp.port == 443',
    'ip.addr == 10.1.2.3 and tcp.flags.syn == 1',
    'dns.qry.name contains "shop"',
    'http.request.uri contains "/cart/1"',
    'tls.handshake.extensions_server_name == "api-3.example.com"',
  ];
  const filterTimes: { text: string; ms: number; result: number }[] = [];
  for (const text of filters) filterTimes.push({ text, ...(await filterTime(index, text)) });
  const flows = await time(() => buildConversations(index).length);
  const dns = await time(() => buildDnsTransactions(index).length);

  const tcpdump = tool('tcpdump', ['-nr', path]);
  const tshark = tool('tshark', ['-n', '-r', path]);
  const tsharkY = tool('tshark', ['-n', '-r', path, '-Y', 'tcp.port == 443']);

  const ratio = (ref: number, ours: number) =>
    Number.isNaN(ref) ? '   n/a' : `${(ref / ours).toFixed(1).padStart(6)}x`;
  const pad = (s: string) => s.padEnd(64);
  const line = (label: string, t: number, extra = '') =>
    console.log(`${pad(label)}${t.toFixed(1).padStart(9)} ms  ${extra}`);
  console.log(`\n${pad('step')}${'time'.padStart(12)}  vs tcpdump -nr / tshark -r`);
  line(
    `open + index (${index.count} packets)`,
    open.ms,
    `${ratio(tcpdump, open.ms)} / ${ratio(tshark, open.ms)}`,
  );
  line('rows: last screenful (60 rows, re-dissected)', screen.ms);
  line('detail of the last packet (tree + bytes)', detail.ms);
  for (const f of filterTimes) {
    const vs = f.text === 'tcp.port == 443' ? `   vs tshark -Y: ${ratio(tsharkY, f.ms)}` : '';
    line(`filter ${f.text} → ${f.result}`, f.ms, vs);
  }
  line(`conversations (${flows.result})`, flows.ms);
  line(`DNS transactions (${dns.result})`, dns.ms);
  line('tcpdump -nr (to /dev/null)', tcpdump);
  line('tshark -n -r (to /dev/null)', tshark);
  line("tshark -n -r -Y 'tcp.port == 443'", tsharkY);
  const mb = (n: number) => (n / 1e6).toFixed(0);
  console.log(
    `\nmemory after indexing: heapUsed ${mb(mem.heapUsed)} MB + external ${mb(mem.external)} MB (arrayBuffers ${mb(mem.arrayBuffers)} MB) = ${mb(mem.heapUsed + mem.external)} MB; growth over baseline ${mb(mem.heapUsed + mem.external - baseline.heapUsed - baseline.external)} MB; index arrays ${mb(index.columns.byteLength)} MB`,
  );
  console.log(
    `targets: open+index ≤ 500 ms: ${open.ms <= 500 ? 'met' : 'MISSED'}; ≥ 8× tcpdump -nr: ${tcpdump / open.ms >= 8 ? 'met' : Number.isNaN(tcpdump) ? 'n/a' : 'MISSED'}; fast filters ≤ 300 ms: ${(filterTimes[0]?.ms ?? 0) <= 300 && (filterTimes[1]?.ms ?? 0) <= 300 ? 'met' : 'MISSED'}; memory < 300 MB: ${mem.heapUsed + mem.external < 300e6 ? 'met' : 'MISSED'}`,
  );
  index.close();
}

await main();
