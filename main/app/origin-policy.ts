// Which pages are ours: the packaged renderer file, or the dev server in development. Used for IPC
// senders and navigation. Parsed-URL comparisons only: a prefix test would let
// `file:///app/index.html.evil/` or `http://localhost:5173.evil.example` through.
export interface AppPages {
  /** file:///…/out/renderer/index.html */
  appFile: URL;
  /** ELECTRON_RENDERER_URL while developing with electron-vite (http://localhost:5173). */
  devServer?: URL;
}

export function isAppPage(url: string, pages: AppPages): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    // file: origins are opaque ("null"): compare the exact file instead; query and hash are ours.
    return (
      pages.appFile.protocol === 'file:' &&
      parsed.host === pages.appFile.host &&
      parsed.pathname === pages.appFile.pathname
    );
  }
  if (!pages.devServer) return false;
  return (
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    parsed.origin === pages.devServer.origin
  );
}

/** The dev server URL is taken only from electron-vite's variable, and only when it is loopback http. */
export function devServerFrom(value: string | undefined, packaged: boolean): URL | undefined {
  if (packaged || !value) return undefined;
  try {
    const url = new URL(value);
    const loopback =
      url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    return url.protocol === 'http:' && loopback ? url : undefined;
  } catch {
    return undefined;
  }
}
