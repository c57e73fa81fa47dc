// Whatever a transport rejects with (a plain wire object or an Error carrying code and fix),
// the UI renders one shape: code, message and fix.
import { errorSchema, type WireError } from '../../../main/api/contract';

export function toWireError(err: unknown): WireError {
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    const parsed = errorSchema.safeParse({
      name: 'SnoopyError',
      code: e.code,
      message: e.message,
      fix: e.fix,
      ...(e.details === undefined ? {} : { details: e.details }),
    });
    if (parsed.success) return parsed.data;
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    name: 'SnoopyError',
    code: 'INTERNAL',
    message: message || 'unexpected error',
    fix: 'This is a bug in Snoopy: please report it with the steps that led here.',
  };
}
