// Entry of the Electron main process (built to out/main/index.js).
import { app, dialog } from 'electron';
import { formatError } from '../errors';
import { createCore } from '../core';
import { startApp } from './start';

void (async () => {
  try {
    await startApp({
      createCore,
      outMain: import.meta.dirname,
      ...(process.env.ELECTRON_RENDERER_URL
        ? { devServerUrl: process.env.ELECTRON_RENDERER_URL }
        : {}),
    });
  } catch (err) {
    await app.whenReady();
    dialog.showErrorBox('Snoopy could not start', formatError(err));
    app.exit(1);
  }
})();
