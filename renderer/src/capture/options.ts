// The capture options as the form edits them (strings, as typed) and their validation into
// numbers. Limits mirror tcpdump's (-s snaplen up to 262144, -c count) and stay generous: the
// core validates again whatever the UI lets through.
export interface OptionsDraft {
  filter: string;
  iface: string;
  snaplen: string;
  /** Seconds; empty = until stopped. */
  duration: string;
  maxPackets: string;
  /** Megabytes; empty = no limit. */
  maxMegabytes: string;
}

export const DEFAULT_DRAFT: OptionsDraft = {
  filter: '',
  iface: 'any',
  snaplen: '262144',
  duration: '',
  maxPackets: '',
  maxMegabytes: '',
};

export interface ParsedOptions {
  filter: string;
  iface: string;
  snaplen: number;
  durationSeconds?: number;
  maxPackets?: number;
  maxBytes?: number;
}

export type OptionErrors = Partial<Record<keyof OptionsDraft, string>>;

const IFACE = /^[A-Za-z0-9_.:@-]{1,15}$/;

function int(
  raw: string,
  label: string,
  min: number,
  max: number,
): { value?: number; error?: string } {
  const t = raw.trim();
  if (!t) return {};
  if (!/^\d+$/.test(t)) return { error: `${label} must be a whole number` };
  const n = Number(t);
  if (n < min || n > max)
    return { error: `${label} must be ${min}–${max.toLocaleString('en-US')}` };
  return { value: n };
}

export function parseOptions(d: OptionsDraft): { options?: ParsedOptions; errors: OptionErrors } {
  const errors: OptionErrors = {};
  const iface = d.iface.trim() || 'any';
  // Linux interface names: at most 15 bytes (IFNAMSIZ-1), no spaces or slashes.
  if (!IFACE.test(iface)) errors.iface = 'Interface names have 1–15 letters, digits, . _ - : @';
  const snap = int(d.snaplen || '262144', 'Snaplen', 64, 262_144);
  const dur = int(d.duration, 'Duration', 1, 7 * 24 * 3600); // the core's limit: a week
  const pk = int(d.maxPackets, 'Max packets', 1, 1_000_000_000);
  const mb = int(d.maxMegabytes, 'Max size', 1, 1_048_576);
  if (snap.error) errors.snaplen = snap.error;
  if (dur.error) errors.duration = dur.error;
  if (pk.error) errors.maxPackets = pk.error;
  if (mb.error) errors.maxMegabytes = mb.error;
  if (d.filter.length > 4096) errors.filter = 'Filters are limited to 4096 characters';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    options: {
      filter: d.filter.trim(),
      iface,
      snaplen: snap.value ?? 262_144,
      ...(dur.value !== undefined ? { durationSeconds: dur.value } : {}),
      ...(pk.value !== undefined ? { maxPackets: pk.value } : {}),
      ...(mb.value !== undefined ? { maxBytes: mb.value * 1024 * 1024 } : {}),
    },
  };
}
