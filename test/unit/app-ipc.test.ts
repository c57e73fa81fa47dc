import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { methods } from '../../main/api/contract/index';
import { buildBridge } from '../../main/app/bridge';
import { registerIpcTransport, type IpcTransport } from '../../main/app/ipc';
import { isAppPage } from '../../main/app/origin-policy';
import type { SnoopyBridge } from '../../renderer/src/transport/bridge';
import { createElectronClient } from '../../renderer/src/transport/electron-client';
import { StubIpcMain, StubWindow } from './app-electron-stub';
import { contractSuite } from './transport-contract-suite';
import { createFakeCore, type FakeCore } from './transport-fake-handlers';

const APP_PAGE = pathToFileURL('/opt/Snoopy/resources/app/out/renderer/index.html');
const pages = { appFile: APP_PAGE, devServer: new URL('http://localhost:5173') };

function setUp(): { core: FakeCore; ipcMain: StubIpcMain; ipc: IpcTransport; logs: string[] } {
  const core = createFakeCore('electron');
  const ipcMain = new StubIpcMain();
  const logs: string[] = [];
  const ipc = registerIpcTransport({
    ipcMain: ipcMain.asIpcMain(),
    handlers: core.handlers,
    isTrustedPage: (url) => isAppPage(url, pages),
    log: (line) => logs.push(line),
  });
  return { core, ipcMain, ipc, logs };
}

// The whole Electron path: page → preload bridge → ipcMain → dispatcher → core, and back.
contractSuite('Electron IPC (preload bridge + ipcMain, stubbed electron)', async () => {
  const { core, ipcMain, ipc } = setUp();
  return {
    core,
    connect: async () => {
      const win = new StubWindow(ipcMain, APP_PAGE.href);
      const client = createElectronClient(
        buildBridge(win.ipcRenderer()) as unknown as SnoopyBridge,
      );
      return { client, close: () => win.close() };
    },
    dispose: () => ipc.dispose(),
  };
});

