// The HTTPS listener: TLS from pkiDir, connection tracking for faults and close(), requests to
// the router and upgrades to the exec module.
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Faults, Kubelet } from '../contracts';
import type { ScenarioUser } from '../scenario';
import { createExecRegistry } from './exec';
import { ConnectionGate, createFaults } from './faults';
import { Authenticator } from './http/auth';
import type { ServerContext } from './http/context';
import { handleUpgrade } from './http/exec-upgrade';
import { createRouter } from './http/router';
import { ensurePki } from './pki';
import type { ClusterState } from './store/cluster-state';

export interface StartApiServerOptions {
  state: ClusterState;
  kubelet: Kubelet;
  users: Array<ScenarioUser & { token: string }>;
  /** ca.crt, ca.key, server.crt, server.key are written here (or reused when present). */
  pkiDir: string;
  host?: string;
  port?: number;
  /** Interval of BOOKMARK events on watches that allow them (default 60 s, as a real server). */
  bookmarkIntervalMs?: number;
}

export interface RunningApiServer {
  url: string;
  caPem: string;
  faults: Faults;
  close(): Promise<void>;
}

export async function startApiServer(opts: StartApiServerOptions): Promise<RunningApiServer> {
  const host = opts.host ?? '127.0.0.1';
  const extraIPs = /^[\d.]+$|:/.test(host) && host !== '127.0.0.1' && host !== '::1' ? [host] : [];
  const pki = await ensurePki(opts.pkiDir, extraIPs);
  const execRegistry = createExecRegistry();
  const context: ServerContext = {
    state: opts.state,
    kubelet: opts.kubelet,
    execRegistry,
    bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 60_000,
  };
  opts.state.attachKubelet(opts.kubelet);
  const auth = new Authenticator(opts.users);

  const server = createServer({ key: pki.keyPem, cert: pki.certPem });
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  let port = opts.port ?? 0;
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const gate = new ConnectionGate({
    stop: () => server.close(),
    start: () => void listen().catch(() => undefined),
  });
  const faults = createFaults(opts.state, execRegistry, gate);
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const router = createRouter(context, auth, faults, () => `${hostPart}:${port}`);

  server.on('connection', (socket: Socket) => gate.admit(socket));
  server.on('request', (req, res) => router.handle(req, res));
  server.on(
    'upgrade',
    (req, socket, head: Buffer) => void handleUpgrade(context, auth, req, socket, head),
  );
  server.on('tlsClientError', () => undefined);

  await listen();
  port = (server.address() as AddressInfo).port;
  return {
    url: `https://${hostPart}:${port}`,
    caPem: pki.caPem,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        gate.dispose();
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
