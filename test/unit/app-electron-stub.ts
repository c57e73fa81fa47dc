// Just enough of Electron's main-side IPC to run main/app/ipc.ts and the preload bridge without
// an Electron binary: an ipcMain registry, windows (webContents) that can reload and crash, and a
// per-window ipcRenderer that carries structured clones like the real pipe.
import { EventEmitter } from 'node:events';
import type { IpcMain, WebContents } from 'electron';
import type { BridgeIpc } from '../../main/app/bridge';

type InvokeListener = (event: unknown, ...args: unknown[]) => unknown;

export class StubIpcMain {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  asIpcMain(): IpcMain {
    return this as unknown as IpcMain;
  }
}

let nextWindowId = 0;

export interface StubFrame {
  url: string;
  parent: StubFrame | null;
}

export class StubWindow extends EventEmitter {
  readonly id = ++nextWindowId;
  destroyed = false;
  /** What the page's preload listeners receive. */
  readonly rendererSide = new EventEmitter();
  readonly sent: { channel: string; message: unknown }[] = [];
  mainFrame: StubFrame;

  constructor(
    private readonly ipcMain: StubIpcMain,
    url: string,
  ) {
    super();
    this.mainFrame = { url, parent: null };
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
    this.rendererSide.emit(channel, { sender: 'ipc-renderer-event' }, structuredClone(message));
  }

  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }

  /** ipcRenderer.invoke as the page would do it, from `frame` (default: the main frame). */
  async invoke(
    channel: string,
    input: unknown,
    frame: StubFrame | null = this.mainFrame,
  ): Promise<unknown> {
    const listener = this.ipcMain.handlers.get(channel);
    if (!listener)
      throw new Error(
        `Error invoking remote method '${channel}': No handler registered for '${channel}'`,
      );
    const result = await listener({ sender: this, senderFrame: frame }, structuredClone(input));
    return structuredClone(result);
  }

  /** The preload's view of ipcRenderer for this window. */
  ipcRenderer(): BridgeIpc {
    return {
      invoke: (channel, input) => this.invoke(channel, input),
      on: (channel, listener) => void this.rendererSide.on(channel, listener),
      removeListener: (channel, listener) =>
        void this.rendererSide.removeListener(channel, listener),
    };
  }

  navigate(url: string): void {
    this.mainFrame = { url, parent: null };
    this.emit('did-navigate', {}, url);
  }

  close(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}
