// "Contract without transport": each method is a name with an input and an output schema, each
// event a name with a payload schema. Transports only move {method, input} → output and
// {event, payload}; the core validates every input whatever the transport.
import type { z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  summary: string;
}

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  payload: P;
  summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(
  summary: string,
  input: I,
  output: O,
): MethodSpec<I, O> {
  return { input, output, summary };
}

export function event<P extends z.ZodType>(summary: string, payload: P): EventSpec<P> {
  return { payload, summary };
}
