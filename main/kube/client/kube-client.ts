// A minimal Kubernetes REST client over client-node's KubeConfig: client-node prepares TLS,
// proxy agent and credentials (exec plugins included), and we make plain requests with them.
// Why not CoreV1Api: its per-field deserializer costs more than the network on a 50k-pod list,
// and its errors drop the Status body we need for RBAC messages.
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { CredentialError, KubeHttpError, parseStatus } from './kube-http-error';

export type Query = Record<string, string | number | boolean | undefined>;

/** Authentication and transport for a run of requests (a list's pages, one watch). */
export interface KubeSession {
  getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T>;
  /** The response body of a 200 (a watch stream); any other answer throws KubeHttpError. */
  stream(path: string, query?: Query, signal?: AbortSignal): Promise<http.IncomingMessage>;
}

export interface KubeClient {
  readonly server: string;
  /** Runs exec plugins / reads token files as needed; throws CredentialError when they fail. */
  session(): Promise<KubeSession>;
}

export function createKubeClient(kubeConfig: KubeConfig): KubeClient {
  const server = kubeConfig.getCurrentCluster()?.server ?? '';
  return {
    server,
    async session() {
      const options: https.RequestOptions = {};
      try {
        await kubeConfig.applyToHTTPSOptions(options);
      } catch (err) {
        throw new CredentialError(err);
      }
      return createSession(server, options);
    },
  };
}

function createSession(server: string, prepared: https.RequestOptions): KubeSession {
  const request = (path: string, query: Query, signal: AbortSignal | undefined) =>
    send(server, prepared, path, query, signal);
  return {
    async getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
      const res = await request(path, query, signal);
      const body = await readBody(res);
      return JSON.parse(body) as T;
    },
    stream: (path, query = {}, signal) => request(path, query, signal),
  };
}

function urlOf(server: string, path: string, query: Query): URL {
  const url = new URL(server + path);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  return url;
}

/** Resolves with the response of a 200; rejects with KubeHttpError or the socket's error. */
function send(
  server: string,
  prepared: https.RequestOptions,
  path: string,
  query: Query,
  signal: AbortSignal | undefined,
): Promise<http.IncomingMessage> {
  const url = urlOf(server, path, query);
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, {
      method: 'GET',
      agent: prepared.agent,
      auth: prepared.auth,
      headers: { ...prepared.headers, Accept: 'application/json' },
      signal,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const code = res.statusCode ?? 0;
      if (code >= 200 && code < 300) {
        resolve(res);
        return;
      }
      readBody(res).then(
        (body) => reject(new KubeHttpError(code, parseStatus(body), url.pathname + url.search)),
        reject,
      );
    });
    req.end();
  });
}

function readBody(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('aborted', () =>
      reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })),
    );
  });
}
