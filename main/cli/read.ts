// `snoopy read FILE [-Y FILTER] [--json]`: the packet list of a capture file, like `tshark -r`
// (summary lines), or one JSON object per packet. The same checks and index as the viewer; run
// in-process because a CLI has no UI thread to keep free.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatError, toSnoopyError } from '../errors';
import { compileFilter } from '../packets/filter/compile';
import { runFilter } from '../packets/filter/run-filter';
import { openCaptureFile } from '../packets/index/open-capture';
import type { PacketRow } from '../packets/index/rows';
import { checkCapturePath } from '../packets/viewer/check-capture-path';

export const readUsage = `Usage: snoopy read FILE [-Y FILTER] [--json]

Prints the packets of a pcap/pcapng file, one summary line each (like tshark -r).
  -Y, --display-filter F  only packets matching the display filter (Wireshark syntax)
  --json                  one JSON object per packet instead of summary lines
`;

const BLOCK = 4096;

export interface ReadDeps {
  out?: (text: string) => void;
  err?: (text: string) => void;
}

/** tshark's default columns: No. Time Source → Destination Protocol Length Info. */
export function summaryLine(r: PacketRow): string {
  const no = String(r.number).padStart(5);
  const time = r.relativeTime.toFixed(6).padStart(10);
  return `${no} ${time} ${r.source.padStart(12)} → ${r.destination.padEnd(12)} ${r.protocol} ${r.length} ${r.info}`;
}

/** The filter, then a caret under the span the error is about (as tshark points at it). */
export function filterErrorText(
  text: string,
  e: { message: string; start: number; end: number },
): string {
  const width = Math.max(1, e.end - e.start);
  return `snoopy read: invalid display filter: ${e.message}\n  ${text}\n  ${' '.repeat(e.start)}${'^'.repeat(width)}\n`;
}

export async function readCommand(args: string[], deps: ReadDeps = {}): Promise<number> {
  const out = deps.out ?? ((t: string) => process.stdout.write(t));
  const err = deps.err ?? ((t: string) => process.stderr.write(t));
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'display-filter': { type: 'string', short: 'Y' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (e) {
    err(`snoopy read: ${(e as Error).message}\n\n${readUsage}`);
    return 2;
  }
  if (parsed.values.help) {
    out(readUsage);
    return 0;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    err(`snoopy read: give exactly one capture file\n\n${readUsage}`);
    return 2;
  }
  const path = resolve(file);
  try {
    await checkCapturePath(path);
    const index = await openCaptureFile(path);
    try {
      const text = parsed.values['display-filter'] ?? '';
      let view: Uint32Array | undefined;
      if (text.trim() !== '') {
        const compiled = compileFilter(text, index);
        if (!compiled.ok) {
          err(filterErrorText(text, compiled.error));
          return 2;
        }
        view = (await runFilter(index, compiled.filter)).matches;
      }
      const total = view ? view.length : index.count;
      for (let start = 0; start < total; start += BLOCK) {
        const rows = index.rows(start, Math.min(BLOCK, total - start), view);
        out(
          rows.map((r) => (parsed.values.json ? JSON.stringify(r) : summaryLine(r))).join('\n') +
            '\n',
        );
      }
      for (const issue of index.issues) err(`snoopy read: ${issue.severity}: ${issue.message}\n`);
    } finally {
      index.close();
    }
    return 0;
  } catch (e) {
    err(`snoopy read: ${formatError(toSnoopyError(e))}\n`);
    return 1;
  }
}
