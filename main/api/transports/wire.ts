// The WebSocket wire format of the contract (browser mode), and the limits that keep one slow or
// hostile client from exhausting the core. renderer/src/transport/wire.ts mirrors the names a
// client needs; test/unit/transport-wire.test.ts keeps the two in step.
import { z } from 'zod';

/** The subprotocol every Snoopy client offers; the server echoes only this one. */
export const WS_PROTOCOL = 'snoopy.v1';
/**
 * The token travels as a second offered subprotocol, `snoopy.token.<token>`, the way Kubernetes
 * sends bearer tokens over WebSocket: never in a URL, so never in an access log, a proxy log,
 * browser history or a Referer.
 */
export const WS_TOKEN_PROTOCOL_PREFIX = 'snoopy.token.';
export const WS_PATH = '/ws';

/** Close codes a client acts on (4000–4999 is the application range). */
export const CLOSE_CODES = {
  /** The client could not read events as fast as the core produced them. */
  tooSlow: 4008,
  /** A frame that is not a request of this protocol. */
  badFrame: 4400,
  /** The server is shutting down. */
  goingAway: 1001,
} as const;

export const LIMITS = {
  /** Largest request frame; inputs are small (a pod ref, a selector), so 1 MiB is generous. */
  maxRequestBytes: 1024 * 1024,
  /** Start holding outgoing frames once this much is waiting in the socket. */
  highWaterBytes: 4 * 1024 * 1024,
  /** …and at most this much more in our own queue before the client is declared too slow. */
  maxQueuedBytes: 64 * 1024 * 1024,
  /** Requests a client may have running at once. */
  maxInFlight: 256,
} as const;

export const requestFrameSchema = z.object({
  id: z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]),
  method: z.string().min(1).max(200),
  input: z.unknown(),
});
export type RequestFrame = z.infer<typeof requestFrameSchema>;
