// Waiting on conditions instead of clocks: the test's own timeout bounds every wait.
import { setTimeout as sleep } from 'node:timers/promises';

export async function waitFor<T>(probe: () => T | undefined | false): Promise<T> {
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    await sleep(10);
  }
}
