// Kubeconfig files that make the sandbox fail in every way a user meets: one file with a
// context per failure next to the working ones (as a real kubeconfig collects them), plus a
// broken file. The techniques are those of test/integration/kube-errors.test.ts.
import { execFileSync } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

type Fields = Record<string, unknown>;
interface KubeconfigDoc {
  clusters: { name: string; cluster: Fields }[];
  users: { name: string; user: Fields }[];
  contexts: { name: string; context: Fields }[];
  'current-context': string;
}

/** Context names of the failures, as the picker shows them. */
export const FAILING = {
  closedPort: 'closed-port',
  wrongCa: 'wrong-ca',
  badToken: 'bad-token',
  pluginMissing: 'plugin-missing',
  pluginFailing: 'plugin-failing',
  missingCluster: 'missing-cluster',
} as const;

export const PLUGIN_HINT = 'Install snoopy-no-such-plugin with: brew install snoopy-test-plugin';
export const PLUGIN_STDERR = 'corp-login: your session expired, run corp-login --refresh';

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  await new Promise<void>((ok) => server.close(() => ok()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function otherCaPem(dir: string): Promise<Buffer> {
  const [key, crt] = [join(dir, 'other-ca.key'), join(dir, 'other-ca.crt')];
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
      key,
      '-out',
      crt,
    ],
    { stdio: 'ignore' },
  );
  return readFile(crt);
}

/** The sandbox kubeconfig plus one context per failure; returns its path and the dead URL. */
export async function writeFailuresKubeconfig(
  sandboxKubeconfig: string,
  dir: string,
): Promise<{ path: string; closedUrl: string }> {
  const doc = parse(await readFile(sandboxKubeconfig, 'utf8')) as KubeconfigDoc;
  const sandboxCluster = doc.clusters[0];
  const admin = doc.users.find((u) => u.name === 'admin');
  if (!sandboxCluster || !admin) throw new Error('unexpected sandbox kubeconfig');
  const closedUrl = `https://127.0.0.1:${await closedPort()}`;
  const failingPlugin = join(dir, 'corp-login-plugin.sh');
  await writeFile(failingPlugin, `#!/bin/sh\necho "${PLUGIN_STDERR}" >&2\nexit 1\n`);
  await chmod(failingPlugin, 0o755);
  const execUser = (extra: Fields) => ({
    exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', ...extra },
  });

  doc.clusters.push(
    { name: 'closed-port', cluster: { ...sandboxCluster.cluster, server: closedUrl } },
    {
      name: 'wrong-ca',
      cluster: {
        ...sandboxCluster.cluster,
        'certificate-authority-data': (await otherCaPem(dir)).toString('base64'),
      },
    },
  );
  doc.users.push(
    { name: 'bad-token', user: { token: 'not-the-right-token' } },
    {
      name: 'plugin-missing',
      user: execUser({ command: 'snoopy-no-such-plugin', installHint: PLUGIN_HINT }),
    },
    { name: 'plugin-failing', user: execUser({ command: failingPlugin }) },
  );
  const context = (name: string, cluster: string, user: string) => ({
    name,
    context: { cluster, user, namespace: 'default' },
  });
  doc.contexts.push(
    context(FAILING.closedPort, 'closed-port', 'admin'),
    context(FAILING.wrongCa, 'wrong-ca', 'admin'),
    context(FAILING.badToken, sandboxCluster.name, 'bad-token'),
    context(FAILING.pluginMissing, sandboxCluster.name, 'plugin-missing'),
    context(FAILING.pluginFailing, sandboxCluster.name, 'plugin-failing'),
    context(FAILING.missingCluster, 'no-such-cluster', 'admin'),
  );
  const path = join(dir, 'failures.yaml');
  await writeFile(path, stringify(doc), { mode: 0o600 });
  return { path, closedUrl };
}

/** A kubeconfig with a YAML syntax error on line 7 (a mis-indented key). */
export async function writeUnparsableKubeconfig(dir: string): Promise<string> {
  const path = join(dir, 'broken.yaml');
  await writeFile(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '  - name: prod',
      '    cluster:',
      '      server: https://10.0.0.1:6443',
      '     insecure-skip-tls-verify: true',
      'contexts: []',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return path;
}
