// The push-style reader for any capture stream: sniffs pcap vs pcapng from the first bytes,
// then hands whole records to `onRecord`. Works the same for a file and a live stream.
import type { CaptureReaderEvents } from './events';
import type { StepParser } from './step-feeder';
import { StepFeeder } from './step-feeder';
import { ClassicPcapParser, isClassicPcapMagic } from './classic-pcap';
import { BLOCK, PcapngParser } from './pcapng';
import { u32 } from './bytes';

export type CaptureFormat = 'pcap' | 'pcapng';

class SniffingParser implements StepParser {
  format: CaptureFormat | undefined;
  private inner: StepParser | undefined;
  private failed = false;

  constructor(private readonly events: CaptureReaderEvents) {}

  get stopped(): boolean {
    return this.failed || (this.inner?.stopped ?? false);
  }

  step(b: Uint8Array, p: number, e: number, off: number, stashed: boolean, atEnd: boolean): number {
    if (this.inner) return this.inner.step(b, p, e, off, stashed, atEnd);
    if (e - p < 4) return -4;
    const magic = u32(b, p, false);
    if (isClassicPcapMagic(magic)) {
      this.format = 'pcap';
      this.inner = new ClassicPcapParser(this.events);
    } else if (magic === BLOCK.SHB) {
      this.format = 'pcapng';
      this.inner = new PcapngParser(this.events);
    } else {
      this.failed = true;
      this.events.onIssue?.({
        severity: 'error',
        code: 'bad-magic',
        offset: off,
        message: `not a pcap or pcapng capture (starts with ${magic.toString(16).padStart(8, '0')})`,
      });
    }
    return 0;
  }

  truncated(offset: number, available: number, needed: number): void {
    if (this.inner) this.inner.truncated(offset, available, needed);
    else this.finished(offset);
  }

  finished(offset: number): void {
    if (this.inner) return this.inner.finished(offset);
    this.failed = true;
    this.events.onIssue?.({
      severity: 'error',
      code: 'truncated-record',
      offset,
      message: 'capture ended before its file header',
    });
  }
}

export class CaptureReader {
  private readonly sniffer: SniffingParser;
  private readonly feeder: StepFeeder;

  constructor(events: CaptureReaderEvents) {
    this.sniffer = new SniffingParser(events);
    this.feeder = new StepFeeder(this.sniffer);
  }

  /** Known once the first 4 bytes arrived. */
  get format(): CaptureFormat | undefined {
    return this.sniffer.format;
  }

  /** True after a fatal issue: further bytes are ignored, not buffered. */
  get stopped(): boolean {
    return this.sniffer.stopped;
  }

  /** Bytes held back for an incomplete record; bounded by one record. */
  get bufferedBytes(): number {
    return this.feeder.bufferedBytes;
  }

  /** Stream offset of the next unconsumed byte (where a resumed stream continues). */
  get offset(): number {
    return this.feeder.streamOffset;
  }

  feed(chunk: Uint8Array): void {
    this.feeder.feed(chunk);
  }

  /** Call at end of stream: reports a record or block left incomplete. */
  end(): void {
    this.feeder.end();
  }
}
