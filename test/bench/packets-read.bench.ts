// Benchmark for issue 5: reading a generated 1M-packet pcap with pcap-parser, a plain header
// walk, our streaming reader (and reader + dissection), against tcpdump -nr and tshark -r.
// Run: npx tsx test/bench/packets-read.bench.ts [packets]   (SNOOPY_BENCH_SKIP_TOOLS=1 skips tools)
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dnsPacket from 'dns-packet';
import { PcapWriter } from '../../main/packets/write/pcap-writer';
import { PcapngWriter } from '../../main/packets/write/pcapng-writer';
import {
  ethernetFrame,
  ipv4Packet,
  tcpSegment,
  udpDatagram,
} from '../../main/packets/write/frame-builder';
import { CaptureReader } from '../../main/packets/read/capture-reader';
import { createDissector } from '../../main/packets/dissect';
import { LinkType } from '../../main/packets/types';

interface PcapParserModule {
  parse(input: string | NodeJS.ReadableStream): NodeJS.EventEmitter;
}
const pcapParser = createRequire(import.meta.url)('pcap-parser') as PcapParserModule;

const PACKETS = Number(process.argv[2] ?? 1_000_000);
const CLIENT_MAC = '02:00:0a:fa:00:01';
const SERVER_MAC = '02:00:0a:fa:00:02';

/** A few hundred distinct frames (handshakes, HTTP, DNS), cycled to the requested count. */
function templateFrames(): Uint8Array[] {
  const frames: Uint8Array[] = [];
  const eth = (src: string, dst: string, ip: Uint8Array, out: boolean) =>
    ethernetFrame(out ? SERVER_MAC : CLIENT_MAC, out ? CLIENT_MAC : SERVER_MAC, 0x0800, ip);
  for (let i = 0; i < 100; i++) {
    const c = `10.250.${i % 4}.${10 + (i % 200)}`;
    const s = '10.250.9.80';
    const port = 40000 + i;
    const tcp = (out: boolean, flags: number, seq: number, ack: number, payload?: Uint8Array) => {
      const [a, b] = out ? [c, s] : [s, c];
      const seg = tcpSegment(a, b, {
        srcPort: out ? port : 80,
        dstPort: out ? 80 : port,
        seq,
        ack,
        flags,
        ...(payload && { payload }),
      });
      return eth(a, b, ipv4Packet({ src: a, dst: b, protocol: 6, payload: seg, id: i }), out);
    };
    const req = new TextEncoder().encode(`GET /item/${i} HTTP/1.1\r\nHost: web\r\n\r\n`);
    const res = new TextEncoder().encode('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    frames.push(tcp(true, 2, 1000, 0), tcp(false, 18, 5000, 1001), tcp(true, 16, 1001, 5001));
    frames.push(tcp(true, 24, 1001, 5001, req), tcp(false, 24, 5001, 1001 + req.length, res));
    const query = dnsPacket.encode({
      type: 'query',
      id: i,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type: 'A', name: `svc-${i}.shop.svc.cluster.local` }],
    });
    const answer = dnsPacket.encode({
      type: 'response',
      id: i,
      questions: [{ type: 'A', name: `svc-${i}.shop.svc.cluster.local` }],
      answers: [
        { type: 'A', name: `svc-${i}.shop.svc.cluster.local`, ttl: 30, data: '10.96.0.10' },
      ],
    });
    const udp = (out: boolean, payload: Uint8Array) => {
      const [a, b] = out ? [c, '10.96.0.10'] : ['10.96.0.10', c];
      const d = udpDatagram(a, b, { srcPort: out ? port : 53, dstPort: out ? 53 : port, payload });
      return eth(a, b, ipv4Packet({ src: a, dst: b, protocol: 17, payload: d }), out);
    };
    frames.push(udp(true, query), udp(false, answer));
  }
  return frames;
}

function generate(path: string, format: 'pcap' | 'pcapng', count: number, nano = false): void {
  const chunks: Uint8Array[] = [];
  const frames = templateFrames();
  const start = 1_760_000_000;
  if (format === 'pcap') {
    const w = new PcapWriter((c) => chunks.push(c), {
      linkType: LinkType.ETHERNET,
      nanosecond: nano,
    });
    for (let i = 0; i < count; i++) {
      w.write({
        tsSec: start + Math.floor(i / 10000),
        tsNsec: (i % 10000) * 100_000,
        data: frames[i % frames.length] ?? new Uint8Array(0),
      });
    }
    w.flush();
  } else {
    const w = new PcapngWriter((c) => chunks.push(c), { application: 'snoopy bench' });
    w.addInterface({ linkType: LinkType.ETHERNET, name: 'pod-a' });
    w.addInterface({ linkType: LinkType.ETHERNET, name: 'pod-b', resolution: 'ns' });
    for (let i = 0; i < count; i++) {
      const data = frames[i % frames.length] ?? new Uint8Array(0);
      w.write({
        interfaceId: i % 2,
        tsSec: start + Math.floor(i / 10000),
        tsNsec: (i % 10000) * 100_000,
        data,
      });
    }
    w.flush();
  }
  writeFileSync(path, Buffer.concat(chunks));
}

