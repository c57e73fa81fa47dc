// What the renderer gets from createTransportClient(): the contract's SnoopyClient plus the state
// of the link, so the UI can show "reconnecting…" and re-subscribe its watches when it is back.
import type { SnoopyClient, WireError } from '../../../main/api/contract/index';

/**
 * connecting: first attempt; open: calls flow; reconnecting: lost, retrying with backoff;
 * unauthorized: the token is missing or was refused (terminal, show the error); closed: close() was called.
 */
export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'unauthorized' | 'closed';

export interface TransportClient extends SnoopyClient {
  readonly transport: 'electron' | 'browser';
  readonly status: ConnectionStatus;
  /** Why the link is not open, when known (render it like any other error). */
  readonly error: WireError | undefined;
  onStatus(listener: (status: ConnectionStatus, error: WireError | undefined) => void): () => void;
  /**
   * The link came back after a drop. The core forgot this client's watches with the old
   * connection: re-issue pods.watch & co. here.
   */
  onReconnected(listener: () => void): () => void;
  close(): void;
}
