// Errors as the renderer receives them: the contract's one wire shape (code, message, fix),
// thrown as an Error so `await client.call(…)` fails the usual way, and renderable as is.
import type { ErrorCode, WireError } from '../../../main/api/contract/index';

export class SnoopyClientError extends Error {
  override readonly name = 'SnoopyError';
  readonly code: ErrorCode;
  readonly fix: string;
  readonly details: WireError['details'];

  constructor(wire: Omit<WireError, 'name'>) {
    super(wire.message);
    this.code = wire.code;
    this.fix = wire.fix;
    this.details = wire.details;
  }

  toJSON(): WireError {
    const json: WireError = {
      name: 'SnoopyError',
      code: this.code,
      message: this.message,
      fix: this.fix,
    };
    if (this.details !== undefined) json.details = this.details;
    return json;
  }
}

export function transportError(message: string, fix: string): WireError {
  return { name: 'SnoopyError', code: 'TRANSPORT_CLOSED', message, fix };
}

/**
 * What the UI shows when the page was opened without the token, or with one from an earlier
 * start of `snoopy web`. Render `message` and `fix` as for any other error.
 */
export const MISSING_TOKEN_ERROR: WireError = {
  name: 'SnoopyError',
  code: 'UNAUTHORIZED',
  message: 'missing or invalid token — open the URL Snoopy printed',
  fix: 'Open the exact address `snoopy web` printed in its terminal (it ends with #token=…). Each start of snoopy web makes a new token.',
};
