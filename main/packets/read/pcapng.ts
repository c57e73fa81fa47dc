// pcapng: a stream of blocks (type, total length, body, total length again), in sections
// that each start with a Section Header Block fixing the byte order and the interface list.
import type { CaptureInterface } from '../types';
import type { StepParser } from './step-feeder';
import { ReportingParser } from './events';
import { optionText, u16, u32 } from './bytes';
import { MAX_PACKET } from './classic-pcap';

export const BLOCK = {
  SHB: 0x0a0d0d0a,
  IDB: 1,
  OPB: 2,
  SPB: 3,
  NRB: 4,
  ISB: 5,
  EPB: 6,
  DSB: 10,
} as const;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const OPT = { END: 0, COMMENT: 1, IF_NAME: 2, IF_DESCRIPTION: 3, IF_TSRESOL: 9, IF_TSOFFSET: 14 };
const SHB_OPT = { HARDWARE: 2, OS: 3, USERAPPL: 4 };
/** Blocks we skip are dropped unseen up to this size; larger lengths are corruption. */
const MAX_SKIPPED_BLOCK = 16 << 20;
/** Header blocks hold options only. */
const MAX_HEADER_BLOCK = 1 << 20;
/** While resynchronising, a candidate block must be small enough to verify cheaply. */
const MAX_RESYNC_BLOCK = MAX_PACKET + 65536;

interface MutableInterface extends CaptureInterface {
  maxBlock: number;
}

export class PcapngParser extends ReportingParser implements StepParser {
  private state: 'first' | 'blocks' | 'resync' = 'first';
  private le = true;
  private interfaces: MutableInterface[] = [];
  private resyncFrom = 0;
  // Timestamp split result, kept in fields to avoid an allocation per packet.
  private sec = 0;
  private nsec = 0;

  step(b: Uint8Array, p: number, e: number, off: number, stashed: boolean, atEnd: boolean): number {
    if (this.state === 'resync') return this.resync(b, p, e, off, atEnd);
    if (e - p < 12) return -12;
    const type = u32(b, p, this.le);
    if (type === BLOCK.SHB) return this.sectionHeader(b, p, e, off);
    if (this.state === 'first') {
      this.fail('bad-magic', off, 'pcapng must start with a Section Header Block');
      return 0;
    }
    const len = u32(b, p + 4, this.le);
    const isPacket = type === BLOCK.EPB || type === BLOCK.SPB || type === BLOCK.OPB;
    const kept = isPacket || type === BLOCK.IDB;
    const limit = isPacket
      ? this.packetBlockLimit(b, p, type)
      : kept
        ? MAX_HEADER_BLOCK
        : MAX_SKIPPED_BLOCK;
    if (len < 12 || len % 4 !== 0 || len > limit) {
      return this.startResync(off, `block type ${type} at offset ${off} has bad length ${len}`);
    }
    if (!kept) return len; // NRB, ISB, DSB, custom: skipped without being buffered
    if (e - p < len) return -len;
    if (u32(b, p + len - 4, this.le) !== len) {
      return this.startResync(off, `block at offset ${off}: trailing length differs from ${len}`);
    }
    if (type === BLOCK.IDB) this.interfaceBlock(b, p, len, off);
    else if (type === BLOCK.SPB) this.simplePacket(b, p, len, off, stashed);
    else this.packetBlock(b, p, len, off, stashed, type === BLOCK.OPB);
    return len;
  }

  truncated(offset: number, available: number, needed: number): void {
    if (this.state === 'first') {
      this.fail('truncated-record', offset, `section header cut short: ${available} bytes`);
    } else if (this.state === 'resync') {
      this.warn(
        'corrupt-length',
        this.resyncFrom,
        `no valid block after offset ${this.resyncFrom}`,
      );
    } else {
      this.warn(
        'truncated-record',
        offset,
        `last block at offset ${offset} cut short: ${available} of ${needed} bytes present`,
      );
    }
  }

  finished(offset: number): void {
    if (this.state === 'first') this.fail('truncated-record', offset, 'empty capture');
    if (this.state === 'resync') {
      this.warn(
        'corrupt-length',
        this.resyncFrom,
        `no valid block after offset ${this.resyncFrom}`,
      );
    }
  }

  private packetBlockLimit(b: Uint8Array, p: number, type: number): number {
    const id =
      type === BLOCK.EPB ? u32(b, p + 8, this.le) : type === BLOCK.OPB ? u16(b, p + 8, this.le) : 0;
    return this.interfaces[id]?.maxBlock ?? MAX_RESYNC_BLOCK;
  }

