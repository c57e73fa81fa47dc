// Capture filters are compiled by tcpdump inside the agent before anything captures: invalid ones
// give INVALID_BPF_FILTER with tcpdump's words, and shell metacharacters stay plain text.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentManager } from '../../main/agent/agent-manager';
import { isSnoopyError } from '../../main/errors';
import { checkBpfFilter } from '../../main/tools/tcpdump-filter';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { expectNoAgentPods, testManager } from './helpers/agent-manager';

let sandbox: Sandbox;
let agents: AgentManager;

beforeAll(async () => {
  sandbox = await startSandbox();
  agents = testManager(sandbox);
});

afterEach(async () => {
  // Nothing a filter contains may have run: no file appeared, in the agent or on the node.
  const found = await agents.run('sbx-node-a', [
    'sh',
    '-c',
    'ls /tmp/pwned /tmp/pwned-* 2>/dev/null; true',
  ]);
  expect(found.stdout).toBe('');
});

afterAll(async () => {
  await agents?.shutdown();
  if (sandbox) await expectNoAgentPods(sandbox);
  await sandbox?.stop();
});

async function failure(filter: string): Promise<unknown> {
  return checkBpfFilter(agents, 'sbx-node-a', filter).then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('capture filter check', () => {
  it('accepts a valid filter', async () => {
    await expect(
      checkBpfFilter(agents, 'sbx-node-a', 'tcp port 8080 and not host 10.0.0.1'),
    ).resolves.toBeUndefined();
  });

  it("rejects an invalid filter with tcpdump's own message", async () => {
    const err = await failure('tcp.port == 80');
    expect(isSnoopyError(err) && err.code).toBe('INVALID_BPF_FILTER');
    expect(isSnoopyError(err) && err.message).toMatch(/syntax error|can't parse|illegal/i);
  });

  for (const filter of [
    '"; touch /tmp/pwned',
    '$(touch /tmp/pwned-1)',
    '`touch /tmp/pwned-2`',
    'tcp; touch /tmp/pwned-3',
    '-w /tmp/pwned-4',
  ]) {
    it(`treats ${JSON.stringify(filter)} as a filter, never as a command or an option`, async () => {
      const err = await failure(filter);
      expect(isSnoopyError(err) && err.code).toBe('INVALID_BPF_FILTER');
    });
  }
});
