// The per-start secret of browser mode. 256 random bits, base64url so it is a valid WebSocket
// subprotocol token and URL-fragment safe; compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so that neither the content nor the
 * length of the expected token leaks through timing (timingSafeEqual needs equal lengths).
 */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}
