// The streaming readers: same records however the bytes arrive, every pcap/pcapng flavour,
// and damaged input reported (with offsets) instead of crashing or buffering the file.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CaptureReader } from '../../main/packets/read/capture-reader';
import { readCaptureBytes } from '../../main/packets/read/read-capture';
import type { CaptureIssue, PacketRecord } from '../../main/packets/types';
import { PcapWriter } from '../../main/packets/write/pcap-writer';
import { PcapngWriter } from '../../main/packets/write/pcapng-writer';
import { fixture, must, prng, readFixture } from './packets-helpers';

const ALL = [
  'lo-ping.pcap',
  'http.pcap',
  'http-ns.pcap',
  'dns.pcap',
  'tls.pcapng',
  'ipv6.pcap',
  'tunnels-vlan.pcap',
  'any.pcap',
  'merged.pcapng',
];

function feedInPieces(
  bytes: Uint8Array,
  sizes: () => number,
): { records: PacketRecord[]; issues: CaptureIssue[]; maxBuffered: number } {
  const records: PacketRecord[] = [];
  const issues: CaptureIssue[] = [];
  const reader = new CaptureReader({
    onRecord: (r) => records.push(r),
    onIssue: (i) => issues.push(i),
  });
  let maxBuffered = 0;
  for (let at = 0; at < bytes.length;) {
    const n = Math.max(1, sizes());
    reader.feed(bytes.subarray(at, at + n));
    maxBuffered = Math.max(maxBuffered, reader.bufferedBytes);
    at += n;
  }
  reader.end();
  return { records, issues, maxBuffered };
}

const comparable = (r: PacketRecord) => ({ ...r, data: Buffer.from(r.data).toString('hex') });

function epochNs(file: string): string[] {
  return execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.time_epoch'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
    .trim()
    .split('\n');
}

const toEpoch = (r: PacketRecord) => `${r.tsSec}.${String(r.tsNsec).padStart(9, '0')}`;

function pcapBytes(
  write: (w: PcapWriter) => void,
  opts: ConstructorParameters<typeof PcapWriter>[1],
): Uint8Array {
  const chunks: Uint8Array[] = [];
  const w = new PcapWriter((c) => chunks.push(c), opts);
  write(w);
  w.flush();
  return Buffer.concat(chunks);
}

