// Turns one context of the merged kubeconfig into a client-node KubeConfig holding only that
// context, cluster and user. Built from our own merge (never client-node's loaders) so that
// kubectl's rules hold, and once per context so that switching context re-reads nothing.
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { SnoopyError } from '../../errors';
import type { MergedKubeconfig } from './merge';
import { proxyFor } from './proxy';
import type { RawCluster, RawExec, RawUser } from './raw-config';
import { resolveClusterPaths, resolveUserPaths } from './resolve-paths';

export interface ClientConfigOptions {
  /** Environment for HTTPS_PROXY/NO_PROXY; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Extra environment for exec credential plugins (the login shell's PATH and the rest). */
  execEnv?: Record<string, string>;
}

export function buildKubeConfig(
  merged: MergedKubeconfig,
  contextName: string,
  options: ClientConfigOptions = {},
): KubeConfig {
  const ctx = merged.contexts.get(contextName);
  if (!ctx) throw contextNotFound(merged, contextName);
  const { cluster: clusterName, user: userName, namespace } = ctx.value;
  const cluster = merged.clusters.get(clusterName);
  if (!cluster) {
    throw new SnoopyError(
      'CLUSTER_NOT_FOUND',
      `context "${contextName}" uses cluster "${clusterName}", which no kubeconfig file defines`,
      `Add cluster "${clusterName}" to the kubeconfig or fix the context (defined in ${ctx.origin}); kubectl would silently fall back to localhost:8080.`,
      { details: { context: contextName, cluster: clusterName, file: ctx.origin } },
    );
  }
  if (!cluster.value.server) {
    throw new SnoopyError(
      'KUBECONFIG_INVALID',
      `cluster "${clusterName}" has no server URL`,
      `Set clusters[].cluster.server for "${clusterName}" in ${cluster.origin}.`,
      { details: { cluster: clusterName, file: cluster.origin } },
    );
  }
  // An empty user name is an anonymous context (valid); a name nobody defines is a mistake
  // kubectl hides by going anonymous, which later surfaces as a confusing 401/403.
  const user = userName ? merged.users.get(userName) : undefined;
  if (userName && !user) {
    throw new SnoopyError(
      'USER_NOT_FOUND',
      `context "${contextName}" uses user "${userName}", which no kubeconfig file defines`,
      `Add user "${userName}" to the kubeconfig or fix the context (defined in ${ctx.origin}).`,
      { details: { context: contextName, user: userName, file: ctx.origin } },
    );
  }
  const env = options.env ?? process.env;
  const rawCluster = resolveClusterPaths(cluster.value, cluster.origin);
  const clientCluster = toClientCluster(clusterName, rawCluster, env);
  const clientUser = user
    ? toClientUser(userName, resolveUserPaths(user.value, user.origin), rawCluster, options)
    : { name: '' };
  const clientContext: Context = {
    name: contextName,
    cluster: clusterName,
    user: clientUser.name,
    ...(namespace ? { namespace } : {}),
  };

  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [clientCluster],
    users: [clientUser],
    contexts: [clientContext],
    currentContext: contextName,
  });
  return kc;
}

export function contextNotFound(merged: MergedKubeconfig, name: string): SnoopyError {
  const known = [...merged.contexts.keys()].sort();
  return new SnoopyError(
    'CONTEXT_NOT_FOUND',
    `context "${name}" is not in the kubeconfig`,
    known.length
      ? `Pick one of: ${known.join(', ')}.`
      : 'The kubeconfig defines no contexts: create one with `kubectl config set-context` or your cloud CLI.',
    { details: { context: name, known } },
  );
}

function toClientCluster(name: string, c: RawCluster, env: NodeJS.ProcessEnv): Cluster {
  const server = (c.server ?? '').replace(/\/$/, '');
  return {
    name,
    server,
    caData: c['certificate-authority-data'],
    caFile: c['certificate-authority'],
    skipTLSVerify: c['insecure-skip-tls-verify'] === true,
    tlsServerName: c['tls-server-name'],
    // client-node applies proxyUrl on every request path (fetch, watch, WebSocket exec), but
    // never reads HTTPS_PROXY/NO_PROXY itself: decide here as kubectl would.
    proxyUrl: proxyFor(server, c['proxy-url'], env),
  };
}

function toClientUser(
  name: string,
  u: RawUser,
  cluster: RawCluster,
  options: ClientConfigOptions,
): User {
  return {
    name,
    certData: u['client-certificate-data'],
    certFile: u['client-certificate'],
    keyData: u['client-key-data'],
    keyFile: u['client-key'],
    token: u.token,
    username: u.username,
    password: u.password,
    impersonateUser: u.as,
    ...authFields(u, cluster, options),
  };
}

function authFields(
  u: RawUser,
  cluster: RawCluster,
  options: ClientConfigOptions,
): Pick<User, 'exec' | 'authProvider'> {
  if (u.exec) return { exec: execWithEnvironment(u.exec, cluster, options.execEnv ?? {}) };
  if (u['auth-provider']) return { authProvider: u['auth-provider'] };
  // kubectl re-reads tokenFile (rotated tokens); client-node's FileAuth does the same when
  // given it as an auth provider (client-node ignores kubectl's `tokenFile` key itself).
  if (u.tokenFile && !u.token) {
    return { authProvider: { name: 'tokenFile', config: { tokenFile: u.tokenFile } } };
  }
  return {};
}

// client-node spawns the plugin with process.env plus exec.env; putting the login-shell
// environment under the kubeconfig's own entries gives: process < login shell < kubeconfig.
// Node looks the command up on the PATH of that env, so a launcher's minimal PATH no longer
// matters. KUBERNETES_EXEC_INFO is what kubectl passes; client-node does not.
function execWithEnvironment(
  exec: RawExec,
  cluster: RawCluster,
  execEnv: Record<string, string>,
): RawExec {
  const env = new Map<string, string>(Object.entries(execEnv));
  env.set('KUBERNETES_EXEC_INFO', JSON.stringify(execInfo(exec, cluster)));
  for (const e of exec.env ?? []) env.set(e.name, e.value);
  return {
    ...exec,
    args: exec.args ?? [],
    env: [...env].map(([name, value]) => ({ name, value })),
  };
}

function execInfo(exec: RawExec, cluster: RawCluster): Record<string, unknown> {
  const spec: Record<string, unknown> = { interactive: false };
  if (exec.provideClusterInfo) {
    spec.cluster = {
      server: cluster.server,
      'tls-server-name': cluster['tls-server-name'],
      'insecure-skip-tls-verify': cluster['insecure-skip-tls-verify'],
      'certificate-authority-data': cluster['certificate-authority-data'],
      'proxy-url': cluster['proxy-url'],
    };
  }
  return {
    apiVersion: exec.apiVersion ?? 'client.authentication.k8s.io/v1beta1',
    kind: 'ExecCredential',
    spec,
  };
}
