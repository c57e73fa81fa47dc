// Sizes and rates as Wireshark's status bar and capture dialogs print them: binary units,
// one decimal once past bytes, tabular digits come from the `.num` class.
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(n: number): string {
  let v = Math.max(0, n);
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${v.toFixed(v < 10 ? 1 : 0)} ${UNITS[u]}`;
}

/** Packets per second: integers once they are large, one decimal for a trickle. */
export function formatPps(n: number): string {
  if (n <= 0) return '0';
  return n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US');
}

/** KB/s, the unit the brief (and most people reading tcpdump rates) think in. */
export function formatKBps(bytesPerSecond: number): string {
  const kb = Math.max(0, bytesPerSecond) / 1024;
  return kb < 10 ? kb.toFixed(1) : Math.round(kb).toLocaleString('en-US');
}

/** A running clock: 0:07, 12:45, 1:02:03. */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
