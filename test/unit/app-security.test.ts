// main/app with a stub of the electron module: window options, navigation, window.open,
// webview and permission guards, the CSP header, and the start-up wiring (core → IPC → window).
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { methods } from '../../main/api/contract/index';
import { createFakeCore } from './transport-fake-handlers';

const stub = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class StubBrowserWindow extends Emitter {
    static all: StubBrowserWindow[] = [];
    static getAllWindows = () => StubBrowserWindow.all;
    loaded: string | undefined;
    constructor(readonly options: Record<string, unknown>) {
      super();
      StubBrowserWindow.all.push(this);
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    show() {}
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: true,
    getVersion: () => '9.9.9',
    whenReady: () => Promise.resolve(),
    quit: () => undefined,
  });
  const handles = new Map<string, unknown>();
  const session = {
    permissionRequest: undefined as undefined | ((...a: unknown[]) => void),
    permissionCheck: undefined as undefined | ((...a: unknown[]) => boolean),
    headers: undefined as undefined | ((details: unknown, cb: (r: unknown) => void) => void),
    setPermissionRequestHandler(h: (...a: unknown[]) => void) {
      this.permissionRequest = h;
    },
    setPermissionCheckHandler(h: (...a: unknown[]) => boolean) {
      this.permissionCheck = h;
    },
    webRequest: {
      onHeadersReceived(h: (details: unknown, cb: (r: unknown) => void) => void) {
        session.headers = h;
      },
    },
  };
  return { StubBrowserWindow, app, handles, session };
});

vi.mock('electron', () => ({
  app: stub.app,
  BrowserWindow: stub.StubBrowserWindow,
  session: { defaultSession: stub.session },
  ipcMain: {
    handle: (channel: string, h: unknown) => stub.handles.set(channel, h),
    removeHandler: (channel: string) => stub.handles.delete(channel),
  },
}));

class StubContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
}

function fire(contents: StubContents, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  contents.emit(name, { preventDefault: () => (prevented = true) }, ...args);
  return prevented;
}

const appFile = pathToFileURL('/opt/snoopy/out/renderer/index.html');

describe('the hardened app window', () => {
  it('sets every security option explicitly and loads the preload bundle', async () => {
    const { createMainWindow } = await import('../../main/app/window');
    const win = createMainWindow({
      preload: '/opt/snoopy/out/preload/index.cjs',
      page: appFile,
    }) as unknown as InstanceType<typeof stub.StubBrowserWindow>;
    expect(win.options.webPreferences).toEqual({
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
      preload: '/opt/snoopy/out/preload/index.cjs',
    });
    expect(win.loaded).toBe(appFile.href);
  });
});

describe('the webContents guards', () => {
  let contents: StubContents;
  beforeEach(async () => {
    const { hardenWebContents } = await import('../../main/app/security');
    const { isAppPage } = await import('../../main/app/origin-policy');
    contents = new StubContents();
    hardenWebContents(contents as never, (url) => isAppPage(url, { appFile }));
  });

  it('lets the app reload its own page but not navigate anywhere else', () => {
    expect(fire(contents, 'will-navigate', `${appFile.href}#/pods`)).toBe(false);
    for (const url of [
      'https://evil.example/',
      pathToFileURL('/etc/passwd').href,
      `${appFile.href}.evil`,
      'javascript:alert(1)',
    ]) {
      expect(fire(contents, 'will-navigate', url), url).toBe(true);
      expect(fire(contents, 'will-redirect', url), url).toBe(true);
    }
  });

  it('denies every window.open and every webview', () => {
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: appFile.href })).toEqual({ action: 'deny' });
    expect(fire(contents, 'will-attach-webview', {}, {})).toBe(true);
  });
});

describe('the session guards', () => {
  it('denies every permission and adds the CSP header to responses', async () => {
    const { hardenSession, APP_CSP } = await import('../../main/app/security');
    hardenSession(stub.session as never, { csp: APP_CSP });
    const answer = vi.fn();
    stub.session.permissionRequest?.({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(stub.session.permissionCheck?.({}, 'clipboard-read')).toBe(false);
    const done = vi.fn();
    stub.session.headers?.({ responseHeaders: { 'content-type': ['text/html'] } }, done);
    expect(done).toHaveBeenCalledWith({
      responseHeaders: {
        'content-type': ['text/html'],
        'Content-Security-Policy': [APP_CSP],
        'X-Content-Type-Options': ['nosniff'],
      },
    });
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).toContain("connect-src 'self';");
  });
});

describe('the dev server URL', () => {
  it('is trusted only unpackaged, only http on loopback', async () => {
    const { devServerFrom } = await import('../../main/app/origin-policy');
    expect(devServerFrom('http://localhost:5173', false)?.origin).toBe('http://localhost:5173');
    expect(devServerFrom('http://localhost:5173', true)).toBeUndefined();
    expect(devServerFrom('http://evil.example:5173', false)).toBeUndefined();
    expect(devServerFrom('file:///x', false)).toBeUndefined();
    expect(devServerFrom('not a url', false)).toBeUndefined();
  });
});

describe('app start-up', () => {
  it('starts the core for electron, registers one IPC handler per method and opens the app page', async () => {
    const { startApp } = await import('../../main/app/start');
    const core = createFakeCore('electron');
    const createCore = vi.fn(async () => ({ handlers: core.handlers, close: vi.fn() }));
    stub.StubBrowserWindow.all.length = 0;
    await startApp({ createCore, outMain: '/opt/snoopy/out/main' });
    expect(createCore).toHaveBeenCalledWith({ transport: 'electron', version: '9.9.9' });
    expect([...stub.handles.keys()].sort()).toEqual(
      Object.keys(methods)
        .map((m) => `snoopy:${m}`)
        .sort(),
    );
    const win = stub.StubBrowserWindow.all[0];
    expect(win?.loaded).toBe(appFile.href);
    expect((win?.options.webPreferences as { preload: string }).preload).toBe(
      '/opt/snoopy/out/preload/index.cjs',
    );
    expect(stub.app.listenerCount('web-contents-created')).toBe(1);
  });
});
