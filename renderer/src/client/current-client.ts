// The one client the stores' actions talk to, chosen at start (client-source.ts).
import type { SnoopyClient } from '../../../main/api/contract';

let current: SnoopyClient | undefined;

export function setClient(client: SnoopyClient): void {
  current = client;
}

export function client(): SnoopyClient {
  if (!current) throw new Error('the Snoopy client is used before start-up chose one');
  return current;
}
