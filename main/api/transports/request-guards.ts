// Checks on who is asking, shared by the HTTP server and the WebSocket upgrade. Every comparison
// is on parsed values, never string prefixes (`http://127.0.0.1:80.evil.example` must not pass).
import { isIP } from 'node:net';

/** The `Host` header must name the address we are bound to: the DNS-rebinding defence. */
export function isAllowedHost(
  hostHeader: string | undefined,
  allowedHosts: readonly string[],
): boolean {
  if (!hostHeader) return false;
  let parsed: URL;
  try {
    parsed = new URL(`http://${hostHeader}`);
  } catch {
    return false;
  }
  // Anything more than host[:port] (userinfo, a path) is not a Host header.
  if (parsed.username || parsed.password || parsed.pathname !== '/' || parsed.search || parsed.hash)
    return false;
  return allowedHosts.includes(parsed.host);
}

/**
 * When bound to a wildcard address we cannot know which of our addresses the user typed, but a
 * DNS-rebinding attack needs a DNS name: IP literals with our port are accepted, names are not.
 */
export function isIpLiteralHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  try {
    const parsed = new URL(`http://${hostHeader}`);
    const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
    return isIP(hostname) !== 0 && Number(parsed.port || '80') === port && parsed.pathname === '/';
  } catch {
    return false;
  }
}

/** The `Origin` header must be exactly one of ours (scheme, host and port, after parsing). */
export function isAllowedOrigin(
  originHeader: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (!originHeader || originHeader === 'null') return false;
  let origin: string;
  try {
    origin = new URL(originHeader).origin;
  } catch {
    return false;
  }
  // An Origin header is exactly scheme://host[:port]; anything else was not sent by a browser.
  if (origin !== originHeader) return false;
  return allowedOrigins.some((allowed) => {
    try {
      return new URL(allowed).origin === origin;
    } catch {
      return false;
    }
  });
}
