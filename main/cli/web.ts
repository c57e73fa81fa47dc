// `snoopy web [--kubeconfig F] [--context C] [--port N] [--host H] [--open]`: the app in a
// browser. Serves the built renderer and the contract on one loopback origin, with a random
// per-start token that only the printed URL carries.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore as createRealCore, type Core, type CoreOptions } from '../core';
import { formatError } from '../errors';
import { buildRenderer, rendererNeedsBuild } from '../web/ensure-built';
import { openBrowser } from '../web/open-browser';
import { createWebServer, DEFAULT_RENDERER_ROOT, isLoopback, type WebServer } from '../web/server';

export const webUsage = `Usage: snoopy web [--kubeconfig FILE] [--context NAME] [--port N] [--host ADDR] [--open]

Serves Snoopy to your browser on http://127.0.0.1 with a one-time token in the URL.
  --kubeconfig FILE  kubeconfig to use (default: KUBECONFIG, else ~/.kube/config)
  --context NAME     context the page starts with (passed in the URL fragment)
  --port N           port to listen on (default: any free port)
  --host ADDR        address to bind (default 127.0.0.1). Anything else exposes your
                     clusters to the network: only behind a firewall you trust.
  --open             open the URL in the default browser
`;

export interface WebCommandDeps {
  /** Default: the real core (main/core.ts); tests give a fake one. */
  createCore?: (options: CoreOptions) => Promise<Core>;
  /** Where the server is handed once started (tests); the command then returns without waiting. */
  onStarted?: (server: WebServer, stop: () => Promise<void>) => void;
  out?: (text: string) => void;
  err?: (text: string) => void;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

export async function webCommand(args: string[], deps: WebCommandDeps = {}): Promise<number> {
  const out = deps.out ?? ((t: string) => process.stdout.write(t));
  const err = deps.err ?? ((t: string) => process.stderr.write(t));
  let options;
  try {
    ({ values: options } = parseArgs({
      args,
      options: {
        kubeconfig: { type: 'string' },
        context: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        open: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    err(`snoopy web: ${(e as Error).message}\n\n${webUsage}`);
    return 2;
  }
  if (options.help) {
    out(webUsage);
    return 0;
  }
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    err(`snoopy web: --port must be a number from 0 to 65535\n`);
    return 2;
  }
  const host = options.host ?? '127.0.0.1';

  try {
    const repoRoot = resolve(import.meta.dirname, '../..');
    if (
      existsSync(resolve(repoRoot, 'renderer')) &&
      rendererNeedsBuild(repoRoot, DEFAULT_RENDERER_ROOT)
    ) {
      err('snoopy web: building the app (electron-vite build)…\n');
      buildRenderer(repoRoot);
    }
    const createCore = deps.createCore ?? createRealCore;
    const core = await createCore({
      transport: 'browser',
      version: packageVersion(),
      ...(options.kubeconfig === undefined ? {} : { kubeconfig: resolve(options.kubeconfig) }),
    });
    const server = await createWebServer({
      handlers: core.handlers,
      host,
      port,
      log: (line) => err(`snoopy web: ${line}\n`),
    });
    if (!isLoopback(host)) {
      err(
        `WARNING: Snoopy is listening on ${host}, reachable from other machines. Anyone with the URL ` +
          `below can use your cluster credentials. Use the default (127.0.0.1) unless you must.\n`,
      );
    }
    // The page reads the context from the fragment too: like the token, it never reaches a log.
    const url =
      options.context === undefined
        ? server.url
        : `${server.url}&context=${encodeURIComponent(options.context)}`;
    out(`Snoopy is running at ${url}\n`);
    out('Keep this URL private: its token grants access to your clusters. Press Ctrl+C to stop.\n');
    if (options.open) openBrowser(url);

    const stop = async (): Promise<void> => {
      await server.close();
      await core.close();
    };
    if (deps.onStarted) {
      deps.onStarted(server, stop);
      return 0;
    }
    await new Promise<void>((done) => {
      const onSignal = (): void => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        done();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    await stop();
    return 0;
  } catch (e) {
    err(`${formatError(e)}\n`);
    return 1;
  }
}