describe('the IPC transport (main side)', () => {
  let ipc: IpcTransport | undefined;
  afterEach(() => ipc?.dispose());

  it('registers exactly one named channel per contract method, and nothing generic', () => {
    const t = setUp();
    ipc = t.ipc;
    expect([...t.ipcMain.handlers.keys()].sort()).toEqual(
      Object.keys(methods)
        .map((m) => `snoopy:${m}`)
        .sort(),
    );
  });

  it('has no handler for a channel outside the contract', async () => {
    const t = setUp();
    ipc = t.ipc;
    const win = new StubWindow(t.ipcMain, APP_PAGE.href);
    await expect(win.invoke('snoopy:invoke', { channel: 'pods.watch' })).rejects.toThrow(
      /No handler registered/,
    );
    await expect(win.invoke('snoopy:shell.openExternal', 'https://evil.example')).rejects.toThrow(
      /No handler registered/,
    );
  });

  it.each([
    ['another local file', pathToFileURL('/tmp/evil/index.html').href],
    ['a file whose path only starts like ours', `${APP_PAGE.href}.evil/x.html`],
    ['a web page', 'https://evil.example/'],
    ['a host that only starts like the dev server', 'http://localhost:5173.evil.example/'],
    ['the dev server host on another port', 'http://localhost:5174/'],
    ['a data: page', 'data:text/html,<script>1</script>'],
  ])('refuses calls from %s', async (_what, url) => {
    const t = setUp();
    ipc = t.ipc;
    const win = new StubWindow(t.ipcMain, url);
    await expect(win.invoke('snoopy:app.info', {})).rejects.toThrow(
      /refuses calls from pages that are not its own/,
    );
    expect(t.logs.join('\n')).toContain('refused app.info');
    expect(t.ipc.connections).toBe(0);
  });

  it('refuses calls from a subframe of our own page and from a frame that is gone', async () => {
    const t = setUp();
    ipc = t.ipc;
    const win = new StubWindow(t.ipcMain, APP_PAGE.href);
    await expect(
      win.invoke('snoopy:app.info', {}, { url: APP_PAGE.href, parent: win.mainFrame }),
    ).rejects.toThrow(/not its own/);
    await expect(win.invoke('snoopy:app.info', {}, null)).rejects.toThrow(/not its own/);
  });

  it('accepts our packaged page (with a hash) and the dev server', async () => {
    const t = setUp();
    ipc = t.ipc;
    for (const url of [`${APP_PAGE.href}#/pods`, 'http://localhost:5173/index.html']) {
      const win = new StubWindow(t.ipcMain, url);
      await expect(win.invoke('snoopy:app.info', {})).resolves.toMatchObject({ ok: true });
    }
  });

  it('validates input through the dispatcher and answers with the wire error shape', async () => {
    const t = setUp();
    ipc = t.ipc;
    const win = new StubWindow(t.ipcMain, APP_PAGE.href);
    const result = await win.invoke('snoopy:pods.watch', { context: 42, namespaces: 'all' });
    expect(result).toMatchObject({
      ok: false,
      error: { name: 'SnoopyError', code: 'INVALID_INPUT' },
    });
    expect(t.core.watches.size).toBe(0);
  });

  it('sends events only to the window whose connection emitted them', async () => {
    const t = setUp();
    ipc = t.ipc;
    const a = new StubWindow(t.ipcMain, APP_PAGE.href);
    const b = new StubWindow(t.ipcMain, APP_PAGE.href);
    const { value } = (await a.invoke('snoopy:pods.watch', { context: 'a', namespaces: [] })) as {
      value: { watchId: string };
    };
    await vi.waitFor(() => expect(a.sent).toHaveLength(1));
    t.core.push(value.watchId);
    expect(a.sent.map((s) => s.channel)).toEqual(['snoopy:event', 'snoopy:event']);
    expect(a.sent[1]?.message).toMatchObject({
      event: 'pods.batch',
      payload: { watchId: value.watchId },
    });
    expect(b.sent).toEqual([]);
  });

  it.each([
    ['closes', (w: StubWindow) => w.close()],
    ['reloads or navigates', (w: StubWindow) => w.navigate(APP_PAGE.href)],
    ['crashes', (w: StubWindow) => void w.emit('render-process-gone', {}, { reason: 'crashed' })],
  ])('ends the window’s connection (its watches stop) when the window %s', async (_what, end) => {
    const t = setUp();
    ipc = t.ipc;
    const win = new StubWindow(t.ipcMain, APP_PAGE.href);
    const { value } = (await win.invoke('snoopy:pods.watch', { context: 'a', namespaces: [] })) as {
      value: { watchId: string };
    };
    expect(t.ipc.connections).toBe(1);
    end(win);
    expect(t.core.cleanedUp).toEqual([value.watchId]);
    expect(t.ipc.connections).toBe(0);
    // Nothing more reaches the old page, and the window's listeners were removed.
    win.sent.length = 0;
    t.core.push(value.watchId);
    expect(win.sent).toEqual([]);
    expect(win.listenerCount('did-navigate')).toBe(0);
  });

  it('gives a reloaded page a fresh connection', async () => {
    const t = setUp();
    ipc = t.ipc;
    const win = new StubWindow(t.ipcMain, APP_PAGE.href);
    await win.invoke('snoopy:pods.watch', { context: 'a', namespaces: [] });
    win.navigate(APP_PAGE.href);
    const { value } = (await win.invoke('snoopy:pods.watch', { context: 'a', namespaces: [] })) as {
      value: { watchId: string };
    };
    await vi.waitFor(() =>
      expect(
        win.sent.some(
          (s) => (s.message as { payload: { watchId: string } }).payload.watchId === value.watchId,
        ),
      ).toBe(true),
    );
    expect(t.ipc.connections).toBe(1);
  });

  it('removes its handlers and closes every connection on dispose', async () => {
    const t = setUp();
    const win = new StubWindow(t.ipcMain, APP_PAGE.href);
    const { value } = (await win.invoke('snoopy:pods.watch', { context: 'a', namespaces: [] })) as {
      value: { watchId: string };
    };
    t.ipc.dispose();
    expect(t.ipcMain.handlers.size).toBe(0);
    expect(t.core.cleanedUp).toEqual([value.watchId]);
  });
});
