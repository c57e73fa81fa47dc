// Failures of cluster requests mapped to errors with their fix (no cluster needed).
import { describe, expect, it } from 'vitest';
import { CredentialError, KubeHttpError } from '../../main/kube/client/kube-http-error';
import { kubeError, type KubeTarget } from '../../main/kube/errors';

const target: KubeTarget = {
  context: 'prod',
  server: 'https://api.example:6443',
  user: { name: 'alice', user: { token: 'secret-token-value' } },
};

const withCode = (code: string): Error => Object.assign(new Error(`x ${code}`), { code });

describe('kube errors', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH'])(
    '%s is CLUSTER_UNREACHABLE naming the server',
    (code) => {
      const e = kubeError(withCode(code), target);
      expect(e.code).toBe('CLUSTER_UNREACHABLE');
      expect(e.message).toContain('https://api.example:6443');
      expect(e.message).toContain(code);
    },
  );

  it('finds the code in a wrapped cause (as node-fetch wraps it)', () => {
    const wrapped = Object.assign(new Error('request failed'), { cause: withCode('ECONNREFUSED') });
    expect(kubeError(wrapped, target).code).toBe('CLUSTER_UNREACHABLE');
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'unknown CA'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unknown CA'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'hostname mismatch'],
    ['CERT_HAS_EXPIRED', 'expired'],
  ])('%s is TLS_FAILED saying %s', (code, words) => {
    const e = kubeError(withCode(code), target);
    expect(e.code).toBe('TLS_FAILED');
    expect(e.message).toContain(words);
    expect(e.fix).toContain('insecure-skip-tls-verify');
  });

  it('401 asks for new credentials and never quotes the token', () => {
    const e = kubeError(
      new KubeHttpError(401, { kind: 'Status', message: 'Unauthorized' }, '/api'),
      target,
    );
    expect(e.code).toBe('UNAUTHORIZED');
    expect(JSON.stringify(e.toJSON())).not.toContain('secret-token-value');
    expect(e.fix).toContain('token');
  });

  it('401 with an exec plugin names the plugin', () => {
    const execTarget: KubeTarget = {
      ...target,
      user: { name: 'alice', user: { exec: { command: 'aws', args: [], env: [] } } },
    };
    const e = kubeError(new KubeHttpError(401, undefined, '/api'), execTarget);
    expect(e.fix).toContain('"aws"');
  });

  it('403 names verb, resource and namespace from the Status message', () => {
    const e = kubeError(
      new KubeHttpError(
        403,
        {
          kind: 'Status',
          reason: 'Forbidden',
          message:
            'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "shop"',
        },
        '/api/v1/namespaces/shop/pods',
      ),
      target,
    );
    expect(e.code).toBe('RBAC_DENIED');
    expect(e.message).toContain('you may not list pods in namespace shop');
    expect(e.fix).toBe('Ask for a Role in shop (and RoleBinding) granting list/watch on pods.');
    expect(e.details).toMatchObject({ verb: 'list', resource: 'pods', namespace: 'shop' });
  });

  it('a failing exec plugin is EXEC_PLUGIN_FAILED with its stderr, a missing one NOT_FOUND', () => {
    const execTarget: KubeTarget = {
      ...target,
      user: { name: 'alice', user: { exec: { command: 'kubelogin', args: [], env: [] } } },
    };
    const failed = kubeError(new CredentialError(new Error('token expired')), execTarget);
    expect(failed.code).toBe('EXEC_PLUGIN_FAILED');
    expect(failed.message).toContain('token expired');
    const missing = kubeError(new CredentialError(withCode('ENOENT')), execTarget);
    expect(missing.code).toBe('EXEC_PLUGIN_NOT_FOUND');
  });

  it('400 is INVALID_INPUT (a bad label selector)', () => {
    const e = kubeError(
      new KubeHttpError(400, { kind: 'Status', message: 'unable to parse requirement' }, '/api'),
      target,
    );
    expect(e.code).toBe('INVALID_INPUT');
  });
});
