// The one contract suite every transport must pass ("Contract without transport"): the same
// behaviour through memory, WebSocket and Electron IPC.
import { describe, expect, it, vi } from 'vitest';
import { errorSchema, type SnoopyClient } from '../../main/api/contract/index';
import type { FakeCore } from './transport-fake-handlers';

export interface ConnectedClient {
  client: SnoopyClient;
  /** The client goes away (socket closed, window closed). */
  close(): Promise<void> | void;
}

export interface TransportHarness {
  core: FakeCore;
  connect(): Promise<ConnectedClient>;
  dispose(): Promise<void> | void;
}

function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; fix: string; toJSON(): unknown }> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: { code: string; fix: string; toJSON(): unknown }) => err,
  );
}

export function contractSuite(name: string, makeHarness: () => Promise<TransportHarness>): void {
  describe(`the contract over ${name}`, () => {
    const withHarness = (test: (h: TransportHarness) => Promise<void>) => async () => {
      const harness = await makeHarness();
      try {
        await test(harness);
      } finally {
        await harness.dispose();
      }
    };

    it(
      'answers a call with the handler’s value',
      withHarness(async (h) => {
        const { client } = await h.connect();
        expect(await client.call('app.info', {})).toMatchObject({ version: '0.0.0-test' });
        expect(await client.call('namespaces.list', { context: 'kind' })).toEqual({
          namespaces: ['ns-of-kind'],
        });
      }),
    );

    it(
      'refuses invalid input with an INVALID_INPUT wire error, before any handler runs',
      withHarness(async (h) => {
        const { client } = await h.connect();
        const err = await rejection(
          client.call('pods.details', { context: '', namespace: 'Not_A_Namespace', name: 'x' }),
        );
        expect(err.code).toBe('INVALID_INPUT');
        expect(errorSchema.parse(err.toJSON())).toMatchObject({
          name: 'SnoopyError',
          code: 'INVALID_INPUT',
        });
      }),
    );

    it(
      'refuses a method the contract does not have',
      withHarness(async (h) => {
        const { client } = await h.connect();
        const call = client.call as (method: string, input: unknown) => Promise<unknown>;
        const err = await rejection(call('cluster.deleteEverything', {}));
        expect(['INVALID_INPUT', 'TRANSPORT_CLOSED']).toContain(err.code);
      }),
    );

    it(
      'carries a handler’s error code and fix to the caller',
      withHarness(async (h) => {
        const { client } = await h.connect();
        const err = await rejection(
          client.call('pods.details', { context: 'kind', namespace: 'default', name: 'gone' }),
        );
        expect(err).toMatchObject({ code: 'NOT_FOUND', fix: 'Pick a pod that still exists.' });
      }),
    );

    it(
      'delivers events only to the connection that caused them',
      withHarness(async (h) => {
        const a = await h.connect();
        const b = await h.connect();
        const seenByA: string[] = [];
        const seenByB: string[] = [];
        a.client.on('pods.batch', (batch) => seenByA.push(batch.watchId));
        b.client.on('pods.batch', (batch) => seenByB.push(batch.watchId));
        const { watchId: watchA } = await a.client.call('pods.watch', {
          context: 'a',
          namespaces: [],
        });
        const { watchId: watchB } = await b.client.call('pods.watch', {
          context: 'b',
          namespaces: [],
        });
        h.core.push(watchA);
        h.core.push(watchB);
        h.core.push(watchB);
        await vi.waitFor(() => {
          expect(seenByA).toEqual([watchA, watchA]);
          expect(seenByB).toEqual([watchB, watchB, watchB]);
        });
      }),
    );

    it(
      'stops delivering to a listener once it unsubscribes',
      withHarness(async (h) => {
        const { client } = await h.connect();
        const seen: unknown[] = [];
        const off = client.on('pods.batch', (batch) => seen.push(batch));
        const { watchId } = await client.call('pods.watch', { context: 'a', namespaces: [] });
        await vi.waitFor(() => expect(seen).toHaveLength(1));
        off();
        h.core.push(watchId);
        await new Promise((r) => setTimeout(r, 30));
        expect(seen).toHaveLength(1);
      }),
    );

    it(
      'runs the connection’s cleanups when its client goes away, and only that one’s',
      withHarness(async (h) => {
        const a = await h.connect();
        const b = await h.connect();
        const { watchId: watchA } = await a.client.call('pods.watch', {
          context: 'a',
          namespaces: [],
        });
        const { watchId: watchB } = await b.client.call('pods.watch', {
          context: 'b',
          namespaces: [],
        });
        await a.close();
        await vi.waitFor(() => expect(h.core.cleanedUp).toEqual([watchA]));
        expect(h.core.watches.has(watchB)).toBe(true);
        expect(await b.client.call('app.info', {})).toMatchObject({ version: '0.0.0-test' });
      }),
    );
  });
}
