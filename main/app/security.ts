// Electron's security checklist, the parts that are hooks rather than window options: no
// permissions, no navigation or windows outside our page, no webviews, and the CSP sent as a
// header too (a header also covers what a meta tag cannot, like frame-ancestors).
import type { Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../web/security-headers';

/** The app's policy: the page's own (renderer/index.html), and it talks to the core over IPC only. */
export const APP_CSP = contentSecurityPolicy([]);

export function hardenSession(session: Session, options: { csp?: string } = {}): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const csp = options.csp;
  if (csp !== undefined) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: {
          ...details.responseHeaders,
          'Content-Security-Policy': [csp],
          'X-Content-Type-Options': ['nosniff'],
        },
      });
    });
  }
}

/** Applied to every webContents the app creates (app 'web-contents-created'). */
export function hardenWebContents(
  contents: WebContents,
  isAppPage: (url: string) => boolean,
): void {
  const stayOnOurPages = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppPage(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnOurPages);
  contents.on('will-redirect', stayOnOurPages);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // The app is one page: it never needs a second window, same origin or not.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
