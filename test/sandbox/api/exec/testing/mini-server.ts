// A tiny HTTPS Kubernetes API server for the exec tests: just enough discovery and pod GETs for
// kubectl, any bearer token accepted, and upgrades on pods/exec routed to the exec endpoint as
// the real router will route them.
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { SandboxApiError, type Pod } from '../../../contracts';
import { renderKubeconfig, writeKubeconfig } from '../../../kubeconfig';
import { sendError, sendJson } from '../../http/respond';
import { ensurePki } from '../../pki';
import { replyStatus } from '../http-reply';
import {
  createExecRegistry,
  execUpgradeRequired,
  handleExecUpgrade,
  parseExecQuery,
  type ExecRegistry,
} from '../index';
import type { FakeKubelet } from './fake-kubelet';

export interface ExecTestServer {
  url: string;
  caPem: string;
  kubeconfigPath: string;
  /** A HOME for kubectl, so its discovery cache stays out of the real one. */
  home: string;
  registry: ExecRegistry;
  /** Method and Upgrade header of every upgrade request, in arrival order. */
  upgrades: Array<{ method: string; upgrade: string; path: string }>;
  close(): Promise<void>;
}

const EXEC_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/;
const POD_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/;

export async function startExecTestServer(opts: {
  kubelet: FakeKubelet;
  pods: Pod[];
}): Promise<ExecTestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'snoopy-exec-test-'));
  const { caPem, certPem, keyPem } = await ensurePki(join(dir, 'pki'));
  const registry = createExecRegistry();
  const upgrades: ExecTestServer['upgrades'] = [];
  const findPod = (ns: string, name: string): Pod | undefined =>
    opts.pods.find((p) => p.metadata.namespace === ns && p.metadata.name === name);

  const server: Server = createServer({ cert: certPem, key: keyPem }, (req, res) => {
    serveRest(req, res, findPod);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'https://sandbox');
    upgrades.push({
      method: req.method ?? '',
      upgrade: req.headers.upgrade ?? '',
      path: url.pathname,
    });
    const match = EXEC_PATH.exec(url.pathname);
    if (!match) {
      replyStatus(
        socket,
        new SandboxApiError(404, 'NotFound', 'the server could not find the requested resource'),
      );
      return;
    }
    const [, ns = '', name = ''] = match;
    const pod = findPod(ns, name);
    if (!pod) {
      replyStatus(
        socket,
        new SandboxApiError(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' }),
      );
      return;
    }
    const exec = parseExecQuery(url, pod);
    if (exec instanceof SandboxApiError) {
      replyStatus(socket, exec);
      return;
    }
    void handleExecUpgrade(req, socket, head, { pod, kubelet: opts.kubelet, exec, registry });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `https://127.0.0.1:${port}`;

  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeKubeconfig(
    kubeconfigPath,
    renderKubeconfig({
      server: url,
      caPem,
      cluster: 'exec-test',
      users: [{ name: 'tester', token: 'any-token-will-do', context: 'exec-test' }],
      currentContext: 'exec-test',
    }),
  );
  const home = join(dir, 'home');

  return {
    url,
    caPem,
    kubeconfigPath,
    home,
    registry,
    upgrades,
    async close() {
      registry.severAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function serveRest(
  req: IncomingMessage,
  res: ServerResponse,
  findPod: (ns: string, name: string) => Pod | undefined,
): void {
  const path = new URL(req.url ?? '/', 'https://sandbox').pathname;
  const json = (code: number, body: unknown): void => sendJson(res, code, body);
  const status = (err: SandboxApiError): void => sendError(res, err);

  if (path === '/version') {
    json(200, { major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' });
  } else if (path === '/api') {
    json(200, {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: req.headers.host }],
    });
  } else if (path === '/apis') {
    json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
  } else if (path === '/api/v1') {
    json(200, {
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: [
        {
          name: 'pods',
          singularName: 'pod',
          namespaced: true,
          kind: 'Pod',
          verbs: ['get', 'list', 'watch', 'create', 'delete'],
          shortNames: ['po'],
        },
        {
          name: 'pods/exec',
          singularName: '',
          namespaced: true,
          kind: 'PodExecOptions',
          verbs: ['create', 'get'],
        },
      ],
    });
  } else if (EXEC_PATH.test(path)) {
    status(execUpgradeRequired());
  } else {
    const match = POD_PATH.exec(path);
    const pod = match ? findPod(match[1] ?? '', match[2] ?? '') : undefined;
    if (pod) json(200, pod);
    else
      status(
        new SandboxApiError(404, 'NotFound', 'the server could not find the requested resource'),
      );
  }
}
