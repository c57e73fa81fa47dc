// The few API calls the agent code makes that main/kube's read-only client does not (create,
// delete, access reviews, dry-run): plain JSON requests over client-node's prepared TLS and
// credentials, failing with the same KubeHttpError so kubeError() maps them the same way.
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { CredentialError, KubeHttpError, parseStatus } from '../../kube/client/kube-http-error';
import type { Query } from '../../kube/client/kube-client';

export type Method = 'GET' | 'POST' | 'DELETE';

export interface AgentApi {
  readonly server: string;
  readonly kubeConfig: KubeConfig;
  request<T>(method: Method, path: string, options?: { query?: Query; body?: unknown }): Promise<T>;
}

export function createAgentApi(kubeConfig: KubeConfig): AgentApi {
  const server = kubeConfig.getCurrentCluster()?.server ?? '';
  return {
    server,
    kubeConfig,
    async request<T>(
      method: Method,
      path: string,
      options: { query?: Query; body?: unknown } = {},
    ): Promise<T> {
      const prepared: https.RequestOptions = {};
      try {
        // Runs exec plugins / refreshes tokens as needed, every call (they expire).
        await kubeConfig.applyToHTTPSOptions(prepared);
      } catch (err) {
        throw new CredentialError(err);
      }
      const text = await send(server, prepared, method, path, options.query ?? {}, options.body);
      return (text ? JSON.parse(text) : {}) as T;
    },
  };
}

function send(
  server: string,
  prepared: https.RequestOptions,
  method: Method,
  path: string,
  query: Query,
  body: unknown,
): Promise<string> {
  const url = new URL(server + path);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value));
  }
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = transport.request(url, {
      method,
      agent: prepared.agent,
      auth: prepared.auth,
      headers: {
        ...prepared.headers,
        Accept: 'application/json',
        ...(payload
          ? { 'Content-Type': 'application/json', 'Content-Length': payload.length }
          : {}),
      },
      timeout: 30_000,
    });
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const code = res.statusCode ?? 0;
        if (code >= 200 && code < 300) resolve(text);
        else reject(new KubeHttpError(code, parseStatus(text), url.pathname + url.search));
      });
    });
    req.end(payload);
  });
}

export function isHttpStatus(err: unknown, code: number): boolean {
  return err instanceof KubeHttpError && err.statusCode === code;
}
