// The Node core behind every caller ("one operation, two callers"): one plain async handler per
// contract method, used by the Electron and WebSocket transports through dispatch() and by the
// CLI directly. It holds the kubeconfig (watched), a client per context and the pod watches.
import type { Contexts } from './api/contract/index';
import type { Connection, Handlers } from './api/handlers';
import { createCaptureService } from './capture/handlers';
import { createContextRegistry } from './kube/contexts';
import { loginShellEnvironment } from './kube/kubeconfig/index';
import { listNamespaces } from './kube/namespaces';
import { createPodWatchRegistry } from './kube/pod-watches';
import { getPodDetails } from './kube/pods/pod-details';
import type { PodWatchTuning } from './kube/pods/pod-watch';
import { createPacketHandlers } from './packets/handlers';

export interface CoreOptions {
  /** `--kubeconfig`: this file only, instead of KUBECONFIG or ~/.kube/config. */
  kubeconfig?: string;
  /** KUBECONFIG, HTTPS_PROXY/NO_PROXY and the base of exec plugins' environment; default process.env. */
  env?: NodeJS.ProcessEnv;
  version: string;
  transport: 'electron' | 'browser' | 'memory';
  /**
   * Environment for exec credential plugins. Default: the user's login-shell environment, read
   * once (an app started from a launcher has a minimal PATH). The CLI and tests pass their own.
   */
  execEnvironment?: Record<string, string> | (() => Promise<Record<string, string>>);
  /** Reload when the kubeconfig files change (default true; the CLI reads them once). */
  watchKubeconfig?: boolean;
  /** Pod watch timings (tests shorten the backoff). */
  podWatch?: Partial<PodWatchTuning>;
}

export interface Core {
  handlers: Handlers;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const env = options.env ?? process.env;
  const execEnv = await resolveExecEnvironment(options.execEnvironment, env);
  // Every connection that ever called us hears about kubeconfig changes until it closes.
  const connections = new Map<string, Connection>();
  const contexts = await createContextRegistry({
    load: { explicitPath: options.kubeconfig, env, execEnv },
    watchFiles: options.watchKubeconfig ?? true,
    onChange: (view: Contexts) => {
      for (const c of connections.values()) c.emit('contexts.changed', view);
    },
  });
  const watches = createPodWatchRegistry(options.podWatch);
  // Captures use the same kubeconfig choice; closing the core stops them and deletes the agents.
  const captures = createCaptureService({ kubeconfig: options.kubeconfig, env });

  const known = (connection: Connection): void => {
    if (connections.has(connection.id)) return;
    connections.set(connection.id, connection);
    connection.onClose(() => connections.delete(connection.id));
  };

  const handlers: Handlers = {
    'app.info': async (_input, connection) => {
      known(connection);
      return { version: options.version, transport: options.transport };
    },
    'contexts.list': async (_input, connection) => {
      known(connection);
      return contexts.contexts();
    },
    'namespaces.list': async (input, connection) => {
      known(connection);
      const ctx = await contexts.clientFor(input.context);
      const listing = await listNamespaces(ctx.client, ctx.target, ctx.namespace);
      return listing.warning
        ? { namespaces: listing.namespaces, warning: listing.warning.toJSON() }
        : { namespaces: listing.namespaces };
    },
    'pods.watch': async (input, connection) => {
      known(connection);
      const ctx = await contexts.clientFor(input.context);
      return { watchId: watches.start(input, ctx, connection) };
    },
    'pods.unwatch': async (input, connection) => {
      await watches.stop(input.watchId, connection);
      return {};
    },
    'pods.details': async (input, connection) => {
      known(connection);
      const ctx = await contexts.clientFor(input.context);
      return getPodDetails(ctx.client, ctx.target, input);
    },
    ...captures.handlers,
    ...createPacketHandlers(),
  };

  return {
    handlers,
    async close() {
      contexts.close();
      connections.clear();
      await watches.closeAll();
      await captures.close();
    },
  };
}

async function resolveExecEnvironment(
  given: CoreOptions['execEnvironment'],
  env: NodeJS.ProcessEnv,
): Promise<Record<string, string>> {
  if (typeof given === 'function') return given();
  if (given) return given;
  return (await loginShellEnvironment({ env })).env;
}
