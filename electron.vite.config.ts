// One build for the three Electron bundles: the main process (main/app), the preload bridge and
// the renderer. Browser mode serves the same renderer bundle (out/renderer).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('main/app/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // The window is sandboxed: its preload must be one CommonJS file that requires only
      // 'electron' (no ESM, no node_modules at run time), so dependencies are bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('main/app/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
