// What a capture reader tells its owner, and a small base that reports issues consistently.
import type {
  CaptureInterface,
  CaptureIssue,
  CaptureIssueCode,
  CaptureSection,
  PacketRecord,
} from '../types';

export interface CaptureReaderEvents {
  onRecord(record: PacketRecord): void;
  onIssue?(issue: CaptureIssue): void;
  onSection?(section: CaptureSection): void;
  onInterface?(iface: CaptureInterface): void;
}

export abstract class ReportingParser {
  stopped = false;

  constructor(protected readonly events: CaptureReaderEvents) {}

  protected warn(code: CaptureIssueCode, offset: number, message: string): void {
    this.events.onIssue?.({ severity: 'warning', code, offset, message });
  }

  /** Reports a fatal problem; the reader ignores every byte after this. */
  protected fail(code: CaptureIssueCode, offset: number, message: string): void {
    this.stopped = true;
    this.events.onIssue?.({ severity: 'error', code, offset, message });
  }
}
