// Writing JSON responses and Status errors, reading request bodies, and reading what a client
// accepts (a Table for kubectl's server-side printing, or plain JSON).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { SandboxApiError } from '../../contracts';
import { errors, statusBody } from '../status';

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function toApiError(err: unknown): SandboxApiError {
  if (err instanceof SandboxApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SandboxApiError(500, 'InternalError', `Internal error occurred: ${message}`);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const apiErr = toApiError(err);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, apiErr.code, statusBody(apiErr));
}

const maxBody = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBody)
      throw new SandboxApiError(
        413,
        'RequestEntityTooLarge',
        'Request entity too large: limit is 3145728',
      );
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A JSON (or YAML) object body; 400 as the real decoder when it is not one. */
export async function readObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBody(req)).toString('utf8');
  if (!raw.trim()) return {};
  let value: unknown;
  try {
    value = (req.headers['content-type'] ?? '').includes('yaml') ? parseYaml(raw) : JSON.parse(raw);
  } catch (err) {
    throw errors.badRequest(
      `the object provided is unrecognized (${err instanceof Error ? err.message : 'invalid JSON'})`,
    );
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw errors.badRequest('the object provided is unrecognized');
  return value as Record<string, unknown>;
}

/** kubectl sends `application/json;as=Table;v=v1;g=meta.k8s.io, ...` to get server-side printing. */
export function wantsTable(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return (
      params.includes('as=Table') &&
      params.includes('g=meta.k8s.io') &&
      (params.includes('v=v1') || params.includes('v=v1beta1'))
    );
  });
}

export function queryFlag(url: URL, name: string): boolean {
  const v = url.searchParams.get(name);
  return v === 'true' || v === '1';
}
