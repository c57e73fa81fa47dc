// The browser-mode file server serves the built renderer and nothing outside it.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupStaticFile } from '../../main/web/static-files';

describe('static file lookup', () => {
  let base: string;
  let root: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'snoopy-static-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
    writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
    writeFileSync(join(base, 'secret.txt'), 'kubeconfig');
    mkdirSync(join(base, 'renderer-evil'));
    writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil');
    symlinkSync(join(base, 'secret.txt'), join(root, 'link-out.txt'));
    symlinkSync(base, join(root, 'dir-out'));
    symlinkSync(join(root, 'assets', 'app.js'), join(root, 'link-in.js'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('serves index.html for / and files with their MIME types', async () => {
    expect(await lookupStaticFile(root, '/')).toMatchObject({
      status: 200,
      contentType: 'text/html; charset=utf-8',
    });
    expect(await lookupStaticFile(root, '/assets/app.js?v=3')).toMatchObject({
      status: 200,
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(await lookupStaticFile(root, '/assets/a%20b.css')).toMatchObject({
      status: 200,
      contentType: 'text/css; charset=utf-8',
    });
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/%2e%2e%2frenderer-evil/x.js',
    '/../renderer-evil/x.js',
  ])('refuses %s', async (path) => {
    const found = await lookupStaticFile(root, path);
    expect([400, 403]).toContain(found.status);
  });

  it('refuses symlinks that lead out of the folder, and follows those that stay inside', async () => {
    expect(await lookupStaticFile(root, '/link-out.txt')).toMatchObject({ status: 403 });
    expect(await lookupStaticFile(root, '/dir-out/secret.txt')).toMatchObject({ status: 403 });
    expect(await lookupStaticFile(root, '/link-in.js')).toMatchObject({ status: 200 });
  });

  it('answers 404 for directories and missing files, 403 for absolute paths, 400 for bad encodings', async () => {
    expect(await lookupStaticFile(root, '/assets')).toMatchObject({ status: 404 });
    expect(await lookupStaticFile(root, '/nope.js')).toMatchObject({ status: 404 });
    expect(await lookupStaticFile(root, '//etc/passwd')).toMatchObject({ status: 403 });
    expect(await lookupStaticFile(root, '/%E0%A4%A')).toMatchObject({ status: 400 });
    expect(await lookupStaticFile(root, '/index.html%00.js')).toMatchObject({ status: 400 });
    expect(await lookupStaticFile(root, 'index.html')).toMatchObject({ status: 400 });
  });
});
