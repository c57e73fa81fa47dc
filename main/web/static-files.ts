// Maps a request path to a file inside the built renderer, and nothing outside it: `..` in any
// spelling (%2e%2e, %2f, backslashes) is refused before touching the disk, and the resolved real
// path (symlinks followed) must still be inside the real root.
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticLookup =
  { status: 200; file: string; contentType: string } | { status: 400 | 403 | 404; reason: string };

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** `requestUrl` is the raw request target (`/assets/x.js?v=1`). */
export async function lookupStaticFile(root: string, requestUrl: string): Promise<StaticLookup> {
  const rawPath = requestUrl.split(/[?#]/, 1)[0] ?? '';
  if (!rawPath.startsWith('/')) return { status: 400, reason: 'bad request path' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, reason: 'bad percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { status: 400, reason: 'bad request path' };
  if (decoded.split('/').some((segment) => segment === '..'))
    return { status: 403, reason: 'path outside the app' };

  const relativePath = decoded === '/' ? 'index.html' : decoded.slice(1);
  const candidate = resolve(root, relativePath);
  if (!isInside(root, candidate)) return { status: 403, reason: 'path outside the app' };

  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(candidate), realpath(root)]);
  } catch {
    return { status: 404, reason: 'not found' };
  }
  // A symlink inside the folder that points out of it is refused, not followed.
  if (!isInside(realRoot, real) || (real !== realRoot && !real.startsWith(realRoot + sep))) {
    return { status: 403, reason: 'path outside the app' };
  }
  const info = await stat(real).catch(() => undefined);
  if (!info?.isFile()) return { status: 404, reason: 'not found' };
  return {
    status: 200,
    file: real,
    contentType: MIME_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
  };
}
