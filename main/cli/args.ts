// kubectl-style flags: `-n NS`, `-n=NS`, `--namespace NS`, `--namespace=NS`, booleans like `-A`.
// Unknown flags are errors (a typo must not silently list the wrong pods).

export interface FlagSpec {
  /** Long name without dashes ("namespace"), and an optional one-letter alias ("n"). */
  name: string;
  short?: string;
  kind: 'boolean' | 'string' | 'strings';
}

export type ParsedFlags = Map<string, string[] | boolean>;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseFlags(args: string[], specs: FlagSpec[]): ParsedFlags {
  const byName = new Map<string, FlagSpec>();
  for (const spec of specs) {
    byName.set(`--${spec.name}`, spec);
    if (spec.short) byName.set(`-${spec.short}`, spec);
  }
  const flags: ParsedFlags = new Map();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.startsWith('-') ? arg.indexOf('=') : -1;
    const key = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = byName.get(key);
    if (!spec) {
      throw new UsageError(
        arg.startsWith('-') ? `unknown flag ${key}` : `unexpected argument "${arg}"`,
      );
    }
    if (spec.kind === 'boolean') {
      if (eq > 0) flags.set(spec.name, arg.slice(eq + 1) !== 'false');
      else flags.set(spec.name, true);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') throw new UsageError(`flag ${key} needs a value`);
    const previous = flags.get(spec.name);
    const values = Array.isArray(previous) ? previous : [];
    flags.set(spec.name, spec.kind === 'strings' ? [...values, value] : [value]);
  }
  return flags;
}

export function flagString(flags: ParsedFlags, name: string): string | undefined {
  const v = flags.get(name);
  return Array.isArray(v) ? v[v.length - 1] : undefined;
}

export function flagStrings(flags: ParsedFlags, name: string): string[] {
  const v = flags.get(name);
  return Array.isArray(v) ? v : [];
}

export function flagBoolean(flags: ParsedFlags, name: string): boolean {
  return flags.get(name) === true;
}