describe('streaming capture reader', () => {
  for (const name of ALL) {
    it(`${name}: yields the same records whole, one byte at a time and in random chunks`, () => {
      const bytes = readFileSync(fixture(name));
      const whole = readCaptureBytes(bytes);
      expect(whole.issues).toEqual([]);
      const oneByte = feedInPieces(bytes, () => 1);
      const rnd = prng(name.length);
      const random = feedInPieces(bytes, () => Math.floor(rnd() * 300));
      expect(oneByte.records.map(comparable)).toEqual(whole.records.map(comparable));
      expect(random.records.map(comparable)).toEqual(whole.records.map(comparable));
      expect(oneByte.issues).toEqual([]);
    });
  }

  it('gives timestamps to the nanosecond that tshark gives (µs pcap, ns pcap, pcapng)', () => {
    for (const name of ['http.pcap', 'http-ns.pcap', 'tls.pcapng', 'merged.pcapng']) {
      expect(readFixture(name).records.map(toEpoch)).toEqual(epochNs(fixture(name)));
    }
  });

  it('hands out views into the fed chunk when a record does not span chunks', () => {
    const bytes = readFileSync(fixture('http.pcap'));
    const { records } = readCaptureBytes(bytes);
    expect(records[0]?.data.buffer).toBe(bytes.buffer);
    expect(records[0]?.fileOffset).toBe(24);
  });

  it('reads pcapng interfaces with their names, link types and comments', () => {
    const tls = readFixture('tls.pcapng');
    expect(tls.format).toBe('pcapng');
    expect(tls.interfaces[0]).toMatchObject({ name: 'veth-a', linkType: 1 });
    const merged = readFixture('merged.pcapng');
    expect(merged.interfaces.map((i) => i.linkType)).toEqual([1, 1, 276]);
    expect(merged.sections[0]?.comments).toContain('snoopy fixture: merged per-pod capture');
    expect(merged.records[0]?.comments).toEqual(['first packet of pod a']);
    expect(merged.records[2]?.comments).toEqual(['third packet']);
    expect(new Set(merged.records.map((r) => r.interfaceId))).toEqual(new Set([0, 1, 2]));
  });

  it('reads big-endian and nanosecond pcap as tshark does', () => {
    const http = readFixture('http.pcap');
    const be = pcapBytes((w) => http.records.forEach((r) => w.write(r)), {
      linkType: 1,
      littleEndian: false,
      nanosecond: true,
    });
    const back = readCaptureBytes(be);
    expect(back.sections[0]).toMatchObject({ littleEndian: false, nanosecond: true });
    expect(back.records.map(toEpoch)).toEqual(http.records.map(toEpoch));
    expect(back.records.map((r) => r.originalLength)).toEqual(
      http.records.map((r) => r.originalLength),
    );
  });

  it('reads big-endian pcapng and both if_tsresol forms (decimal 10^-9 and binary 2^-20)', () => {
    const chunks: Uint8Array[] = [];
    const w = new PcapngWriter((c) => chunks.push(c), { littleEndian: false });
    w.addInterface({ linkType: 1, name: 'eth0', resolution: 'ns' });
    w.write({
      interfaceId: 0,
      tsSec: 1_700_000_000,
      tsNsec: 123_456_789,
      data: new Uint8Array(60),
    });
    w.flush();
    const bytes = Buffer.concat(chunks);
    const ns = readCaptureBytes(bytes);
    expect(ns.sections[0]?.littleEndian).toBe(false);
    expect(toEpoch(must(ns.records[0]))).toBe('1700000000.123456789');
    // Rewrite the if_tsresol value to binary 2^-20 and the timestamp to 1.5 s in those units.
    const idb = bytes.indexOf(Buffer.from([0, 9, 0, 1, 9]));
    bytes[idb + 4] = 0x80 | 20;
    const epb = bytes.length - (32 + 60);
    bytes.writeUInt32BE(0, epb + 12);
    bytes.writeUInt32BE(1.5 * 2 ** 20, epb + 16);
    expect(toEpoch(must(readCaptureBytes(bytes).records[0]))).toBe('1.500000000');
  });

  it('reads simple packet blocks and skips name-resolution and statistics blocks', () => {
    const le = (n: number, size = 4) => {
      const b = Buffer.alloc(size);
      if (size === 4) b.writeUInt32LE(n);
      else b.writeUInt16LE(n);
      return b;
    };
    const block = (type: number, body: Buffer) =>
      Buffer.concat([le(type), le(12 + body.length), body, le(12 + body.length)]);
    const shb = block(
      0x0a0d0d0a,
      Buffer.concat([le(0x1a2b3c4d), le(1, 2), le(0, 2), Buffer.alloc(8, 0xff)]),
    );
    const idb = block(1, Buffer.concat([le(1, 2), le(0, 2), le(128)]));
    const nrb = block(
      4,
      Buffer.concat([le(1, 2), le(8, 2), Buffer.from([10, 0, 0, 1, 0x61, 0x62, 0, 0]), le(0)]),
    );
    const spb = block(3, Buffer.concat([le(200), Buffer.alloc(128, 0xab)]));
    const isb = block(5, Buffer.concat([le(0), le(0), le(0), le(0)]));
    const r = readCaptureBytes(Buffer.concat([shb, idb, nrb, spb, isb]));
    expect(r.issues).toEqual([]);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({
      capturedLength: 128,
      originalLength: 200,
      interfaceId: 0,
    });
  });

  it('reports a truncated last record with its offset instead of dropping it silently', () => {
    const bytes = readFileSync(fixture('dns.pcap'));
    const whole = readCaptureBytes(bytes);
    const cut = readCaptureBytes(bytes.subarray(0, bytes.length - 10));
    expect(cut.records).toHaveLength(whole.records.length - 1);
    expect(cut.issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'truncated-record',
        offset: whole.records.at(-1)?.fileOffset,
      }),
    ]);
    const ng = readFileSync(fixture('tls.pcapng'));
    const ngCut = readCaptureBytes(ng.subarray(0, ng.length - 3));
    expect(ngCut.issues.map((i) => i.code)).toEqual(['truncated-record']);
  });

  it('reports a corrupt 4 GB length without buffering for it, then resynchronises', () => {
    const bytes = Buffer.from(readFileSync(fixture('http.pcap')));
    const whole = readCaptureBytes(bytes);
    const victim = must(whole.records[3]).fileOffset;
    bytes.writeUInt32LE(0xfffffff0, victim + 8);
    const r = feedInPieces(bytes, () => 512);
    expect(r.maxBuffered).toBeLessThan(70_000);
    expect(r.issues.map((i) => [i.code, i.offset])).toEqual([
      ['corrupt-length', victim],
      ['resynchronised', whole.records[4]?.fileOffset],
    ]);
    expect(r.records.map((x) => x.fileOffset)).toEqual(
      whole.records.filter((_, i) => i !== 3).map((x) => x.fileOffset),
    );
  });

  it('reports a pcapng block with a corrupt length and finds the next block', () => {
    const bytes = Buffer.from(readFileSync(fixture('tls.pcapng')));
    const whole = readCaptureBytes(bytes);
    const victim = must(whole.records[5]).fileOffset;
    bytes.writeUInt32LE(0x7ffffff0, victim + 4);
    const r = feedInPieces(bytes, () => 1000);
    expect(r.issues.map((i) => i.code)).toEqual(['corrupt-length', 'resynchronised']);
    expect(r.records).toHaveLength(whole.records.length - 1);
  });

  it('stops at bad magic with an error and ignores the rest of the stream', () => {
    const issues: CaptureIssue[] = [];
    const reader = new CaptureReader({ onRecord: () => {}, onIssue: (i) => issues.push(i) });
    reader.feed(Buffer.from('GET / HTTP/1.1\r\n'));
    reader.feed(new Uint8Array(1 << 20));
    reader.end();
    expect(reader.stopped).toBe(true);
    expect(reader.bufferedBytes).toBe(0);
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'error', code: 'bad-magic', offset: 0 }),
    ]);
  });
});
