// What every transport calls: validate the method name and its input against the contract,
// run the handler, and turn any failure into the one wire error shape.
import { SnoopyError, toSnoopyError } from '../errors';
import { methods, type MethodName, type WireError } from './contract/index';
import type { Connection, Handlers } from './handlers';

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: WireError };

function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export function createDispatcher(
  handlers: Handlers,
): (method: string, input: unknown, connection: Connection) => Promise<DispatchResult> {
  return async (method, input, connection) => {
    try {
      if (!isMethodName(method)) {
        throw new SnoopyError(
          'INVALID_INPUT',
          `unknown method "${method}"`,
          'This client and the core disagree on the contract: update both to the same version.',
        );
      }
      const parsed = methods[method].input.safeParse(input);
      if (!parsed.success) {
        const issues = parsed.error.issues
          .map((i) => `${i.path.join('.') || 'input'}: ${i.message}`)
          .join('; ');
        throw new SnoopyError(
          'INVALID_INPUT',
          `invalid input for ${method}: ${issues}`,
          'Correct the highlighted value and try again.',
        );
      }
      // The handler map is keyed by method: the cast only joins the name to its own handler.
      const handler = handlers[method] as (
        input: unknown,
        connection: Connection,
      ) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, connection) };
    } catch (err) {
      return { ok: false, error: toSnoopyError(err).toJSON() };
    }
  };
}
