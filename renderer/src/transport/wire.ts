// The renderer's half of the wire format (main/api/transports/wire.ts holds the server's half;
// test/unit/transport-wire.test.ts keeps the two in step). Also the one result shape both the
// WebSocket and the Electron bridge return: {ok, value} | {ok: false, error}.
import { errorSchema, type WireError } from '../../../main/api/contract/index';

export const WS_PROTOCOL = 'snoopy.v1';
export const WS_TOKEN_PROTOCOL_PREFIX = 'snoopy.token.';
export const WS_PATH = '/ws';
export const CLOSE_CODES = { tooSlow: 4008, badFrame: 4400, goingAway: 1001 } as const;

export type CallResult = { ok: true; value: unknown } | { ok: false; error: WireError };

export function isWireError(value: unknown): value is WireError {
  return errorSchema.safeParse(value).success;
}

/** Reads a result that crossed a process boundary; anything malformed is a transport error. */
export function readCallResult(raw: unknown): CallResult | undefined {
  if (typeof raw !== 'object' || raw === null || !('ok' in raw)) return undefined;
  const r = raw as { ok: unknown; value?: unknown; error?: unknown };
  if (r.ok === true) return { ok: true, value: r.value };
  if (r.ok === false && isWireError(r.error)) return { ok: false, error: r.error };
  return undefined;
}
