// Every way talking to a cluster fails, produced for real against the sandbox, and the error
// the user then reads: its code, the words that let them act, and never a credential.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { WireError } from '../../main/api/contract/index';
import { SnoopyError } from '../../main/errors';
import { startSandbox, type Sandbox } from '../sandbox/sandbox';
import { recordingConnection, testCore } from './helpers/kube-core';

let sandbox: Sandbox;
let dir: string;

interface KubeconfigDoc {
  clusters: Array<{ name: string; cluster: Record<string, unknown> }>;
  users: Array<{ name: string; user: Record<string, unknown> }>;
  contexts: Array<{ name: string; context: Record<string, unknown> }>;
  'current-context': string;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = await mkdtemp(join(tmpdir(), 'snoopy-kube-errors-'));
});

afterAll(async () => {
  await sandbox?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The sandbox kubeconfig with the admin context changed by `edit`, written to a new file. */
async function variant(
  name: string,
  edit: (cluster: Record<string, unknown>, user: Record<string, unknown>) => void,
): Promise<string> {
  const doc = parse(await readFile(sandbox.kubeconfigPath, 'utf8')) as KubeconfigDoc;
  const cluster = doc.clusters[0]?.cluster ?? {};
  const user = doc.users.find((u) => u.name === 'admin')?.user ?? {};
  edit(cluster, user);
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, stringify(doc), { mode: 0o600 });
  return file;
}

/** Starts a watch and returns the first error its state reports (the watch keeps retrying). */
async function watchError(
  kubeconfig: string,
  context = 'sandbox',
  namespaces: string[] = [],
): Promise<WireError> {
  const core = await testCore(kubeconfig);
  const rec = recordingConnection();
  try {
    await core.handlers['pods.watch']({ context, namespaces }, rec.connection);
    const state = await rec.waitForState('retrying', 0, 20_000);
    if (!state.error) throw new Error('retrying without an error');
    return state.error;
  } finally {
    rec.close();
    await core.close();
  }
}

function expectNoSecret(error: WireError): void {
  const text = JSON.stringify(error);
  for (const token of Object.values(sandbox.tokens)) expect(text).not.toContain(token);
  expect(text).not.toContain('not-the-right-token');
}

describe('cluster errors carry their fix', () => {
  it('names the server URL when the cluster is unreachable', async () => {
    const file = await variant('unreachable', (c) => (c.server = 'https://127.0.0.1:1'));
    const error = await watchError(file);
    expect(error.code).toBe('CLUSTER_UNREACHABLE');
    expect(error.message).toContain('https://127.0.0.1:1');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('says the CA is unknown when the kubeconfig trusts another CA', async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=other-ca',
        '-keyout',
        join(dir, 'other-ca.key'),
        '-out',
        join(dir, 'other-ca.crt'),
      ],
      { stdio: 'ignore' },
    );
    const otherCa = await readFile(join(dir, 'other-ca.crt'));
    const file = await variant('wrong-ca', (c) => {
      c['certificate-authority-data'] = otherCa.toString('base64');
    });
    const error = await watchError(file);
    expect(error.code).toBe('TLS_FAILED');
    expect(error.message).toMatch(/CA/);
    expect(error.fix).toContain('certificate-authority');
    expect(error.fix).toContain('insecure-skip-tls-verify');
    expect(error.fix).toContain('not recommended');
  });

  it('says the host name does not match the certificate', async () => {
    const file = await variant('wrong-name', (c) => (c['tls-server-name'] = 'not-the-api.example'));
    const error = await watchError(file);
    expect(error.code).toBe('TLS_FAILED');
    expect(error.message).toContain('hostname mismatch');
    expect(error.fix).toContain('tls-server-name');
  });

  it('asks for a new token on 401, without quoting it', async () => {
    const file = await variant('bad-token', (_c, u) => (u.token = 'not-the-right-token'));
    const error = await watchError(file);
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain('401');
    expect(error.message).toContain('"admin"');
    expect(error.fix).toMatch(/token/);
    expectNoSecret(error);
  });

  it('names the verb, resource and scope of an RBAC denial', async () => {
    const all = await watchError(sandbox.kubeconfigPath, sandbox.contexts['shop-dev'], []);
    expect(all.code).toBe('RBAC_DENIED');
    expect(all.message).toContain('you may not list pods at the cluster scope');
    expect(all.fix).toContain('pick the namespaces');
    expectNoSecret(all);

    const payments = await watchError(sandbox.kubeconfigPath, sandbox.contexts['shop-dev'], [
      'payments',
    ]);
    expect(payments.message).toContain('you may not list pods in namespace payments');
    expect(payments.fix).toContain('Role in payments');
    expect(payments.fix).toContain('list/watch on pods');
  });

  it('falls back to the context namespace when namespaces may not be listed', async () => {
    const core = await testCore(sandbox.kubeconfigPath);
    const rec = recordingConnection();
    try {
      const denied = await core.handlers['namespaces.list'](
        { context: sandbox.contexts['shop-dev'] ?? '' },
        rec.connection,
      );
      expect(denied.namespaces).toEqual(['default']);
      expect(denied.warning?.code).toBe('RBAC_DENIED');
      expect(denied.warning?.message).toContain('you may not list namespaces');
      const allowed = await core.handlers['namespaces.list'](
        { context: 'sandbox' },
        rec.connection,
      );
      expect(allowed.namespaces).toEqual(expect.arrayContaining(['default', 'payments', 'shop']));
      expect(allowed.warning).toBeUndefined();
    } finally {
      rec.close();
      await core.close();
    }
  });

  it('says which credential plugin is missing', async () => {
    const file = await variant('no-plugin', (_c, u) => {
      delete u.token;
      u.exec = {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: 'snoopy-test-no-such-plugin',
        installHint: 'Install snoopy-test-no-such-plugin from the test suite.',
      };
    });
    const core = await testCore(file);
    const rec = recordingConnection();
    try {
      const call = core.handlers['pods.watch'](
        { context: 'sandbox', namespaces: [] },
        rec.connection,
      );
      await expect(call).rejects.toBeInstanceOf(SnoopyError);
      const error = await call.then(
        () => {
          throw new Error('pods.watch should have been refused');
        },
        (err: SnoopyError) => err.toJSON(),
      );
      expect(error.code).toBe('EXEC_PLUGIN_NOT_FOUND');
      expect(error.message).toContain('snoopy-test-no-such-plugin');
      expect(error.fix).toContain('Install snoopy-test-no-such-plugin');
    } finally {
      rec.close();
      await core.close();
    }
  });

  it('quotes the stderr of a failing credential plugin', async () => {
    const file = await variant('failing-plugin', (_c, u) => {
      delete u.token;
      u.exec = {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: '/bin/sh',
        args: ['-c', 'echo "session expired, run: corp-login" >&2; exit 1'],
      };
    });
    const error = await watchError(file);
    expect(error.code).toBe('EXEC_PLUGIN_FAILED');
    expect(error.message).toContain('session expired, run: corp-login');
  });
});
