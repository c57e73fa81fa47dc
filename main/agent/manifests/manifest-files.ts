// Where the agent manifests are: agent-manifests/ at the project root (source and CLI runs), or
// a directory the packaged app passes (electron-builder copies them into resources/). The files
// are read as they are, so what a cluster admin reads is what Snoopy creates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DEFAULT_DIR = fileURLToPath(new URL('../../../agent-manifests/', import.meta.url));

export function manifestsDir(): string {
  return process.env['SNOOPY_AGENT_MANIFESTS'] ?? DEFAULT_DIR;
}

export function readManifest(name: string, dir = manifestsDir()): string {
  return readFileSync(join(dir, name), 'utf8');
}

/** Index of the script in the agent container's `command: [sh, -c, SCRIPT, agent, run]`. */
export const SCRIPT_ARG_INDEX = 2;
