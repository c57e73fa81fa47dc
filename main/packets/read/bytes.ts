// Endian-aware integer reads on plain byte arrays (faster than a DataView per record).

export function u16(b: Uint8Array, o: number, le: boolean): number {
  return le ? (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) : ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
}

export function u32(b: Uint8Array, o: number, le: boolean): number {
  return le
    ? ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>>
        0
    : (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>>
        0;
}

/** UTF-8 text of a pcapng string option, without trailing NULs some writers add. */
export function optionText(b: Uint8Array, start: number, length: number): string {
  let end = start + length;
  while (end > start && b[end - 1] === 0) end--;
  return textDecoder.decode(b.subarray(start, end));
}

const textDecoder = new TextDecoder('utf-8', { fatal: false });
