// The KubeConfig handed to client-node must authenticate exactly as kubectl does on the same
// files: a local HTTPS API server records what each client sends.
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { VersionApi } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExecPlugin, execPluginFailed, loadKubeconfig } from '../../main/kube/kubeconfig';
import { hasKubectl, kubectlAsync, tempDir, type TempDir } from './fixtures/kubeconfig/helpers';

const hasOpenssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

const PLUGIN = `#!/bin/sh
printf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s-%s"}}' "$FROM_LOGIN_SHELL" "$FROM_KUBECONFIG"
`;

let tmp: TempDir;
let server: Server;
let seen: string[] = [];
let kubeconfigFile: string;
let pluginDir: string;

beforeAll(async () => {
  tmp = tempDir();
  if (!hasOpenssl) return;
  const pki = tmp.path('conf/pki');
  tmp.write('conf/pki/.keep', '');
  const r = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    `${pki}/server.key`,
    '-out',
    `${pki}/ca.crt`,
  ]);
  expect(r.status, String(r.stderr)).toBe(0);
  server = createServer(
    { key: readFileSync(`${pki}/server.key`), cert: readFileSync(`${pki}/ca.crt`) },
    (req, res) => {
      seen.push(req.headers.authorization ?? '(none)');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' }),
      );
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  tmp.write('conf/secrets/token', 'token-from-file');
  tmp.write('conf/bin/relative-plugin', PLUGIN);
  chmodSync(tmp.path('conf/bin/relative-plugin'), 0o755);
  // A plugin only the login shell's PATH knows (as /opt/homebrew/bin for a Dock-started app).
  pluginDir = tmp.path('login-path');
  tmp.write('login-path/snoopy-test-plugin', PLUGIN);
  chmodSync(tmp.path('login-path/snoopy-test-plugin'), 0o755);

  const exec = (command: string) => ({
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command,
      env: [{ name: 'FROM_KUBECONFIG', value: 'kc' }],
      installHint: `install ${command} from https://example.com/plugin`,
    },
  });
  kubeconfigFile = tmp.write('conf/kubeconfig', {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'local',
        cluster: { server: `https://127.0.0.1:${port}`, 'certificate-authority': 'pki/ca.crt' },
      },
    ],
    users: [
      { name: 'token-file', user: { tokenFile: 'secrets/token' } },
      { name: 'relative-exec', user: exec('./bin/relative-plugin') },
      { name: 'path-exec', user: exec('snoopy-test-plugin') },
      { name: 'missing-exec', user: exec('no-such-plugin') },
    ],
    contexts: ['token-file', 'relative-exec', 'path-exec', 'missing-exec'].map((u) => ({
      name: u,
      context: { cluster: 'local', user: u },
    })),
  });
});

afterAll(() => {
  server?.close();
  tmp.remove();
});

async function viaClientNode(context: string): Promise<string> {
  const model = await loadKubeconfig({
    env: { KUBECONFIG: kubeconfigFile },
    execEnv: { PATH: `${pluginDir}:/usr/bin:/bin`, FROM_LOGIN_SHELL: 'login' },
  });
  seen = [];
  await model.kubeConfig(context).makeApiClient(VersionApi).getCode();
  return seen.at(-1) ?? '';
}

async function viaKubectl(context: string): Promise<string> {
  seen = [];
  // kubectl is run from another directory: relative paths must follow the file, not the cwd.
  const r = await kubectlAsync(
    [kubeconfigFile],
    ['--context', context, 'get', '--raw', '/version'],
    { PATH: `${pluginDir}:/usr/bin:/bin`, FROM_LOGIN_SHELL: 'login' },
    tmp.path('login-path'),
  );
  expect(r.status, r.stderr).toBe(0);
  return seen.at(-1) ?? '';
}

describe.skipIf(!hasOpenssl)('client-node config from the kubeconfig', () => {
  it('resolves certificate-authority and tokenFile relative to the kubeconfig file', async () => {
    expect(await viaClientNode('token-file')).toBe('Bearer token-from-file');
    if (hasKubectl) expect(await viaKubectl('token-file')).toBe('Bearer token-from-file');
  });

  it('runs an exec plugin given by a path relative to the kubeconfig file', async () => {
    expect(await viaClientNode('relative-exec')).toBe('Bearer login-kc');
    if (hasKubectl) expect(await viaKubectl('relative-exec')).toBe('Bearer login-kc');
  });

  it('finds an exec plugin on the login shell PATH, with the kubeconfig env over the shell env', async () => {
    expect(process.env.PATH ?? '').not.toContain(pluginDir);
    expect(await viaClientNode('path-exec')).toBe('Bearer login-kc');
    if (hasKubectl) expect(await viaKubectl('path-exec')).toBe('Bearer login-kc');
  });

  it('switches context without re-reading any file', async () => {
    const model = await loadKubeconfig({ env: { KUBECONFIG: kubeconfigFile } });
    const a = model.kubeConfig('token-file');
    const b = model.kubeConfig('relative-exec');
    expect(model.kubeConfig('token-file')).toBe(a);
    expect(b.getCurrentContext()).toBe('relative-exec');
  });
});

describe.skipIf(!hasOpenssl)('exec plugin preflight', () => {
  it('resolves the plugin command on the given PATH', async () => {
    const model = await loadKubeconfig({ env: { KUBECONFIG: kubeconfigFile } });
    const user = model.user('path-exec');
    expect(user).toBeDefined();
    if (!user) return;
    expect(await checkExecPlugin(user, { PATH: '/usr/bin:/bin' })).toMatchObject({
      status: 'missing',
    });
    expect(await checkExecPlugin(user, { PATH: `/usr/bin:${pluginDir}` })).toEqual({
      status: 'found',
      command: 'snoopy-test-plugin',
      path: `${pluginDir}/snoopy-test-plugin`,
    });
    const relative = model.user('relative-exec');
    if (relative) expect(await checkExecPlugin(relative, {})).toMatchObject({ status: 'found' });
  });

  it('names the missing command and gives the installHint from the kubeconfig', async () => {
    const model = await loadKubeconfig({ env: { KUBECONFIG: kubeconfigFile } });
    const user = model.user('missing-exec');
    if (!user) throw new Error('fixture has user missing-exec');
    const check = await checkExecPlugin(user, { PATH: '/usr/bin:/bin' });
    expect(check.status).toBe('missing');
    if (check.status !== 'missing') return;
    expect(check.error.code).toBe('EXEC_PLUGIN_NOT_FOUND');
    expect(check.error.message).toContain('"no-such-plugin"');
    expect(check.error.fix).toBe('install no-such-plugin from https://example.com/plugin');
  });

  it('reports a failing plugin with its stderr, credentials masked', async () => {
    const model = await loadKubeconfig({ env: { KUBECONFIG: kubeconfigFile } });
    const user = model.user('path-exec');
    if (!user) throw new Error('fixture has user path-exec');
    const err = execPluginFailed(user, new Error('error: SSO session expired; token: abc123\n'));
    expect(err.code).toBe('EXEC_PLUGIN_FAILED');
    expect(err.message).toContain('SSO session expired');
    expect(err.message).not.toContain('abc123');
  });
});
