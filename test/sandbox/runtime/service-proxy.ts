// The sandbox's kube-proxy and kube-dns in one small process, run inside the cluster netns
// (where every Service IP is a local address). The runtime writes the service table to stdin
// as JSON lines ({"services": [...]}); after applying each it prints "synced <n>".
// usage: node --import tsx service-proxy.ts DNS_IP CLUSTER_DOMAIN
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { connect, createServer, type Server } from 'node:net';
import { createInterface } from 'node:readline';
import { DnsResponder } from './dns-responder';
import type { ProxiedPort, ProxiedService } from './service-table';

type Backend = ProxiedPort['backends'][number];

interface Listener {
  backends: Backend[];
  close(): void;
}

function pick(backends: Backend[]): Backend | undefined {
  return backends[Math.floor(Math.random() * backends.length)];
}

function tcpListener(ip: string, port: number, backends: Backend[]): Promise<Listener> {
  const listener: Listener = { backends, close: () => server.close() };
  const server: Server = createServer((client) => {
    const backend = pick(listener.backends);
    // No endpoints: refuse, as kube-proxy's REJECT rule does.
    if (!backend) return void client.resetAndDestroy();
    const upstream = connect(backend.port, backend.ip);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', () => client.resetAndDestroy());
    client.on('close', () => upstream.end());
    upstream.on('close', () => client.end());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, ip, () => resolve(listener));
  });
}

function udpListener(ip: string, port: number, backends: Backend[]): Promise<Listener> {
  const sessions = new Map<string, { socket: Socket; timer: NodeJS.Timeout }>();
  const front = createSocket('udp4');
  const listener: Listener = {
    backends,
    close: () => {
      for (const s of sessions.values()) {
        clearTimeout(s.timer);
        s.socket.close();
      }
      front.close();
    },
  };
  front.on('message', (message: Buffer, client: RemoteInfo) => {
    const key = `${client.address}:${client.port}`;
    let session = sessions.get(key);
    if (!session) {
      const backend = pick(listener.backends);
      if (!backend) return;
      const socket = createSocket('udp4');
      socket.connect(backend.port, backend.ip);
      socket.on('message', (reply) => front.send(reply, client.port, client.address));
      socket.on('error', () => undefined);
      session = { socket, timer: setTimeout(() => undefined, 0) };
      sessions.set(key, session);
    }
    const current = session;
    clearTimeout(current.timer);
    current.timer = setTimeout(() => {
      sessions.delete(key);
      current.socket.close();
    }, 60_000);
    const send = () => current.socket.send(message);
    if (!socketRemoteKnown(current.socket)) current.socket.once('connect', send);
    else send();
  });
  return new Promise((resolve, reject) => {
    front.once('error', reject);
    front.bind(port, ip, () => resolve(listener));
  });
}

function socketRemoteKnown(socket: Socket): boolean {
  try {
    socket.remoteAddress();
    return true;
  } catch {
    return false;
  }
}

async function serveDns(ip: string, dns: DnsResponder): Promise<void> {
  const udp = createSocket('udp4');
  udp.on('message', (query, client) => {
    const reply = dns.answer(query);
    if (reply) udp.send(reply, client.port, client.address);
  });
  const tcp = createServer((conn) => {
    let pending = Buffer.alloc(0);
    conn.on('error', () => undefined);
    conn.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        const length = pending.readUInt16BE(0);
        const reply = dns.answer(pending.subarray(2, 2 + length));
        pending = pending.subarray(2 + length);
        if (reply)
          conn.write(Buffer.concat([Buffer.from([reply.length >> 8, reply.length & 255]), reply]));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(53, ip, () => resolve());
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(53, ip, () => resolve());
  });
}

async function main(): Promise<void> {
  const [dnsIP = '', clusterDomain = 'cluster.local'] = process.argv.slice(2);
  const dns = new DnsResponder(clusterDomain);
  await serveDns(dnsIP, dns);
  process.stdout.write('ready\n');

  const listeners = new Map<string, Listener>();
  let synced = 0;
  let work = Promise.resolve();
  const apply = async (services: ProxiedService[]) => {
    dns.setServices(services);
    const wanted = new Map<string, { ip: string; port: ProxiedPort }>();
    for (const svc of services) {
      if (svc.clusterIP === dnsIP) continue; // kube-dns itself is served above
      for (const port of svc.ports)
        wanted.set(`${port.protocol} ${svc.clusterIP}:${port.port}`, { ip: svc.clusterIP, port });
    }
    for (const [key, listener] of listeners) {
      if (!wanted.has(key)) {
        listener.close();
        listeners.delete(key);
      }
    }
    for (const [key, { ip, port }] of wanted) {
      const existing = listeners.get(key);
      if (existing) {
        existing.backends = port.backends;
        continue;
      }
      try {
        const make = port.protocol === 'UDP' ? udpListener : tcpListener;
        listeners.set(key, await make(ip, port.port, port.backends));
      } catch (error) {
        process.stderr.write(
          `service-proxy: cannot listen on ${key}: ${(error as Error).message}\n`,
        );
      }
    }
    process.stdout.write(`synced ${++synced}\n`);
  };
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const { services } = JSON.parse(line) as { services: ProxiedService[] };
    work = work.then(() => apply(services));
  });
  lines.on('close', () => process.exit(0));
}

void main().catch((error: unknown) => {
  process.stderr.write(`service-proxy: ${(error as Error).message}\n`);
  process.exit(1);
});
