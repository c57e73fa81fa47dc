// The one app window, with every option of Electron's security checklist set explicitly (so a
// changed default can never loosen it).
import { BrowserWindow, type WebPreferences } from 'electron';

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
} as const satisfies WebPreferences;

export function createMainWindow(options: { preload: string; page: URL }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Snoopy',
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preload },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.page.href);
  return win;
}
