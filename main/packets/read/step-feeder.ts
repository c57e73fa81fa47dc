// Turns arbitrary chunks (a file read, a live exec stream, one byte at a time) into whole
// parse units for a format parser, copying only the bytes of a unit that spans chunks.

/**
 * A format parser driven by StepFeeder. `step` looks at buf[pos..end) and returns:
 *  - n > 0: it consumed n bytes (n may exceed end - pos: the feeder then drops the rest unseen,
 *    so a large uninteresting block is skipped without being buffered);
 *  - 0: it changed state without consuming; call again;
 *  - -n: it needs at least n bytes from pos before it can go on.
 * `stashed` says buf is the feeder's own reusable buffer: anything kept must be copied.
 * Parsers bound what they ask for, so a corrupt length can never make the feeder buffer it.
 */
export interface StepParser {
  step(
    buf: Uint8Array,
    pos: number,
    end: number,
    offset: number,
    stashed: boolean,
    atEnd: boolean,
  ): number;
  /** End of stream: `available` bytes at `offset` are less than the `needed` of the next unit. */
  truncated(offset: number, available: number, needed: number): void;
  /** End of stream reached cleanly at `offset`. */
  finished(offset: number): void;
  readonly stopped: boolean;
}

export class StepFeeder {
  private stash = new Uint8Array(0);
  private stashStart = 0;
  private stashEnd = 0;
  /** Bytes still to drop unseen, and where that skipped unit began (for reports). */
  private skip = 0;
  private skipUnitOffset = 0;
  private skipUnitLength = 0;
  /** Stream offset of the first byte not yet consumed. */
  private offset = 0;
  private ended = false;

  constructor(private readonly parser: StepParser) {}

  /** Bytes held back waiting for the rest of a unit (never more than one unit). */
  get bufferedBytes(): number {
    return this.stashEnd - this.stashStart;
  }

  get streamOffset(): number {
    return this.offset;
  }

  feed(chunk: Uint8Array): void {
    if (this.ended || this.parser.stopped) return;
    let pos = 0;
    const end = chunk.length;
    pos = this.dropSkipped(chunk, pos);
    if (this.skip > 0) return;

    while (this.stashEnd > this.stashStart) {
      if (this.parser.stopped) return this.clearStash();
      const avail = this.stashEnd - this.stashStart;
      const r = this.parser.step(
        this.stash,
        this.stashStart,
        this.stashEnd,
        this.offset,
        true,
        false,
      );
      if (r > 0) {
        if (r <= avail) {
          this.consumeStash(r);
        } else {
          this.startSkip(this.offset, r, avail);
          this.clearStash();
          pos = this.dropSkipped(chunk, pos);
          if (this.skip > 0) return;
        }
      } else if (r < 0) {
        const want = -r - avail;
        const take = Math.min(want, end - pos);
        if (take > 0) this.append(chunk, pos, pos + take);
        pos += take;
        if (take < want) return;
      }
    }

    while (pos < end) {
      if (this.parser.stopped) return;
      const r = this.parser.step(chunk, pos, end, this.offset, false, false);
      if (r > 0) {
        const avail = end - pos;
        if (r <= avail) {
          pos += r;
          this.offset += r;
        } else {
          this.startSkip(this.offset, r, avail);
          return;
        }
      } else if (r < 0) {
        this.append(chunk, pos, end);
        return;
      }
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    while (!this.parser.stopped && this.stashEnd > this.stashStart) {
      const avail = this.stashEnd - this.stashStart;
      const r = this.parser.step(
        this.stash,
        this.stashStart,
        this.stashEnd,
        this.offset,
        true,
        true,
      );
      if (r > 0 && r <= avail) {
        this.consumeStash(r);
      } else if (r !== 0) {
        this.parser.truncated(this.offset, avail, r > 0 ? r : -r);
        this.clearStash();
        return;
      }
    }
    if (this.parser.stopped) return;
    if (this.skip > 0) {
      this.parser.truncated(
        this.skipUnitOffset,
        this.skipUnitLength - this.skip,
        this.skipUnitLength,
      );
      return;
    }
    this.parser.finished(this.offset);
  }

  private startSkip(unitOffset: number, unitLength: number, seen: number): void {
    this.skipUnitOffset = unitOffset;
    this.skipUnitLength = unitLength;
    this.skip = unitLength - seen;
    this.offset += seen;
  }

  private dropSkipped(chunk: Uint8Array, pos: number): number {
    if (this.skip === 0) return pos;
    const s = Math.min(this.skip, chunk.length - pos);
    this.skip -= s;
    this.offset += s;
    return pos + s;
  }

  private consumeStash(n: number): void {
    this.stashStart += n;
    this.offset += n;
    if (this.stashStart === this.stashEnd) this.clearStash();
  }

  private clearStash(): void {
    this.stashStart = 0;
    this.stashEnd = 0;
    // Do not keep a large buffer alive after an unusually big unit.
    if (this.stash.length > 1 << 20) this.stash = new Uint8Array(0);
  }

  private append(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    const used = this.stashEnd - this.stashStart;
    if (this.stashEnd + n > this.stash.length) {
      if (used + n <= this.stash.length) {
        this.stash.copyWithin(0, this.stashStart, this.stashEnd);
      } else {
        const grown = new Uint8Array(Math.max(used + n, this.stash.length * 2, 256));
        grown.set(this.stash.subarray(this.stashStart, this.stashEnd));
        this.stash = grown;
      }
      this.stashStart = 0;
      this.stashEnd = used;
    }
    this.stash.set(src.subarray(from, to), this.stashEnd);
    this.stashEnd += n;
  }
}
