import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  SnoopyError,
  formatError,
  redact,
  redactText,
  toSnoopyError,
} from '../../main/errors';

describe('SnoopyError', () => {
  it('renders as one line CODE: message — fix', () => {
    const err = new SnoopyError(
      'RBAC_DENIED',
      'you may not create pods in snoopy-system',
      'ask for the RoleBinding in agent-manifests/rbac.yaml',
    );
    expect(formatError(err)).toBe(
      'RBAC_DENIED: you may not create pods in snoopy-system — ask for the RoleBinding in agent-manifests/rbac.yaml',
    );
  });

  it('survives a JSON round trip unchanged (IPC, WebSocket, CLI -o json)', () => {
    const err = new SnoopyError(
      'CONTEXT_NOT_FOUND',
      'context "x" is not in the kubeconfig',
      'Pick one of: a, b.',
      {
        details: { context: 'x', known: ['a', 'b'] },
      },
    );
    const wire = JSON.parse(JSON.stringify(err)) as ReturnType<SnoopyError['toJSON']>;
    expect(wire).toEqual({
      name: 'SnoopyError',
      code: 'CONTEXT_NOT_FOUND',
      message: 'context "x" is not in the kubeconfig',
      fix: 'Pick one of: a, b.',
      details: { context: 'x', known: ['a', 'b'] },
    });
    expect(formatError(SnoopyError.fromJSON(wire))).toBe(formatError(err));
  });

  it('wraps anything else as INTERNAL without losing the message', () => {
    expect(formatError(new Error('boom'))).toMatch(/^INTERNAL: boom — /);
    expect(toSnoopyError('text').code).toBe('INTERNAL');
  });

  it('never carries a token, even when a caller quotes one by mistake', () => {
    const err = new SnoopyError(
      'UNAUTHORIZED',
      'sent Authorization: Bearer abc.def.ghi',
      'token: s3cr3t is wrong',
      {
        details: { user: { token: 'sekret', password: 'pw' } },
      },
    );
    const text = JSON.stringify(err) + formatError(err);
    for (const secret of ['abc.def.ghi', 's3cr3t', 'sekret', '"pw"'])
      expect(text).not.toContain(secret);
  });
});

describe('redact', () => {
  it('hides kubeconfig credentials and exec env values but keeps names and paths', () => {
    const user = {
      name: 'dev',
      user: {
        token: 't0ken',
        tokenFile: '/home/u/.kube/token',
        'client-certificate-data': 'Q0VSVA==',
        'client-key-data': 'S0VZ',
        'client-key': '/home/u/key.pem',
        username: 'admin',
        password: 'hunter2',
        'auth-provider': {
          name: 'oidc',
          config: {
            'id-token': 'eyJx',
            'refresh-token': 'r',
            'client-secret': 'cs',
            'idp-issuer-url': 'https://idp',
          },
        },
        exec: {
          command: 'aws',
          args: ['eks', 'get-token'],
          env: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'AKIA…' }],
        },
      },
    };
    expect(redact(user)).toEqual({
      name: 'dev',
      user: {
        token: REDACTED,
        tokenFile: '/home/u/.kube/token',
        'client-certificate-data': REDACTED,
        'client-key-data': REDACTED,
        'client-key': '/home/u/key.pem',
        username: 'admin',
        password: REDACTED,
        'auth-provider': {
          name: 'oidc',
          config: {
            'id-token': REDACTED,
            'refresh-token': REDACTED,
            'client-secret': REDACTED,
            'idp-issuer-url': 'https://idp',
          },
        },
        exec: {
          command: 'aws',
          args: ['eks', 'get-token'],
          env: [{ name: 'AWS_SECRET_ACCESS_KEY', value: REDACTED }],
        },
      },
    });
  });

  it('masks bearer tokens, key: value secrets, JWTs and private keys in free text', () => {
    const text = [
      'Authorization: Bearer abcdef123',
      'token: xyz password=pw1 "client-key-data": "QUJD"',
      'got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----',
    ].join('\n');
    const out = redactText(text);
    for (const secret of ['abcdef123', 'xyz', 'pw1', 'QUJD', 'eyJhbGci', 'MIIE'])
      expect(out).not.toContain(secret);
    expect(out).toContain('token: REDACTED');
  });
});
