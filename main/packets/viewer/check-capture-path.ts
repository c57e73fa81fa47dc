// Messages put the path last: a name like /etc/passwd followed by a colon reads as a secret to
// the redactor in main/errors.ts.
// Checks a path before a worker is started for it, so the user reads why a file cannot be
// opened (and what to do) instead of a worker's bare errno.
import { open, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { SnoopyError } from '../../errors';

export type CaptureFormat = 'pcap' | 'pcapng';

/** Classic pcap magics (µs and ns, both byte orders) and the pcapng Section Header Block type. */
const MAGICS: Record<number, CaptureFormat> = {
  0xa1b2c3d4: 'pcap',
  0xd4c3b2a1: 'pcap',
  0xa1b23c4d: 'pcap',
  0x4d3cb2a1: 'pcap',
  0x0a0d0d0a: 'pcapng',
};

function errnoOf(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

function accessError(path: string, e: unknown): SnoopyError {
  const code = errnoOf(e);
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new SnoopyError(
      'NOT_FOUND',
      `no such file: ${path}`,
      'Check the path: it is read on the machine running Snoopy, not in your browser.',
      { details: { reason: 'not-found', path } },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new SnoopyError(
      'INVALID_INPUT',
      `permission denied: ${path}`,
      `Make the file readable by the user running Snoopy (e.g. chmod o+r "${path}").`,
      { details: { reason: 'permission', path } },
    );
  }
  return new SnoopyError(
    'INVALID_INPUT',
    `cannot read ${path} (${errnoOf(e) ?? String(e)})`,
    'Choose another file.',
    {
      details: { reason: 'unreadable', path },
    },
  );
}

/** Resolves to the file's format, or throws a SnoopyError carrying the fix. */
export async function checkCapturePath(path: string): Promise<CaptureFormat> {
  if (!isAbsolute(path)) {
    throw new SnoopyError(
      'INVALID_INPUT',
      `not an absolute path: ${path}`,
      'Give the full path of the file, e.g. /home/me/capture.pcap.',
      { details: { reason: 'relative', path } },
    );
  }
  const info = await stat(path).catch((e: unknown) => {
    throw accessError(path, e);
  });
  if (!info.isFile()) {
    throw new SnoopyError(
      'INVALID_INPUT',
      `not a regular file: ${path}`,
      'Choose a .pcap or .pcapng file.',
      {
        details: { reason: 'not-a-file', path },
      },
    );
  }
  const handle = await open(path, 'r').catch((e: unknown) => {
    throw accessError(path, e);
  });
  try {
    const head = new Uint8Array(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    const magic = bytesRead === 4 ? new DataView(head.buffer).getUint32(0, false) : -1;
    const format = MAGICS[magic];
    if (!format) {
      throw new SnoopyError(
        'INVALID_INPUT',
        `not a capture file (no pcap or pcapng magic number): ${path}`,
        'Open a file written by tcpdump, Wireshark or Snoopy (.pcap or .pcapng).',
        { details: { reason: 'bad-magic', path } },
      );
    }
    return format;
  } finally {
    await handle.close();
  }
}
