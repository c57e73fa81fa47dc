// Fuzz: mutated and truncated pcap/pcapng fed to the readers (in random chunks) and every
// record they yield to the dissectors. Nothing may throw, hang, or buffer unboundedly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CaptureReader } from '../../main/packets/read/capture-reader';
import { createDissector } from '../../main/packets/dissect';
import type { CaptureIssue } from '../../main/packets/types';
import { fixture, prng } from './packets-helpers';

const SEEDS = [
  'http.pcap',
  'tls.pcapng',
  'tunnels-vlan.pcap',
  'merged.pcapng',
  'ipv6.pcap',
  'dns.pcap',
  'any.pcap',
];
const CASES_PER_FILE = 500;
/** One record plus slack: no corruption may make the reader hold more. */
const MAX_BUFFERED = 262144 + 65536 + 64;

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  const b = Uint8Array.from(src);
  const kind = Math.floor(rnd() * 4);
  const at = () => Math.floor(rnd() * b.length);
  if (kind === 0)
    for (let i = 0, n = 1 + Math.floor(rnd() * 8); i < n; i++) b[at()] = Math.floor(rnd() * 256);
  if (kind === 1) {
    // A length field's worth of 0xff or 0x00 somewhere: lengths go huge or zero.
    const o = at() & ~3;
    b.fill(rnd() < 0.5 ? 0xff : 0x00, o, o + 4);
  }
  if (kind === 2) return b.subarray(0, at());
  if (kind === 3) {
    const o = at();
    b.copyWithin(o, Math.min(b.length - 1, o + 1 + Math.floor(rnd() * 64)));
  }
  return b;
}

describe('fuzzed captures', () => {
  it(`never throw, hang or over-buffer: ${SEEDS.length * CASES_PER_FILE} mutated and truncated files`, () => {
    const rnd = prng(0x5eed);
    let records = 0;
    let issues = 0;
    for (const name of SEEDS) {
      const original = readFileSync(fixture(name));
      for (let c = 0; c < CASES_PER_FILE; c++) {
        const bytes = mutate(original, rnd);
        const dissector = createDissector();
        const seen: CaptureIssue[] = [];
        let maxBuffered = 0;
        const reader = new CaptureReader({
          onRecord: (r) => {
            records++;
            dissector.dissect(r);
          },
          onIssue: (i) => seen.push(i),
        });
        for (let o = 0; o < bytes.length;) {
          const n = 1 + Math.floor(rnd() * 2000);
          reader.feed(bytes.subarray(o, o + n));
          maxBuffered = Math.max(maxBuffered, reader.bufferedBytes);
          o += n;
        }
        reader.end();
        issues += seen.length;
        expect(maxBuffered).toBeLessThanOrEqual(MAX_BUFFERED);
        for (const i of seen) {
          expect(i.offset).toBeGreaterThanOrEqual(0);
          expect(i.offset).toBeLessThanOrEqual(bytes.length);
          expect(i.message).not.toBe('');
        }
        if (bytes.length < original.length && bytes.length > 0)
          expect(seen.length + (reader.stopped ? 1 : 0)).toBeGreaterThanOrEqual(0);
      }
    }
    expect(records).toBeGreaterThan(1000);
    expect(issues).toBeGreaterThan(100);
  });

  it('reports every truncation of a capture, at any length', () => {
    const original = readFileSync(fixture('dns.pcap'));
    const boundaries = new Set<number>([24]);
    const reader = new CaptureReader({
      onRecord: (r) => boundaries.add(r.fileOffset + 16 + r.capturedLength),
    });
    reader.feed(original);
    reader.end();
    for (let len = 0; len < original.length; len++) {
      const seen: CaptureIssue[] = [];
      const r = new CaptureReader({ onRecord: () => {}, onIssue: (i) => seen.push(i) });
      r.feed(original.subarray(0, len));
      r.end();
      if (boundaries.has(len)) expect(seen).toEqual([]);
      else expect(seen.map((i) => i.code)).toEqual(['truncated-record']);
    }
  });
});
