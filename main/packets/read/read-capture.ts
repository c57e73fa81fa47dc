// Convenience wrappers over CaptureReader for whole files and async byte streams.
import { createReadStream } from 'node:fs';
import type { CaptureInterface, CaptureIssue, CaptureSection, PacketRecord } from '../types';
import { CaptureReader } from './capture-reader';
import type { CaptureFormat } from './capture-reader';

export interface CaptureContents {
  format: CaptureFormat | undefined;
  sections: CaptureSection[];
  interfaces: CaptureInterface[];
  records: PacketRecord[];
  issues: CaptureIssue[];
}

/** A reader whose every record, issue, section and interface lands in one object. */
function collectingReader(): { out: CaptureContents; reader: CaptureReader } {
  const out: CaptureContents = {
    format: undefined,
    sections: [],
    interfaces: [],
    records: [],
    issues: [],
  };
  const reader = new CaptureReader({
    onRecord: (r) => out.records.push(r),
    onIssue: (i) => out.issues.push(i),
    onSection: (s) => out.sections.push(s),
    onInterface: (i) => out.interfaces.push(i),
  });
  return { out, reader };
}

/** Reads every record of a byte stream into memory (tests, small files, the CLI). */
export async function readCapture(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<CaptureContents> {
  const { out, reader } = collectingReader();
  for await (const chunk of chunks) {
    reader.feed(chunk);
    if (reader.stopped) break;
  }
  reader.end();
  out.format = reader.format;
  return out;
}

export function readCaptureFile(path: string, chunkSize = 1 << 20): Promise<CaptureContents> {
  return readCapture(createReadStream(path, { highWaterMark: chunkSize }));
}

/** Synchronous read of bytes already in memory, fed in one piece (or in `chunkSize` pieces). */
export function readCaptureBytes(
  bytes: Uint8Array,
  chunkSize = bytes.length || 1,
): CaptureContents {
  const { out, reader } = collectingReader();
  for (let at = 0; at < bytes.length && !reader.stopped; at += chunkSize) {
    reader.feed(bytes.subarray(at, at + chunkSize));
  }
  reader.end();
  out.format = reader.format;
  return out;
}
