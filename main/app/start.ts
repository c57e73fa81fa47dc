// The Electron main process: harden the session and every webContents, start the core, expose
// the contract over IPC, open the window. Split from main.ts so tests run it with a stub electron
// and a fake core.
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Core, CoreOptions } from '../core';
import { registerIpcTransport } from './ipc';
import { devServerFrom, isAppPage, type AppPages } from './origin-policy';
import { APP_CSP, hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';

export interface StartOptions {
  createCore: (options: CoreOptions) => Promise<Core>;
  /** Folder of the built bundles (out/main); the preload and renderer sit beside it. */
  outMain: string;
  devServerUrl?: string;
}

export async function startApp(options: StartOptions): Promise<void> {
  const pages: AppPages = {
    appFile: pathToFileURL(join(options.outMain, '../renderer/index.html')),
  };
  const devServer = devServerFrom(options.devServerUrl, app.isPackaged);
  if (devServer) pages.devServer = devServer;
  const isOurPage = (url: string): boolean => isAppPage(url, pages);

  // Registered before any window exists, so no webContents escapes the hooks.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isOurPage));
  await app.whenReady();
  // The dev server serves its own scripts (HMR): its pages keep the meta CSP only.
  hardenSession(session.defaultSession, devServer ? {} : { csp: APP_CSP });

  const core = await options.createCore({ transport: 'electron', version: app.getVersion() });
  const ipc = registerIpcTransport({
    ipcMain,
    handlers: core.handlers,
    isTrustedPage: isOurPage,
    log: (line) => console.warn(`snoopy ipc: ${line}`),
  });

  const openWindow = (): void => {
    createMainWindow({
      preload: join(options.outMain, '../preload/index.cjs'),
      page: devServer ?? pages.appFile,
    });
  };
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => app.quit());
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    // Stop the core (its agents, its watches) before the process goes.
    event.preventDefault();
    stopped = true;
    ipc.dispose();
    void Promise.resolve(core.close()).finally(() => app.quit());
  });
}
