// `snoopy web` in a checkout serves out/renderer: build it when it is missing or older than the
// renderer sources, so nobody serves a stale page by accident.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

export function rendererNeedsBuild(repoRoot: string, outRoot: string): boolean {
  const index = join(outRoot, 'index.html');
  if (!existsSync(index)) return true;
  const sources = [join(repoRoot, 'renderer'), join(repoRoot, 'main/api/contract')].filter((d) =>
    existsSync(d),
  );
  const built = statSync(index).mtimeMs;
  return sources.some((dir) => newestMtime(dir) > built);
}

/** Runs the project's build (electron-vite) with its output on stderr; throws when it fails. */
export function buildRenderer(repoRoot: string): void {
  execFileSync('npx', ['electron-vite', 'build'], {
    cwd: repoRoot,
    stdio: ['ignore', process.stderr, process.stderr],
  });
}
