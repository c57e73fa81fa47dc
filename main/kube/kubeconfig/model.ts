// The kubeconfig as the app sees it: the merged files, the contexts to pick from, and a
// ready KubeConfig per context, built once at load so that switching context is instant.
import type { KubeConfig } from '@kubernetes/client-node';
import { SnoopyError, isSnoopyError, type SnoopyErrorJSON } from '../../errors';
import { buildKubeConfig, contextNotFound, type ClientConfigOptions } from './client-config';
import { mergeKubeconfigs, type MergedKubeconfig } from './merge';
import { kubeconfigPaths, type KubeconfigPathOptions, type KubeconfigSource } from './paths';
import type { NamedUser } from './raw-config';
import { readKubeconfigFile } from './read-file';
import { resolveUserPaths } from './resolve-paths';

export type LoadKubeconfigOptions = KubeconfigPathOptions & ClientConfigOptions;

export interface KubeContextInfo {
  name: string;
  cluster: string;
  user: string;
  /** The context's namespace, 'default' when unset (as kubectl). */
  namespace: string;
  /** The cluster's API server URL; undefined when the cluster is missing. */
  server: string | undefined;
  /** The file that defined this context. */
  file: string;
  /** Why this context cannot be used (missing cluster/user, bad proxy-url …). */
  problem?: SnoopyErrorJSON;
}

export interface KubeconfigModel {
  source: KubeconfigSource;
  /** Every path considered, in priority order. */
  paths: string[];
  loadedFiles: string[];
  missingFiles: string[];
  currentContext: string | undefined;
  /** Sorted by name, as `kubectl config get-contexts`. */
  contexts: KubeContextInfo[];
  merged: MergedKubeconfig;
  /** The named context, or the current one. Throws CONTEXT_NOT_FOUND / NO_CURRENT_CONTEXT. */
  context(name?: string): KubeContextInfo;
  /** A client-node config for the context, without re-reading anything. Throws with the fix. */
  kubeConfig(name?: string): KubeConfig;
  /** The context's user, paths resolved (for checkExecPlugin); undefined if anonymous. */
  user(name?: string): NamedUser | undefined;
}

export async function loadKubeconfig(
  options: LoadKubeconfigOptions = {},
): Promise<KubeconfigModel> {
  const { source, paths } = kubeconfigPaths(options);
  const files = await Promise.all(paths.map(readKubeconfigFile));
  const merged = mergeKubeconfigs(files);
  if (merged.loadedFiles.length === 0) throw noKubeconfig(source, paths);
  return buildModel(source, paths, merged, options);
}

function noKubeconfig(source: KubeconfigSource, paths: string[]): SnoopyError {
  if (source === 'explicit') {
    return new SnoopyError(
      'KUBECONFIG_NOT_FOUND',
      `the kubeconfig ${paths[0] ?? ''} given with --kubeconfig does not exist`,
      'Check the path, or leave --kubeconfig out to use KUBECONFIG or ~/.kube/config.',
      { details: { tried: paths } },
    );
  }
  return new SnoopyError(
    'KUBECONFIG_NOT_FOUND',
    `no kubeconfig found (tried ${paths.join(', ') || 'nothing: KUBECONFIG lists no file'})`,
    source === 'KUBECONFIG'
      ? 'None of the files in KUBECONFIG exists: fix the variable, or unset it to use ~/.kube/config.'
      : 'Create ~/.kube/config (your cloud CLI does it, e.g. `aws eks update-kubeconfig`, `gcloud container clusters get-credentials`), or set KUBECONFIG to a list of kubeconfig files.',
    { details: { tried: paths, source } },
  );
}

function buildModel(
  source: KubeconfigSource,
  paths: string[],
  merged: MergedKubeconfig,
  options: ClientConfigOptions,
): KubeconfigModel {
  const configs = new Map<string, KubeConfig | SnoopyError>();
  const contexts: KubeContextInfo[] = [];
  for (const ctx of merged.contexts.values()) {
    let built: KubeConfig | SnoopyError;
    try {
      built = buildKubeConfig(merged, ctx.name, options);
    } catch (err) {
      if (!isSnoopyError(err)) throw err;
      built = err;
    }
    configs.set(ctx.name, built);
    const info: KubeContextInfo = {
      name: ctx.name,
      cluster: ctx.value.cluster,
      user: ctx.value.user,
      namespace: ctx.value.namespace || 'default',
      server: merged.clusters.get(ctx.value.cluster)?.value.server,
      file: ctx.origin,
    };
    if (isSnoopyError(built)) info.problem = built.toJSON();
    contexts.push(info);
  }
  contexts.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const pick = (name: string | undefined): string => {
    const chosen = name ?? merged.currentContext;
    if (chosen === undefined) {
      throw new SnoopyError(
        'NO_CURRENT_CONTEXT',
        'the kubeconfig sets no current context',
        contexts.length
          ? `Pick a context (${contexts.map((c) => c.name).join(', ')}) or run \`kubectl config use-context NAME\`.`
          : 'The kubeconfig defines no contexts: create one with `kubectl config set-context` or your cloud CLI.',
        { details: { known: contexts.map((c) => c.name) } },
      );
    }
    if (!configs.has(chosen)) throw contextNotFound(merged, chosen);
    return chosen;
  };

  return {
    source,
    paths,
    loadedFiles: merged.loadedFiles,
    missingFiles: merged.missingFiles,
    currentContext: merged.currentContext,
    contexts,
    merged,
    context(name) {
      const chosen = pick(name);
      const info = contexts.find((c) => c.name === chosen);
      if (!info) throw contextNotFound(merged, chosen);
      return info;
    },
    kubeConfig(name) {
      const built = configs.get(pick(name));
      if (built === undefined) throw new Error('unreachable: pick() checked the context');
      if (built instanceof SnoopyError) throw built;
      return built;
    },
    user(name) {
      const userName = merged.contexts.get(pick(name))?.value.user;
      const user = userName ? merged.users.get(userName) : undefined;
      return user
        ? { name: user.name, user: resolveUserPaths(user.value, user.origin) }
        : undefined;
    },
  };
}
