// The two halves of the wire format and the two copies of the page's policy stay in step.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as server from '../../main/api/transports/wire';
import { contentSecurityPolicy } from '../../main/web/security-headers';
import * as client from '../../renderer/src/transport/wire';
import { tokenFromHash, webSocketUrlFor } from '../../renderer/src/transport/location';
import { createToken } from '../../main/api/transports/token';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name as string, values.join(' ')];
      }),
  );
}

describe('the wire format', () => {
  it('has the same protocol names, path and close codes on both sides', () => {
    expect(client.WS_PROTOCOL).toBe(server.WS_PROTOCOL);
    expect(client.WS_TOKEN_PROTOCOL_PREFIX).toBe(server.WS_TOKEN_PROTOCOL_PREFIX);
    expect(client.WS_PATH).toBe(server.WS_PATH);
    expect(client.CLOSE_CODES).toEqual(server.CLOSE_CODES);
  });

  it('reads results and refuses malformed ones', () => {
    expect(client.readCallResult({ ok: true, value: 1 })).toEqual({ ok: true, value: 1 });
    expect(
      client.readCallResult({
        ok: false,
        error: { name: 'SnoopyError', code: 'NOT_FOUND', message: 'm', fix: 'f' },
      }),
    ).toMatchObject({ ok: false });
    expect(client.readCallResult({ ok: false, error: 'boom' })).toBeUndefined();
    expect(client.readCallResult(null)).toBeUndefined();
  });
});

describe('the security headers', () => {
  it('send the page’s own CSP (renderer/index.html), with connect-src narrowed to our socket', () => {
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const page = directives(meta as string);
    const header = directives(contentSecurityPolicy(['ws://127.0.0.1:7777']));
    expect([...header.keys()].sort()).toEqual([...page.keys()].sort());
    for (const [name, value] of header) {
      if (name === 'connect-src') expect(value).toBe("'self' ws://127.0.0.1:7777");
      else expect(value, name).toBe(page.get(name));
    }
  });
});

describe('the token in the page URL', () => {
  it('is read from the fragment, and the rest of the fragment is kept', () => {
    const token = createToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokenFromHash(`#token=${token}`)).toEqual({ token, restHash: '' });
    expect(tokenFromHash(`#token=${token}&view=pods`)).toEqual({ token, restHash: '#view=pods' });
    expect(tokenFromHash('')).toEqual({ token: undefined, restHash: '' });
    expect(tokenFromHash('#token=<script>')).toMatchObject({ token: undefined });
  });

  it('makes the socket URL from the page’s own origin', () => {
    expect(webSocketUrlFor('http://127.0.0.1:7777/index.html#x')).toBe('ws://127.0.0.1:7777/ws');
    expect(webSocketUrlFor('https://snoopy.internal/')).toBe('wss://snoopy.internal/ws');
  });
});
