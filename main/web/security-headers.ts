// The headers every browser-mode response carries. The CSP is the page's own policy
// (renderer/index.html) with connect-src narrowed to this server's WebSocket; a unit test keeps
// the two in step. frame-ancestors only works as a header, which is one reason to send it.
export function contentSecurityPolicy(connectSrc: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...connectSrc].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    // Always fresh: a page from an earlier start must not outlive its token's server.
    'Cache-Control': 'no-store',
  };
}