  private sectionHeader(b: Uint8Array, p: number, e: number, off: number): number {
    const bom = u32(b, p + 8, false);
    if (bom !== BYTE_ORDER_MAGIC && bom !== 0x4d3c2b1a) {
      if (this.state === 'first') {
        this.fail('bad-magic', off, 'section header has no byte-order magic');
        return 0;
      }
      return this.startResync(off, `section header at offset ${off} has no byte-order magic`);
    }
    const le = bom !== BYTE_ORDER_MAGIC;
    const len = u32(b, p + 4, le);
    if (len < 28 || len % 4 !== 0 || len > MAX_HEADER_BLOCK) {
      if (this.state === 'first') {
        this.fail('corrupt-length', off, `section header length ${len} is invalid`);
        return 0;
      }
      return this.startResync(off, `section header at offset ${off} has bad length ${len}`);
    }
    if (e - p < len) return -len;
    if (u32(b, p + len - 4, le) !== len) {
      if (this.state === 'first') {
        this.fail('bad-block', off, 'section header trailing length mismatch');
        return 0;
      }
      return this.startResync(off, `section header at offset ${off}: trailing length mismatch`);
    }
    const major = u16(b, p + 12, le);
    const minor = u16(b, p + 14, le);
    if (major !== 1) {
      this.fail('unsupported-version', off, `pcapng version ${major}.${minor} is not 1.x`);
      return 0;
    }
    this.le = le;
    this.interfaces = [];
    this.state = 'blocks';
    const comments: string[] = [];
    let hardware: string | undefined;
    let os: string | undefined;
    let application: string | undefined;
    this.options(b, p + 24, p + len - 4, (code, at, n) => {
      if (code === OPT.COMMENT) comments.push(optionText(b, at, n));
      else if (code === SHB_OPT.HARDWARE) hardware = optionText(b, at, n);
      else if (code === SHB_OPT.OS) os = optionText(b, at, n);
      else if (code === SHB_OPT.USERAPPL) application = optionText(b, at, n);
    });
    this.events.onSection?.({
      format: 'pcapng',
      littleEndian: le,
      offset: off,
      versionMajor: major,
      versionMinor: minor,
      ...(hardware !== undefined && { hardware }),
      ...(os !== undefined && { os }),
      ...(application !== undefined && { application }),
      ...(comments.length > 0 && { comments }),
    });
    return len;
  }

  private interfaceBlock(b: Uint8Array, p: number, len: number, _off: number): void {
    if (len < 20) return;
    const linkType = u16(b, p + 8, this.le);
    const snapLength = u32(b, p + 12, this.le);
    let unitsPerSecond = 1e6;
    let tsOffsetSec = 0;
    let name: string | undefined;
    let description: string | undefined;
    const comments: string[] = [];
    this.options(b, p + 16, p + len - 4, (code, at, n) => {
      if (code === OPT.IF_NAME) name = optionText(b, at, n);
      else if (code === OPT.IF_DESCRIPTION) description = optionText(b, at, n);
      else if (code === OPT.COMMENT) comments.push(optionText(b, at, n));
      else if (code === OPT.IF_TSRESOL && n >= 1) unitsPerSecond = tsResolution(b[at] ?? 0);
      else if (code === OPT.IF_TSOFFSET && n >= 8) {
        tsOffsetSec =
          u32(b, at + (this.le ? 4 : 0), this.le) * 2 ** 32 +
          u32(b, at + (this.le ? 0 : 4), this.le);
      }
    });
    const maxPacket = Math.max(MAX_PACKET, Math.min(snapLength, MAX_SKIPPED_BLOCK));
    const iface: MutableInterface = {
      id: this.interfaces.length,
      linkType,
      snapLength,
      unitsPerSecond,
      tsOffsetSec,
      maxBlock: maxPacket + 65536 + 32,
      ...(name !== undefined && { name }),
      ...(description !== undefined && { description }),
      ...(comments.length > 0 && { comments }),
    };
    this.interfaces.push(iface);
    const { maxBlock: _maxBlock, ...published } = iface;
    this.events.onInterface?.(published);
  }

