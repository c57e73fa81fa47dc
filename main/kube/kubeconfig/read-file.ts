// Reads and validates one kubeconfig file the way kubectl's clientcmd.LoadFromFile does,
// turning every failure into an error that names the file (and the line, for YAML).
import { readFile } from 'node:fs/promises';
import { isDeepStrictEqual } from 'node:util';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { SnoopyError } from '../../errors';
import { rawConfigSchema, type RawConfig } from './raw-config';

export type KubeconfigFile =
  { status: 'missing'; path: string } | { status: 'loaded'; path: string; config: RawConfig };

export async function readKubeconfigFile(path: string): Promise<KubeconfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // kubectl silently skips a missing file in the list; so do we.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'missing', path };
    throw new SnoopyError(
      'KUBECONFIG_INVALID',
      `cannot read kubeconfig ${path} (${code ?? 'error'})`,
      'Check that the file is a readable regular file, or remove it from KUBECONFIG.',
      { details: { path }, cause: err },
    );
  }
  return { status: 'loaded', path, config: parseKubeconfig(text, path) };
}

export function parseKubeconfig(text: string, path: string): RawConfig {
  // YAML 1.1 like kubectl (sigs.k8s.io/yaml): `insecure-skip-tls-verify: yes` is a boolean.
  // prettyErrors would append a snippet of the file, which may hold a secret: positions are
  // computed apart instead.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.1',
    prettyErrors: false,
    uniqueKeys: false,
    lineCounter,
  });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lineCounter.linePos(yamlError.pos[0]);
    const reason = yamlError.message;
    const where = pos ? `:${pos.line}:${pos.col}` : '';
    throw new SnoopyError(
      'KUBECONFIG_INVALID',
      `kubeconfig ${path}${where} is not valid YAML: ${reason}`,
      `Fix the YAML at ${path}${where} (or remove the file from KUBECONFIG); kubectl fails on it too.`,
      { details: { path, ...(pos ? { line: pos.line, column: pos.col } : {}) } },
    );
  }
  const data: unknown = doc.toJS() ?? {};
  return validate(data, path);
}

function notAConfig(path: string, why: string): SnoopyError {
  return new SnoopyError(
    'KUBECONFIG_INVALID',
    `${path} is not a valid kubeconfig: ${why}`,
    'Point KUBECONFIG (or --kubeconfig) at a file with "kind: Config", as written by `kubectl config` or your cloud CLI.',
    { details: { path } },
  );
}

function validate(data: unknown, path: string): RawConfig {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw notAConfig(path, 'it is not a YAML mapping');
  }
  const { kind, apiVersion } = data as { kind?: unknown; apiVersion?: unknown };
  // kubectl accepts a missing kind/apiVersion but rejects any other kind or version.
  if (kind !== undefined && kind !== '' && kind !== 'Config') {
    throw notAConfig(path, `it has kind ${JSON.stringify(kind)}, expected Config`);
  }
  if (apiVersion !== undefined && apiVersion !== '' && apiVersion !== 'v1') {
    throw notAConfig(
      path,
      `apiVersion ${JSON.stringify(apiVersion)} is not supported, expected v1`,
    );
  }
  const parsed = rawConfigSchema.safeParse(data);
  if (!parsed.success) throw notAConfig(path, describeIssues(parsed.error));
  rejectConflictingDuplicates(parsed.data, path);
  return parsed.data;
}

// Zod's messages name types, never values, so they are safe to show.
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map(
      (i) =>
        `${
          i.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '') || '(root)'
        }: ${i.message}`,
    )
    .join('; ');
}

// Within one file kubectl allows a repeated name only if both entries are identical.
function rejectConflictingDuplicates(config: RawConfig, path: string): void {
  const lists = [
    ['cluster', config.clusters],
    ['user', config.users],
    ['context', config.contexts],
  ] as const;
  for (const [what, list] of lists) {
    const seen = new Map<string, unknown>();
    for (const entry of list) {
      const previous = seen.get(entry.name);
      if (previous !== undefined && !isDeepStrictEqual(previous, entry)) {
        throw notAConfig(path, `two different ${what}s are named "${entry.name}"`);
      }
      seen.set(entry.name, entry);
    }
  }
}
