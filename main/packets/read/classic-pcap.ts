// Classic libpcap format: 24-byte global header, then 16-byte record headers + data.
// Microsecond (a1b2c3d4) and nanosecond (a1b23c4d) magics, either byte order.
import type { StepParser } from './step-feeder';
import { ReportingParser } from './events';
import { u32 } from './bytes';

const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;
/** Largest packet any libpcap writes (MAXIMUM_SNAPLEN); bigger lengths are corruption. */
export const MAX_PACKET = 262144;
const MAX_TRUSTED_SNAPLEN = 16 << 20;
/** Resync only trusts timestamps this close to the last good record. */
const RESYNC_TIME_WINDOW_SEC = 86400;

export const PCAP_MAGIC = {
  US_BE: 0xa1b2c3d4,
  US_LE: 0xd4c3b2a1,
  NS_BE: 0xa1b23c4d,
  NS_LE: 0x4d3cb2a1,
};

export function isClassicPcapMagic(beMagic: number): boolean {
  return Object.values(PCAP_MAGIC).includes(beMagic);
}

export class ClassicPcapParser extends ReportingParser implements StepParser {
  private state: 'header' | 'records' | 'resync' = 'header';
  private le = true;
  private nano = false;
  private linkType = 0;
  private maxCaptured = MAX_PACKET;
  private lastSec = -1;
  private resyncFrom = 0;

  step(b: Uint8Array, p: number, e: number, off: number, stashed: boolean, atEnd: boolean): number {
    if (this.state === 'records') {
      if (e - p < RECORD_HEADER) return -RECORD_HEADER;
      const captured = u32(b, p + 8, this.le);
      if (captured > this.maxCaptured) {
        this.warn(
          'corrupt-length',
          off,
          `record at offset ${off} claims ${captured} captured bytes (limit ${this.maxCaptured}); searching for the next record`,
        );
        this.state = 'resync';
        this.resyncFrom = off;
        return 1;
      }
      const total = RECORD_HEADER + captured;
      if (e - p < total) return -total;
      const tsSec = u32(b, p, this.le);
      const sub = u32(b, p + 4, this.le);
      this.lastSec = tsSec;
      this.events.onRecord({
        interfaceId: 0,
        linkType: this.linkType,
        tsSec,
        tsNsec: this.nano ? sub : sub * 1000,
        capturedLength: captured,
        originalLength: u32(b, p + 12, this.le),
        data: stashed
          ? b.slice(p + RECORD_HEADER, p + total)
          : b.subarray(p + RECORD_HEADER, p + total),
        fileOffset: off,
      });
      return total;
    }
    if (this.state === 'header') return this.globalHeader(b, p, e, off);
    return this.resync(b, p, e, off, atEnd);
  }

  truncated(offset: number, available: number, needed: number): void {
    if (this.state === 'header') {
      this.fail(
        'truncated-record',
        offset,
        `pcap global header cut short: ${available} of 24 bytes`,
      );
    } else if (this.state === 'records') {
      this.warn(
        'truncated-record',
        offset,
        `last record at offset ${offset} cut short: ${available} of ${needed} bytes present`,
      );
    } else {
      this.warn(
        'corrupt-length',
        this.resyncFrom,
        `no valid record after offset ${this.resyncFrom}`,
      );
    }
  }

  finished(offset: number): void {
    if (this.state === 'header') this.fail('truncated-record', offset, 'empty capture');
    if (this.state === 'resync') {
      this.warn(
        'corrupt-length',
        this.resyncFrom,
        `no valid record after offset ${this.resyncFrom}`,
      );
    }
  }

  private globalHeader(b: Uint8Array, p: number, e: number, off: number): number {
    if (e - p < GLOBAL_HEADER) return -GLOBAL_HEADER;
    const magic = u32(b, p, false);
    this.le = magic === PCAP_MAGIC.US_LE || magic === PCAP_MAGIC.NS_LE;
    this.nano = magic === PCAP_MAGIC.NS_BE || magic === PCAP_MAGIC.NS_LE;
    if (!isClassicPcapMagic(magic)) {
      this.fail('bad-magic', off, `not a pcap file (magic ${magic.toString(16)})`);
      return 0;
    }
    const major = b[p + (this.le ? 4 : 5)] ?? 0;
    const minor = b[p + (this.le ? 6 : 7)] ?? 0;
    if (major !== 2) {
      this.fail('unsupported-version', off, `pcap version ${major}.${minor} is not 2.x`);
      return 0;
    }
    const snapLength = u32(b, p + 16, this.le);
    // Upper bits carry FCS information (LT_FCS_*); the link type is the low 26 bits.
    this.linkType = u32(b, p + 20, this.le) & 0x03ffffff;
    this.maxCaptured = Math.max(MAX_PACKET, Math.min(snapLength, MAX_TRUSTED_SNAPLEN));
    this.events.onSection?.({
      format: 'pcap',
      littleEndian: this.le,
      offset: off,
      versionMajor: major,
      versionMinor: minor,
      nanosecond: this.nano,
    });
    this.events.onInterface?.({
      id: 0,
      linkType: this.linkType,
      snapLength,
      unitsPerSecond: this.nano ? 1e9 : 1e6,
      tsOffsetSec: 0,
    });
    this.state = 'records';
    return GLOBAL_HEADER;
  }

  /** Scans byte by byte for a header that looks right and is followed by another one. */
  private resync(b: Uint8Array, p: number, e: number, off: number, atEnd: boolean): number {
    const avail = e - p;
    if (avail < RECORD_HEADER) return atEnd ? avail : -RECORD_HEADER;
    if (!this.plausible(b, p)) return 1;
    const total = RECORD_HEADER + u32(b, p + 8, this.le);
    const next =
      atEnd && avail === total
        ? true
        : avail >= total + RECORD_HEADER
          ? this.plausible(b, p + total)
          : null;
    if (next === null) return atEnd ? 1 : -(total + RECORD_HEADER);
    if (!next) return 1;
    this.warn(
      'resynchronised',
      off,
      `skipped ${off - this.resyncFrom} corrupt bytes; records resume at offset ${off}`,
    );
    this.state = 'records';
    return 0;
  }

  private plausible(b: Uint8Array, p: number): boolean {
    const sec = u32(b, p, this.le);
    const sub = u32(b, p + 4, this.le);
    const captured = u32(b, p + 8, this.le);
    const original = u32(b, p + 12, this.le);
    if (sub >= (this.nano ? 1e9 : 1e6)) return false;
    if (captured > this.maxCaptured || captured > original || original > 1 << 20) return false;
    return this.lastSec < 0 || Math.abs(sec - this.lastSec) <= RESYNC_TIME_WINDOW_SEC;
  }
}
