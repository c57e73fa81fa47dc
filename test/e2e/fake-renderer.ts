// The dev-only fake cluster client is compiled only into a test-mode build of the renderer:
// specs that use `?fake=…` build one of their own beside out/renderer and serve it.
import { resolve } from 'node:path';
import { serveRenderer } from './static-server';

export async function buildTestRenderer(outDir: string): Promise<void> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    configFile: false,
    root: resolve('renderer'),
    base: './',
    mode: 'test',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
}

/** Build the test-mode renderer into `outDir` and serve it on loopback. */
export async function serveFakeRenderer(
  outDir: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  await buildTestRenderer(resolve(outDir));
  return serveRenderer(resolve(outDir));
}
