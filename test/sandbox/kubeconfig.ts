// The kubeconfig a sandbox writes: one cluster (its CA inline), one user per scenario user with a
// bearer token, and one context per user ("sandbox" for the admin).
import { chmod, writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';

export interface KubeconfigUser {
  name: string;
  token: string;
  context: string;
}

export function renderKubeconfig(opts: {
  server: string;
  caPem: string;
  users: KubeconfigUser[];
  currentContext: string;
  cluster?: string;
}): string {
  const cluster = opts.cluster ?? 'sandbox';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: cluster,
        cluster: {
          server: opts.server,
          'certificate-authority-data': Buffer.from(opts.caPem).toString('base64'),
        },
      },
    ],
    users: opts.users.map((u) => ({ name: u.name, user: { token: u.token } })),
    contexts: opts.users.map((u) => ({
      name: u.context,
      context: { cluster, user: u.name, namespace: 'default' },
    })),
    'current-context': opts.currentContext,
    preferences: {},
  });
}

/** Written owner-only: it holds bearer tokens. */
export async function writeKubeconfig(path: string, text: string): Promise<void> {
  await writeFile(path, text, { mode: 0o600 });
  await chmod(path, 0o600);
}
