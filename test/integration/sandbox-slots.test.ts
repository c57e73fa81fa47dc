// Slot leases under contention: several starts at once never share a slot, and a dead owner's
// lock is reclaimed by exactly one of them.
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { acquireSlot } from '../sandbox/slots';

const slot = 15;
const lock = `/run/snoopy-sandbox/slot-${slot}.pid`;

describe('sandbox slots', () => {
  it('lets exactly one of many concurrent starts reclaim a dead owner’s slot', async () => {
    const first = await acquireSlot(slot);
    try {
      // A pid that certainly belonged to a process that has exited.
      const deadPid = spawnSync('true').pid ?? 999_999;
      await writeFile(lock, String(deadPid));
      const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => acquireSlot(slot)));
      const won = attempts.filter((a) => a.status === 'fulfilled');
      expect(won).toHaveLength(1);
      expect(won[0]?.status === 'fulfilled' && won[0].value.stale).toBe(true);
      expect(await readFile(lock, 'utf8')).toBe(String(process.pid));
      if (won[0]?.status === 'fulfilled') await won[0].value.release();
    } finally {
      await first.release();
    }
  });

  it('refuses a slot outside the plan', async () => {
    await expect(acquireSlot(16)).rejects.toThrow(/0 to 15/);
  });
});
