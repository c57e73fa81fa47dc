// Exponential backoff with jitter for reconnecting to an API server: quick after a blip,
// never hammering a control plane that is down, and spread out so that many watches (or many
// users after an outage) do not reconnect in lockstep.

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** 0..1: the share of each delay that is random (0.5 → between 50% and 100% of the step). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialMs: 800,
  maxMs: 30_000,
  factor: 2,
  jitter: 0.5,
};

export class Backoff {
  private attempt = 0;

  constructor(
    private readonly policy: BackoffPolicy = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay before the next attempt (and counts it). */
  next(): number {
    const { initialMs, maxMs, factor, jitter } = this.policy;
    const step = Math.min(maxMs, initialMs * factor ** this.attempt);
    this.attempt++;
    return Math.round(step * (1 - jitter * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** Resolves after `ms`, or at once when the signal aborts (the caller checks why it woke). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
