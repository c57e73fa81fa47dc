// The cluster's CA and serving certificate, made with the openssl CLI (argv arrays, no shell).
// Existing files in pkiDir are reused, so kubeconfigs written earlier stay valid.
import { execFile } from 'node:child_process';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Pki {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

export async function ensurePki(dir: string, extraIPs: string[] = []): Promise<Pki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = join(dir, 'ca.crt');
  const caKey = join(dir, 'ca.key');
  const cert = join(dir, 'server.crt');
  const key = join(dir, 'server.key');
  const all = await Promise.all([ca, caKey, cert, key].map(exists));
  if (!all.every(Boolean)) {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      caKey,
      '-out',
      ca,
      '-days',
      '3650',
      '-subj',
      '/CN=sandbox-kubernetes-ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
    ]);
    const csr = join(dir, 'server.csr');
    await run('openssl', [
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      '/CN=kube-apiserver',
    ]);
    const sans = [
      'IP:127.0.0.1',
      'IP:::1',
      'DNS:localhost',
      'DNS:kubernetes',
      'DNS:kubernetes.default.svc',
      ...extraIPs.map((ip) => `IP:${ip}`),
    ];
    const ext = join(dir, 'server.ext');
    await writeFile(
      ext,
      `subjectAltName=${sans.join(',')}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\nbasicConstraints=CA:FALSE\n`,
    );
    await run('openssl', [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      ca,
      '-CAkey',
      caKey,
      '-CAcreateserial',
      '-out',
      cert,
      '-days',
      '3650',
      '-extfile',
      ext,
    ]);
  }
  const [caPem, certPem, keyPem] = await Promise.all(
    [ca, cert, key].map((p) => readFile(p, 'utf8')),
  );
  return { caPem: caPem ?? '', certPem: certPem ?? '', keyPem: keyPem ?? '' };
}
