import { z } from 'zod';
import { ERROR_CODES } from './error-codes';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
const json: z.ZodType<Json> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(json),
    z.record(z.string(), json),
  ]),
);

/** The one wire shape of an error (main/errors.ts SnoopyError.toJSON()). */
export const errorSchema = z.object({
  name: z.literal('SnoopyError'),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fix: z.string(),
  details: z.record(z.string(), json).optional(),
});
export type WireError = z.infer<typeof errorSchema>;
