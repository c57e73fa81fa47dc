// The kubeconfig as the core holds it: the latest load (or why it failed), kept current by
// watching the files, the contexts.list view of it, and a ready client per context (the exec
// plugin checked once, so a missing plugin reads "install X", not ENOENT).
import type { Contexts, ContextInfo } from '../api/contract/index';
import { SnoopyError } from '../errors';
import { createKubeClient, type KubeClient } from './client/kube-client';
import type { KubeTarget } from './errors';
import {
  checkExecPlugin,
  kubeconfigPaths,
  loadKubeconfig,
  watchKubeconfig,
  type KubeconfigLoad,
  type KubeconfigWatcher,
  type LoadKubeconfigOptions,
} from './kubeconfig/index';

export interface ContextClient {
  client: KubeClient;
  target: KubeTarget;
  /** The context's namespace ('default' when unset), what kubectl uses without -n. */
  namespace: string;
}

export interface ContextRegistry {
  contexts(): Contexts;
  /** Throws the kubeconfig's problem, CONTEXT_NOT_FOUND, or EXEC_PLUGIN_NOT_FOUND. */
  clientFor(context: string): Promise<ContextClient>;
  close(): void;
}

export interface ContextRegistryOptions {
  load: LoadKubeconfigOptions;
  /** Follow file changes (the app) or read once (the CLI). */
  watchFiles: boolean;
  onChange(contexts: Contexts): void;
}

export async function createContextRegistry(
  options: ContextRegistryOptions,
): Promise<ContextRegistry> {
  const { source, paths } = kubeconfigPaths(options.load);
  let current: KubeconfigLoad;
  let clients = new Map<string, Promise<ContextClient>>();
  let watcher: KubeconfigWatcher | undefined;

  const view = (): Contexts => toContexts(source, paths, current);
  if (options.watchFiles) {
    current = await new Promise<KubeconfigLoad>((resolve) => {
      let first = true;
      watcher = watchKubeconfig(options.load, (load) => {
        current = load;
        clients = new Map();
        if (first) {
          first = false;
          resolve(load);
        } else options.onChange(view());
      });
    });
  } else {
    current = await loadKubeconfig(options.load).then(
      (model): KubeconfigLoad => ({ ok: true, model }),
      (err: unknown): KubeconfigLoad => ({ ok: false, error: asSnoopy(err) }),
    );
  }

  const build = async (context: string): Promise<ContextClient> => {
    if (!current.ok) throw current.error;
    const { model } = current;
    const kubeConfig = model.kubeConfig(context);
    const info = model.context(context);
    const user = model.user(context);
    if (user) {
      const env = { ...(options.load.env ?? process.env), ...options.load.execEnv };
      const plugin = await checkExecPlugin(user, env);
      if (plugin.status === 'missing') throw plugin.error;
    }
    return {
      client: createKubeClient(kubeConfig),
      target: { context, server: info.server ?? '', user },
      namespace: info.namespace,
    };
  };

  return {
    contexts: view,
    clientFor(context) {
      let client = clients.get(context);
      if (!client) {
        client = build(context);
        // A failure is not cached: the user may install the plugin and try again.
        client.catch(() => clients.delete(context));
        clients.set(context, client);
      }
      return client;
    },
    close() {
      watcher?.close();
    },
  };
}

function asSnoopy(err: unknown): SnoopyError {
  if (err instanceof SnoopyError) return err;
  return new SnoopyError('KUBECONFIG_INVALID', String(err), 'Check the kubeconfig files.');
}

function toContexts(source: Contexts['source'], paths: string[], load: KubeconfigLoad): Contexts {
  if (!load.ok) return { source, paths, contexts: [], error: load.error.toJSON() };
  const { model } = load;
  const contexts = model.contexts.map((c): ContextInfo => {
    const info: ContextInfo = {
      name: c.name,
      cluster: c.cluster,
      user: c.user,
      namespace: c.namespace,
    };
    if (c.server !== undefined) info.server = c.server;
    if (c.problem) info.problem = c.problem;
    return info;
  });
  const out: Contexts = { source: model.source, paths: model.paths, contexts };
  if (model.currentContext !== undefined) out.currentContext = model.currentContext;
  return out;
}
