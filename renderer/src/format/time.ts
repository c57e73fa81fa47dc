// Durations as kubectl prints them (HumanDuration): 45s, 7m3s, 5h, 3d4h, 120d.
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

export function ageOf(isoOrMs: string | number | undefined, now: number): string {
  if (isoOrMs === undefined) return '';
  const t = typeof isoOrMs === 'number' ? isoOrMs : Date.parse(isoOrMs);
  return Number.isNaN(t) ? '' : humanDuration(now - t);
}

const integer = new Intl.NumberFormat('en-US');
export const formatCount = (n: number): string => integer.format(n);
