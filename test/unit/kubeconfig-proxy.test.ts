// proxyFor decides like client-go (Go's httpproxy rules). Each row is also run through the
// real kubectl with a fake proxy that records CONNECTs: kubectl must use a proxy exactly
// when proxyFor returns one.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnoopyError } from '../../main/errors';
import { proxyFor } from '../../main/kube/kubeconfig';
import { hasKubectl, kubectlAsync, tempDir, type TempDir } from './fixtures/kubeconfig/helpers';

const P = 'http://proxy.corp:3128';

// [behaviour, server, cluster proxy-url, env, expected]
const rows: [string, string, string | undefined, NodeJS.ProcessEnv, string | undefined][] = [
  ['no proxy configured', 'https://api.example.com', undefined, {}, undefined],
  ['HTTPS_PROXY for an https server', 'https://api.example.com', undefined, { HTTPS_PROXY: P }, P],
  ['lowercase https_proxy', 'https://api.example.com', undefined, { https_proxy: P }, P],
  [
    'HTTP_PROXY is not used for https',
    'https://api.example.com',
    undefined,
    { HTTP_PROXY: P },
    undefined,
  ],
  [
    'a proxy without scheme means http://',
    'https://api.example.com',
    undefined,
    { HTTPS_PROXY: 'proxy.corp:3128' },
    P,
  ],
  [
    'NO_PROXY exact host',
    'https://api.example.com:6443',
    undefined,
    { HTTPS_PROXY: P, NO_PROXY: 'api.example.com' },
    undefined,
  ],
  [
    'NO_PROXY domain covers subdomains',
    'https://api.example.com',
    undefined,
    { HTTPS_PROXY: P, NO_PROXY: 'example.com' },
    undefined,
  ],
  [
    'NO_PROXY .domain covers subdomains',
    'https://api.example.com',
    undefined,
    { HTTPS_PROXY: P, no_proxy: '.example.com' },
    undefined,
  ],
  [
    'NO_PROXY .domain does not cover the domain itself',
    'https://example.com',
    undefined,
    { HTTPS_PROXY: P, NO_PROXY: '.example.com' },
    P,
  ],
  [
    'NO_PROXY *.domain',
    'https://api.example.com',
    undefined,
    { HTTPS_PROXY: P, NO_PROXY: 'other.org, *.example.com' },
    undefined,
  ],
  [
    'NO_PROXY is case- and space-insensitive',
    'https://api.example.com',
    undefined,
    { HTTPS_PROXY: P, NO_PROXY: ' API.Example.COM ' },
    undefined,
  ],
  [
    'NO_PROXY does not match a longer name',
    'https://notexample.com',
    undefined,
    { HTTPS_PROXY: P, NO_PROXY: 'example.com' },
    P,
  ],
  [
    'NO_PROXY CIDR contains the IP',
    'https://10.1.2.3:6443',
    undefined,
    { HTTPS_PROXY: P, NO_PROXY: '10.0.0.0/8' },
    undefined,
  ],
  [
    'NO_PROXY CIDR does not contain the IP',
    'https://11.1.2.3:6443',
    undefined,
    { HTTPS_PROXY: P, NO_PROXY: '10.0.0.0/8' },
    P,
  ],
  [
    'NO_PROXY IPv6 CIDR',
    'https://[fd00::1]:6443',
    undefined,
    { HTTPS_PROXY: P, NO_PROXY: 'fd00::/8' },
    undefined,
  ],
  [
    'NO_PROXY host:port only for that port',
    'https://api.example.com:6443',
    undefined,
    { HTTPS_PROXY: P, NO_PROXY: 'api.example.com:443' },
    P,
  ],
  [
    'NO_PROXY host:port with the port',
    'https://api.example.com:6443',
    undefined,
    { HTTPS_PROXY: P, NO_PROXY: 'api.example.com:6443' },
    undefined,
  ],
  [
    'NO_PROXY=* disables the env proxy',
    'https://api.example.com',
    undefined,
    { HTTPS_PROXY: P, NO_PROXY: '*' },
    undefined,
  ],
  [
    'localhost is never proxied',
    'https://localhost:6443',
    undefined,
    { HTTPS_PROXY: P },
    undefined,
  ],
  [
    'loopback IPs are never proxied',
    'https://127.0.0.1:6443',
    undefined,
    { HTTPS_PROXY: P },
    undefined,
  ],
  [
    "the cluster's proxy-url wins, NO_PROXY aside",
    'https://api.example.com',
    'http://other-proxy:8080',
    { HTTPS_PROXY: P, NO_PROXY: '*' },
    'http://other-proxy:8080',
  ],
];

describe('proxyFor', () => {
  it.each(rows)('%s', (_behaviour, server, clusterProxy, env, expected) => {
    expect(proxyFor(server, clusterProxy, env)).toBe(expected);
  });

  it('rejects a proxy-url kubectl would not accept', () => {
    expect(() => proxyFor('https://a', 'ftp://proxy', {})).toThrow(SnoopyError);
    expect(() => proxyFor('https://a', 'ftp://proxy', {})).toThrow(/proxy-url/);
  });

  it('accepts socks5 proxy-urls', () => {
    expect(proxyFor('https://a', 'socks5://localhost:1080', {})).toBe('socks5://localhost:1080');
  });
});

describe.skipIf(!hasKubectl)('proxyFor agrees with kubectl', () => {
  let tmp: TempDir;
  let proxy: Server;
  let fake: string;
  const connects: string[] = [];

  beforeAll(async () => {
    tmp = tempDir();
    proxy = createServer((socket) => {
      socket.once('data', (data) => {
        connects.push(data.toString('latin1').split('\r\n')[0] ?? '');
        socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    fake = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    proxy.close();
    tmp.remove();
  });

  it.each(rows)('%s', async (_behaviour, server, clusterProxy, env, expected) => {
    // Same decision inputs, but every proxy points at the recording fake.
    const kubectlEnv: NodeJS.ProcessEnv = { PATH: '/usr/bin:/bin' };
    for (const [k, v] of Object.entries(env)) {
      kubectlEnv[k] =
        /_proxy$/i.test(k) && !/^no_proxy$/i.test(k)
          ? v?.includes('://')
            ? fake
            : fake.slice(7)
          : v;
    }
    const file = tmp.write(`kc-${connects.length}-${Math.random().toString(36).slice(2)}.yaml`, {
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'c',
      clusters: [
        { name: 'c', cluster: { server, ...(clusterProxy ? { 'proxy-url': fake } : {}) } },
      ],
      users: [{ name: 'u', user: { token: 'x' } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    });
    const before = connects.length;
    await kubectlAsync(
      [file],
      ['get', '--raw', '/version', '--request-timeout=2s'],
      kubectlEnv,
      tmp.dir,
    );
    const kubectlUsedProxy = connects.length > before;
    expect(kubectlUsedProxy).toBe(expected !== undefined);
  });
});
