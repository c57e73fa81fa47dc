// The contract over Electron IPC, main side. One `ipcMain.handle('snoopy:<method>')` per contract
// method (no generic channel); every call must come from the top frame of one of our pages; the
// input is validated by the dispatcher like any other transport's. Each window (webContents) is
// one Connection: its events go to it alone, and its cleanups run when it closes, crashes,
// reloads or navigates.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { createDispatcher, type DispatchResult } from '../api/dispatch';
import type { Handlers } from '../api/handlers';
import { createConnection, type ConnectionHandle } from '../api/transports/connection';
import { EVENT_CHANNEL, METHOD_NAMES, methodChannel } from './channels';

export interface IpcTransportOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: Handlers;
  /** Is this URL one of our pages (origin-policy.ts isAppPage)? */
  isTrustedPage: (url: string) => boolean;
  log?: (line: string) => void;
}

export interface IpcTransport {
  /** Windows with a live Connection. */
  readonly connections: number;
  /** Removes the handlers and closes every Connection (app quit). */
  dispose(): void;
}

const LIFECYCLE_EVENTS = ['destroyed', 'render-process-gone', 'did-navigate'] as const;

export function registerIpcTransport(options: IpcTransportOptions): IpcTransport {
  const log = options.log ?? (() => undefined);
  const dispatch = createDispatcher(options.handlers);
  const byWindow = new Map<number, ConnectionHandle>();

  const connectionFor = (contents: WebContents): ConnectionHandle => {
    const existing = byWindow.get(contents.id);
    if (existing) return existing;
    const handle = createConnection(
      `window-${contents.id}`,
      (event, payload) => {
        if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, { event, payload });
      },
      (err) => log(`cleanup of window ${contents.id} failed: ${String(err)}`),
    );
    // A reload or navigation starts a new page: the old page's watches die with it.
    const end = (): void => {
      for (const name of LIFECYCLE_EVENTS) contents.removeListener(name as 'destroyed', end);
      if (byWindow.get(contents.id) === handle) byWindow.delete(contents.id);
      handle.close();
    };
    for (const name of LIFECYCLE_EVENTS) contents.on(name as 'destroyed', end);
    byWindow.set(contents.id, handle);
    return handle;
  };

  const isTrustedSender = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    // Only the top frame of our own page: no subframes, no frames that navigated away meanwhile.
    return frame !== null && frame.parent === null && options.isTrustedPage(frame.url);
  };

  for (const method of METHOD_NAMES) {
    options.ipcMain.handle(
      methodChannel(method),
      async (event: IpcMainInvokeEvent, input: unknown): Promise<DispatchResult> => {
        if (!isTrustedSender(event)) {
          log(`refused ${method} from untrusted frame ${event.senderFrame?.url ?? '(gone)'}`);
          throw new Error('Snoopy refuses calls from pages that are not its own');
        }
        return dispatch(method, input, connectionFor(event.sender).connection);
      },
    );
  }

  return {
    get connections() {
      return byWindow.size;
    },
    dispose() {
      for (const method of METHOD_NAMES) options.ipcMain.removeHandler(methodChannel(method));
      for (const handle of byWindow.values()) handle.close();
      byWindow.clear();
    },
  };
}