  private packetBlock(
    b: Uint8Array,
    p: number,
    len: number,
    off: number,
    stashed: boolean,
    obsolete: boolean,
  ): void {
    if (len < 32) {
      this.warn('bad-block', off, `packet block at offset ${off} is too short (${len})`);
      return;
    }
    const id = obsolete ? u16(b, p + 8, this.le) : u32(b, p + 8, this.le);
    const iface = this.interfaces[id];
    if (!iface) {
      this.warn(
        'unknown-interface',
        off,
        `packet at offset ${off} names interface ${id}, which is not described`,
      );
      return;
    }
    const captured = u32(b, p + 20, this.le);
    if (captured > len - 32) {
      this.warn(
        'corrupt-length',
        off,
        `packet at offset ${off}: captured length ${captured} exceeds its block`,
      );
      return;
    }
    this.timestamp(u32(b, p + 12, this.le), u32(b, p + 16, this.le), iface);
    const dataAt = p + 28;
    const optAt = dataAt + ((captured + 3) & ~3);
    let comments: string[] | undefined;
    if (optAt < p + len - 4) {
      this.options(b, optAt, p + len - 4, (code, at, n) => {
        if (code === OPT.COMMENT) (comments ??= []).push(optionText(b, at, n));
      });
    }
    this.events.onRecord({
      interfaceId: id,
      linkType: iface.linkType,
      tsSec: this.sec,
      tsNsec: this.nsec,
      capturedLength: captured,
      originalLength: u32(b, p + 24, this.le),
      data: stashed ? b.slice(dataAt, dataAt + captured) : b.subarray(dataAt, dataAt + captured),
      fileOffset: off,
      ...(comments && { comments }),
    });
  }

  /** SPB: no interface id (always 0), no timestamp, captured length implied by the block. */
  private simplePacket(b: Uint8Array, p: number, len: number, off: number, stashed: boolean): void {
    const iface = this.interfaces[0];
    if (!iface) {
      this.warn('no-interface', off, `simple packet at offset ${off} before any interface`);
      return;
    }
    const original = u32(b, p + 8, this.le);
    let captured = Math.min(original, len - 16);
    if (iface.snapLength > 0) captured = Math.min(captured, iface.snapLength);
    this.events.onRecord({
      interfaceId: 0,
      linkType: iface.linkType,
      tsSec: 0,
      tsNsec: 0,
      capturedLength: captured,
      originalLength: original,
      data: stashed ? b.slice(p + 12, p + 12 + captured) : b.subarray(p + 12, p + 12 + captured),
      fileOffset: off,
    });
  }

  private timestamp(high: number, low: number, iface: CaptureInterface): void {
    const units = iface.unitsPerSecond;
    if (high < 0x200000 && units <= 1e6) {
      const ticks = high * 4294967296 + low; // exact below 2^53
      const sec = Math.floor(ticks / units);
      this.sec = sec + iface.tsOffsetSec;
      this.nsec = Math.floor(((ticks - sec * units) * 1e9) / units);
      return;
    }
    const ticks = (BigInt(high) << 32n) | BigInt(low);
    const u = BigInt(units);
    this.sec = Number(ticks / u) + iface.tsOffsetSec;
    this.nsec = Number(((ticks % u) * 1_000_000_000n) / u);
  }

  private options(
    b: Uint8Array,
    from: number,
    to: number,
    each: (code: number, at: number, length: number) => void,
  ): void {
    let o = from;
    while (o + 4 <= to) {
      const code = u16(b, o, this.le);
      const n = u16(b, o + 2, this.le);
      if (code === OPT.END || o + 4 + n > to) return;
      each(code, o + 4, n);
      o += 4 + ((n + 3) & ~3);
    }
  }

  private startResync(off: number, why: string): number {
    this.warn('corrupt-length', off, `${why}; searching for the next block`);
    this.state = 'resync';
    this.resyncFrom = off;
    return 1;
  }

  /** Scans for a block whose type is known and whose two length fields agree. */
  private resync(b: Uint8Array, p: number, e: number, off: number, atEnd: boolean): number {
    const avail = e - p;
    if (avail < 12) return atEnd ? avail : -12;
    let le = this.le;
    const type = u32(b, p, le);
    if (type === BLOCK.SHB) le = u32(b, p + 8, false) !== BYTE_ORDER_MAGIC;
    else if (type < BLOCK.IDB || type > BLOCK.DSB) return 1;
    const len = u32(b, p + 4, le);
    if (len < 12 || len % 4 !== 0 || len > MAX_RESYNC_BLOCK) return 1;
    if (avail < len) return atEnd ? 1 : -len;
    if (u32(b, p + len - 4, le) !== len) return 1;
    this.warn(
      'resynchronised',
      off,
      `skipped ${off - this.resyncFrom} corrupt bytes; blocks resume at offset ${off}`,
    );
    this.state = 'blocks';
    return 0;
  }
}

/** if_tsresol: high bit clear = 10^-n seconds, set = 2^-n seconds. */
export function tsResolution(v: number): number {
  const exp = v & 0x7f;
  if (v & 0x80) return exp <= 63 ? 2 ** exp : 1e6;
  return exp <= 18 ? 10 ** exp : 1e6;
}
