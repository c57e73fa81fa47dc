// Rates from successive progress events: the core sends cumulative counters only, so the UI
// differentiates them itself. A light exponential smoothing keeps the numbers readable when
// events arrive unevenly (a batch after a reconnect must not read as a spike forever).
export interface Counter {
  packets: number;
  bytes: number;
}

export interface RateSample {
  at: number;
  packets: number;
  bytes: number;
  /** packets/s and bytes/s, smoothed. */
  pps: number;
  bps: number;
}

const SMOOTHING = 0.5;
/** Events closer than this are merged into the next interval (division by ~0 would explode). */
const MIN_INTERVAL_MS = 200;

export function nextRate(prev: RateSample | undefined, now: Counter, at: number): RateSample {
  if (!prev) return { at, packets: now.packets, bytes: now.bytes, pps: 0, bps: 0 };
  const dt = at - prev.at;
  if (dt < MIN_INTERVAL_MS) return prev;
  // Counters never go back; if they do (a restarted target), start over instead of going negative.
  const dp = Math.max(0, now.packets - prev.packets);
  const db = Math.max(0, now.bytes - prev.bytes);
  const pps = (dp * 1000) / dt;
  const bps = (db * 1000) / dt;
  const first = prev.pps === 0 && prev.bps === 0;
  return {
    at,
    packets: now.packets,
    bytes: now.bytes,
    pps: first ? pps : prev.pps + SMOOTHING * (pps - prev.pps),
    bps: first ? bps : prev.bps + SMOOTHING * (bps - prev.bps),
  };
}

/** A finished target sends nothing more: its rate is zero, not the last value frozen. */
export function stoppedRate(prev: RateSample | undefined, at: number): RateSample | undefined {
  return prev && { ...prev, at, pps: 0, bps: 0 };
}
