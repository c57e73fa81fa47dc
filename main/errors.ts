// "Errors that carry their fix" (DESIGN.md): one error type with a stable code, a message and
// what to do, rendered the same way in the UI, the CLI and the logs. Nothing secret may ever
// reach a message: kubeconfig content is quoted through `redact`, free text through `redactText`.

// The codes live with the contract so the renderer can match on them too.
import { ERROR_CODES, type ErrorCode } from './api/contract/error-codes';

export { ERROR_CODES, type ErrorCode };

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type JsonObject = { [key: string]: JsonValue };

/** The one wire/log shape of an error, whatever the transport. */
export interface SnoopyErrorJSON {
  name: 'SnoopyError';
  code: ErrorCode;
  message: string;
  fix: string;
  details?: JsonObject;
}

export class SnoopyError extends Error {
  override readonly name = 'SnoopyError';
  readonly code: ErrorCode;
  readonly fix: string;
  readonly details: JsonObject | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    fix: string,
    options: { details?: JsonObject; cause?: unknown } = {},
  ) {
    // Redacted again here as a safety net: a caller quoting a token by mistake must not leak it.
    super(redactText(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.fix = redactText(fix);
    this.details =
      options.details === undefined ? undefined : (redact(options.details) as JsonObject);
  }

  toJSON(): SnoopyErrorJSON {
    const json: SnoopyErrorJSON = {
      name: 'SnoopyError',
      code: this.code,
      message: this.message,
      fix: this.fix,
    };
    if (this.details !== undefined) json.details = this.details;
    return json;
  }

  /** Rebuilds an error that crossed a transport (IPC, WebSocket, CLI JSON output). */
  static fromJSON(json: SnoopyErrorJSON): SnoopyError {
    return new SnoopyError(
      json.code,
      json.message,
      json.fix,
      json.details ? { details: json.details } : {},
    );
  }
}

export function isSnoopyError(err: unknown): err is SnoopyError {
  return err instanceof SnoopyError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** Anything thrown becomes a SnoopyError; unknown failures are INTERNAL, never swallowed. */
export function toSnoopyError(err: unknown): SnoopyError {
  if (err instanceof SnoopyError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SnoopyError(
    'INTERNAL',
    message || 'unexpected error',
    'This is a bug in Snoopy: please report it with the log.',
    { cause: err },
  );
}

/** `CODE: message — fix`, the one line the CLI prints and the logs record. */
export function formatError(err: unknown): string {
  const e = toSnoopyError(err);
  return `${e.code}: ${e.message} — ${e.fix}`;
}

// --- redaction --------------------------------------------------------------------------

export const REDACTED = 'REDACTED';

// Keys whose values are credentials wherever they appear in a kubeconfig (users[].user,
// auth-provider config, exec credentials). Compared case-insensitively, ignoring - and _.
const SECRET_KEYS = new Set(
  [
    'token',
    'password',
    'client-key-data',
    'client-certificate-data',
    'id-token',
    'refresh-token',
    'access-token',
    'client-secret',
    'secret',
    'authorization',
    'apiKey',
  ].map(normalizeKey),
);

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/g, '');
}

function isSecretKey(key: string): boolean {
  const k = normalizeKey(key);
  return SECRET_KEYS.has(k) || k.endsWith('token') || k.endsWith('secret');
}

/**
 * A deep copy of kubeconfig content (or any plain data) that is safe to quote: credential
 * fields and every exec `env` value are replaced by REDACTED; paths and names are kept,
 * because they are what the user needs to find the problem.
 */
export function redact(value: unknown): JsonValue {
  return redactValue(value, undefined);
}

function redactValue(value: unknown, key: string | undefined): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string')
    return key !== undefined && isSecretKey(key) ? REDACTED : redactText(value);
  if (typeof value === 'number' || typeof value === 'boolean') {
    return key !== undefined && isSecretKey(key) ? REDACTED : value;
  }
  if (Array.isArray(value)) {
    // exec.env is a list of {name, value}: every value may be a secret (AWS keys, tokens).
    if (key === 'env') return value.map(redactEnvEntry);
    return value.map((v) => redactValue(v, undefined));
  }
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = isSecretKey(k) && v !== null && typeof v !== 'object' ? REDACTED : redactValue(v, k);
    }
    return out;
  }
  return String(value);
}

function redactEnvEntry(entry: unknown): JsonValue {
  if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
    const { name } = entry as { name?: unknown };
    return { name: typeof name === 'string' ? name : null, value: REDACTED };
  }
  return REDACTED;
}

// Free text (plugin stderr, library messages, YAML snippets): mask what looks like a credential.
const TEXT_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  [
    /\b(token|password|passwd|secret|client-key-data|client-certificate-data|id-token|refresh-token|access-token|client-secret|apiKey)(["']?\s*[:=]\s*["']?)[^\s"',}\]]+/gi,
    `$1$2${REDACTED}`,
  ],
  // JSON Web Tokens and PEM private keys, wherever they appear.
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, REDACTED],
];

export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
