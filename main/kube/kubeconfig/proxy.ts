// Which proxy kubectl would use to reach an API server: the cluster's `proxy-url` if set
// (NO_PROXY does not apply to it), else HTTPS_PROXY/HTTP_PROXY filtered by NO_PROXY, with
// the rules of Go's golang.org/x/net/http/httpproxy that client-go uses. client-node reads
// only `proxy-url`, never the environment, so the result is handed to it as the cluster's
// proxyUrl (see client-config.ts).
import { BlockList, isIP } from 'node:net';
import { SnoopyError } from '../../errors';

const PROXY_SCHEMES = new Set(['http:', 'https:', 'socks5:']);

export function proxyFor(
  serverUrl: string,
  clusterProxyUrl: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (clusterProxyUrl) {
    checkClusterProxy(clusterProxyUrl);
    return clusterProxyUrl;
  }
  let server: URL;
  try {
    server = new URL(serverUrl);
  } catch {
    return undefined;
  }
  const fromEnv =
    server.protocol === 'https:'
      ? firstSet(env, 'HTTPS_PROXY', 'https_proxy')
      : server.protocol === 'http:'
        ? firstSet(env, 'HTTP_PROXY', 'http_proxy')
        : undefined;
  if (!fromEnv) return undefined;
  const port = server.port || (server.protocol === 'https:' ? '443' : '80');
  const host = server.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (!useProxy(host, port, firstSet(env, 'NO_PROXY', 'no_proxy') ?? '')) return undefined;
  return normalizeEnvProxy(fromEnv);
}

function firstSet(env: NodeJS.ProcessEnv, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value) return value;
  }
  return undefined;
}

function checkClusterProxy(proxyUrl: string): void {
  let scheme: string | undefined;
  try {
    scheme = new URL(proxyUrl).protocol;
  } catch {
    scheme = undefined;
  }
  if (!scheme || !PROXY_SCHEMES.has(scheme)) {
    throw new SnoopyError(
      'PROXY_INVALID',
      `the cluster's proxy-url "${proxyUrl}" is not an http, https or socks5 URL`,
      'Fix proxy-url in the kubeconfig, e.g. http://proxy.example.com:3128 or socks5://localhost:1080.',
      { details: { proxyUrl } },
    );
  }
}

// Go accepts "proxy:3128" in HTTPS_PROXY and means http://proxy:3128.
function normalizeEnvProxy(value: string): string {
  try {
    if (PROXY_SCHEMES.has(new URL(value).protocol)) return value;
  } catch {
    // fall through: not a URL on its own
  }
  return `http://${value}`;
}

function useProxy(host: string, port: string, noProxy: string): boolean {
  if (host === 'localhost') return false;
  const hostFamily = isIP(host);
  if (hostFamily && isLoopback(host, hostFamily)) return false;
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return false;
    if (matchesEntry(entry, host, hostFamily, port)) return false;
  }
  return true;
}

function isLoopback(ip: string, family: number): boolean {
  const loopback = new BlockList();
  loopback.addSubnet('127.0.0.0', 8, 'ipv4');
  loopback.addAddress('::1', 'ipv6');
  return loopback.check(ip, family === 6 ? 'ipv6' : 'ipv4');
}

function matchesEntry(entry: string, host: string, hostFamily: number, port: string): boolean {
  // 10.0.0.0/8, fd00::/8
  const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
  if (cidr?.[1] && cidr[2] && isIP(cidr[1])) {
    if (!hostFamily) return false;
    const list = new BlockList();
    const family = isIP(cidr[1]) === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(cidr[1], Number(cidr[2]), family);
    return list.check(host, hostFamily === 6 ? 'ipv6' : 'ipv4');
  }
  const { entryHost, entryPort } = splitHostPort(entry);
  if (!entryHost) return false;
  if (entryPort && entryPort !== port) return false;
  // 10.1.2.3, ::1 (optionally with :port)
  if (isIP(entryHost)) {
    if (!hostFamily) return false;
    const list = new BlockList();
    list.addAddress(entryHost, isIP(entryHost) === 6 ? 'ipv6' : 'ipv4');
    return list.check(host, hostFamily === 6 ? 'ipv6' : 'ipv4');
  }
  // "example.com" matches example.com and every subdomain; ".example.com" and
  // "*.example.com" match subdomains only.
  let domain = entryHost.startsWith('*.') ? entryHost.slice(1) : entryHost;
  const matchHost = !domain.startsWith('.');
  if (matchHost) domain = `.${domain}`;
  return host.endsWith(domain) || (matchHost && host === domain.slice(1));
}

function splitHostPort(entry: string): { entryHost: string; entryPort: string | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed?.[1]) return { entryHost: bracketed[1], entryPort: bracketed[2] };
  if (isIP(entry) === 6) return { entryHost: entry, entryPort: undefined };
  const withPort = /^([^:]*):(\d+)$/.exec(entry);
  if (withPort) return { entryHost: withPort[1] ?? '', entryPort: withPort[2] };
  return { entryHost: entry, entryPort: undefined };
}