function pcapParserWalk(path: string): Promise<{ packets: number; error?: string }> {
  return new Promise((resolve) => {
    let packets = 0;
    let error: string | undefined;
    const p = pcapParser.parse(createReadStream(path, { highWaterMark: 1 << 20 }));
    p.on('packet', () => packets++);
    p.on('error', (e: Error) => (error = e.message));
    p.on('end', () => resolve({ packets, ...(error && { error }) }));
  });
}

function headerWalk(path: string): number {
  const b = readFileSync(path);
  let o = 24;
  let n = 0;
  while (o + 16 <= b.length) {
    const caplen = b.readUInt32LE(o + 8);
    if (o + 16 + caplen > b.length) break;
    o += 16 + caplen;
    n++;
  }
  return n;
}

function readerWalk(path: string, dissect: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    const d = createDissector({ tree: false, fields: false });
    const reader = new CaptureReader({
      onRecord: dissect
        ? (r) => {
            d.dissect(r);
            n++;
          }
        : () => n++,
    });
    const s = createReadStream(path, { highWaterMark: 1 << 20 });
    s.on('data', (c) => reader.feed(c as Buffer));
    s.on('end', () => {
      reader.end();
      resolve(n);
    });
    s.on('error', reject);
  });
}

async function time<T>(
  label: string,
  f: () => Promise<T> | T,
): Promise<{ label: string; ms: number; result: T }> {
  const t0 = process.hrtime.bigint();
  const result = await f();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { label, ms, result };
}

function tool(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
  if (r.error) return NaN;
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function main(): Promise<void> {
  const dir = tmpdir();
  const pcap = join(dir, `snoopy-bench-${PACKETS}.pcap`);
  const nsPcap = join(dir, `snoopy-bench-ns-1000.pcap`);
  const ng = join(dir, `snoopy-bench-${PACKETS}.pcapng`);
  const gen = await time('generate', () => {
    generate(pcap, 'pcap', PACKETS);
    generate(ng, 'pcapng', PACKETS);
    generate(nsPcap, 'pcap', 1000, true);
  });
  console.log(
    `generated ${PACKETS} packets: pcap ${(statSync(pcap).size / 1e6).toFixed(1)} MB, pcapng ${(statSync(ng).size / 1e6).toFixed(1)} MB in ${gen.ms.toFixed(0)} ms`,
  );

  // Warm up the JIT and the page cache once, then measure.
  await readerWalk(pcap, true);
  const rows = [
    await time('header walk (readFileSync + loop)', () => headerWalk(pcap)),
    await time('pcap-parser 0.2.1', async () => (await pcapParserWalk(pcap)).packets),
    await time('snoopy reader (pcap)', () => readerWalk(pcap, false)),
    await time('snoopy reader (pcapng)', () => readerWalk(ng, false)),
    await time('snoopy reader + dissect summary (pcap)', () => readerWalk(pcap, true)),
    await time('snoopy reader + dissect summary (pcapng)', () => readerWalk(ng, true)),
  ];
  const skipTools = process.env.SNOOPY_BENCH_SKIP_TOOLS === '1';
  const tcpdumpMs = skipTools ? NaN : tool('tcpdump', ['-nr', pcap]);
  const tsharkMs = skipTools ? NaN : tool('tshark', ['-n', '-r', pcap]);

  const pad = (s: string) => s.padEnd(44);
  console.log(`\n${pad('reader')}${'time'.padStart(10)}  packets  vs tcpdump -nr  vs tshark -r`);
  for (const r of rows) {
    const ratio = (t: number) =>
      Number.isNaN(t) ? '     n/a' : `${(t / r.ms).toFixed(1).padStart(7)}x`;
    console.log(
      `${pad(r.label)}${r.ms.toFixed(0).padStart(8)} ms  ${String(r.result).padStart(7)}  ${ratio(tcpdumpMs)}     ${ratio(tsharkMs)}`,
    );
  }
  console.log(`${pad('tcpdump -nr (to /dev/null)')}${tcpdumpMs.toFixed(0).padStart(8)} ms`);
  console.log(`${pad('tshark -n -r (to /dev/null)')}${tsharkMs.toFixed(0).padStart(8)} ms`);
  const parserMs = rows[1]?.ms ?? NaN;
  const oursMs = rows[2]?.ms ?? NaN;
  console.log(`\npcap-parser / snoopy reader: ${(parserMs / oursMs).toFixed(1)}x slower`);

  // Correctness notes the issue asked about.
  const ns = await pcapParserWalk(nsPcap);
  const ngr = await pcapParserWalk(ng);
  console.log(`pcap-parser on nanosecond pcap: ${ns.error ?? `${ns.packets} packets`}`);
  console.log(`pcap-parser on pcapng: ${ngr.error ?? `${ngr.packets} packets`}`);
  const whole = readFileSync(nsPcap);
  const cut = join(dir, 'snoopy-bench-cut.pcap');
  writeFileSync(cut, whole.subarray(0, whole.length - 10));
  // pcap-parser only knows µs magic: rewrite the magic so it reads the cut file at all.
  const cutBytes = readFileSync(cut);
  cutBytes.writeUInt32LE(0xa1b2c3d4, 0);
  writeFileSync(cut, cutBytes);
  const cutResult = await pcapParserWalk(cut);
  console.log(
    `pcap-parser on a file cut 10 bytes short (1000 records): ${cutResult.packets} packets, error: ${cutResult.error ?? 'none reported'}`,
  );
}

await main();
