// Chooses the client at start: the fake cluster in dev/test builds when the URL asks for it
// (`?fake=50000`), else the real transport (Electron bridge, or WebSocket in browser mode).
import type { SnoopyClient } from '../../../main/api/contract';
import { getTransportClient, type TransportClient } from '../transport';

/** The fake client exists only in dev and test builds; production bundles never contain it. */
const FAKE_ALLOWED = import.meta.env.DEV || import.meta.env.MODE === 'test';

export type ChosenClient =
  { kind: 'fake'; client: SnoopyClient } | { kind: 'transport'; client: TransportClient };

export async function chooseClient(url: URL): Promise<ChosenClient> {
  if (FAKE_ALLOWED && url.searchParams.has('fake')) {
    const fake = await import('../dev/fake-client');
    return {
      kind: 'fake',
      client: fake.createFakeClient(fake.fakeOptionsFromUrl(url.searchParams)),
    };
  }
  return { kind: 'transport', client: getTransportClient() };
}
