// Shared helpers for the packet tests: fixture paths, tshark runs, dissecting a whole file.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCaptureBytes } from '../../main/packets/read/read-capture';
import type { CaptureContents } from '../../main/packets/read/read-capture';
import { createDissector } from '../../main/packets/dissect';
import type { DissectedPacket } from '../../main/packets/dissectors/model';

export const FIXTURES = join(import.meta.dirname, '../fixtures/pcap');
export const fixture = (name: string): string => join(FIXTURES, name);

/** Per-packet rows of `tshark -T fields`, without TCP/IP reassembly (we decode per packet). */
export function tsharkFields(file: string, fields: readonly string[]): string[][] {
  const out = execFileSync(
    'tshark',
    [
      '-n',
      '-r',
      file,
      '-o',
      'tcp.desegment_tcp_streams:FALSE',
      '-o',
      'ip.defragment:FALSE',
      '-o',
      'ipv6.defragment:FALSE',
      '-T',
      'fields',
      '-E',
      'separator=/t',
      ...fields.flatMap((f) => ['-e', f]),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
}

export function readFixture(name: string): CaptureContents {
  return readCaptureBytes(readFileSync(fixture(name)));
}

export function dissectAll(contents: CaptureContents): DissectedPacket[] {
  const d = createDissector();
  return contents.records.map((r) => d.dissect(r));
}

/** A field as tshark prints it: repeated values joined by commas. */
export function fieldText(p: DissectedPacket, name: string): string {
  if (name === '_ws.col.Protocol') return p.summary.protocol;
  if (name === '_ws.col.Info') return p.summary.info;
  if (name === '_ws.col.Source') return p.summary.source;
  if (name === '_ws.col.Destination') return p.summary.destination;
  return (p.fields.get(name) ?? []).join(',');
}

/** Deterministic PRNG (mulberry32) for fuzzing and chunking. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The value, or a failed test saying what was missing. */
export function must<T>(value: T | undefined, what = 'value'): T {
  if (value === undefined) throw new Error(`expected a ${what}`);
  return value;
}
