// The resize channel (4) carries a stream of JSON TerminalSize values, read like Go's
// json.Decoder reads them: values may span or share frames, field names match case-insensitively
// (client-go sends {"Width":80,"Height":24}, client-node sends {"height":24,"width":80}), and the
// first value that does not decode ends resize handling for the session.

export interface TerminalSize {
  width: number;
  height: number;
}

export class ResizeDecoder {
  private pending = '';
  private failed = false;

  /** Feeds a frame's bytes; returns the sizes completed by it. */
  push(data: Buffer): TerminalSize[] {
    if (this.failed) return [];
    this.pending += data.toString('utf8');
    const sizes: TerminalSize[] = [];
    for (;;) {
      this.pending = this.pending.trimStart();
      const end = endOfFirstValue(this.pending);
      if (end === undefined) return sizes;
      const size = toTerminalSize(this.pending.slice(0, end));
      this.pending = this.pending.slice(end);
      if (!size) {
        this.failed = true;
        return sizes;
      }
      sizes.push(size);
    }
  }
}

/** Index just past the first complete top-level object, or undefined if it is not complete yet. */
function endOfFirstValue(text: string): number | undefined {
  if (text === '') return undefined;
  if (text[0] !== '{') return text.length; // not an object: let it fail to decode
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return undefined;
}

function toTerminalSize(json: string): TerminalSize | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const size: TerminalSize = { width: 0, height: 0 };
  for (const [key, field] of Object.entries(value)) {
    const name = key.toLowerCase();
    if (name !== 'width' && name !== 'height') continue;
    if (!isUint16(field)) return undefined;
    size[name] = field;
  }
  return size;
}

function isUint16(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffff;
}
