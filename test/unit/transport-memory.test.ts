import { describe, expect, it } from 'vitest';
import { createMemoryTransport } from '../../main/api/transports/memory';
import { contractSuite } from './transport-contract-suite';
import { createFakeCore } from './transport-fake-handlers';

contractSuite('the in-memory transport', async () => {
  const core = createFakeCore();
  const open: (() => void)[] = [];
  return {
    core,
    connect: async () => {
      const transport = createMemoryTransport(core.handlers);
      open.push(transport.close);
      return { client: transport.client, close: transport.close };
    },
    dispose: () => open.forEach((close) => close()),
  };
});

describe('the in-memory transport', () => {
  it('gives each listener a copy, as a wire would', async () => {
    const core = createFakeCore();
    const { client, close } = createMemoryTransport(core.handlers);
    const first = await client.call('app.info', {});
    const second = await client.call('app.info', {});
    expect(first).toEqual(second);
    expect(first).not.toBe(second);
    close();
  });

  it('refuses calls after close with TRANSPORT_CLOSED', async () => {
    const { client, close } = createMemoryTransport(createFakeCore().handlers);
    close();
    await expect(client.call('app.info', {})).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
  });
});
