// exec streams (binary-safe, tty with resize) and leaving the host as it was found, after a
// clean shutdown and after a crash.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepStaleSlot } from '../sandbox/runtime/index';
import { startTestCluster, type TestCluster } from '../sandbox/runtime/test-cluster';
import { detectCgroupHierarchies } from '../sandbox/runtime/cgroups';

const busybox = 'registry.sandbox.local/busybox:1.36';
const slot = 9;

function hostLeftovers(): string[] {
  const found: string[] = [];
  const netns = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  for (const line of netns.split('\n'))
    if (line.startsWith(`sbx${slot}-`)) found.push(`netns ${line}`);
  const links = execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' });
  if (links.includes(`sbx${slot}-host`)) found.push('root veth');
  if (existsSync(`/run/snoopy-sandbox/sbx${slot}`)) found.push('run dir');
  return found;
}

function podCgroupDirs(uids: string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 4) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (
        uids.some(
          (uid) => entry.name.includes(uid) || entry.name.includes(uid.replaceAll('-', '_')),
        )
      )
        found.push(path);
      if (entry.name.startsWith('kubepods')) walk(path, depth + 1);
      else if (/^(burstable|besteffort)$/.test(entry.name)) walk(path, depth + 1);
    }
  };
  for (const h of detectCgroupHierarchies()) walk(h.mountPoint, 0);
  return found;
}

/** Processes still running (a zombie has ended; only its parent's wait remains). */
function running(pids: number[]): string[] {
  return pids.flatMap((pid) => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return /^State:\s+Z/m.test(status) ? [] : [status.split('\n').slice(0, 7).join(' | ')];
    } catch {
      return [];
    }
  });
}

function pidsOfPods(uids: string[]): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cgroup = readFileSync(`/proc/${entry}/cgroup`, 'utf8');
      if (uids.some((uid) => cgroup.includes(uid) || cgroup.includes(uid.replaceAll('-', '_'))))
        pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

describe('runtime exec streams and cleanup', () => {
  let cluster: TestCluster | undefined;
  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  it('passes every byte value through exec stdout and stdin unchanged', async () => {
    cluster = await startTestCluster(slot);
    const pod = await cluster.runPod('bytes', {
      containers: [{ name: 'app', image: busybox, command: ['sleep', '3600'] }],
    });
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const script =
      'printf "$(i=0; while [ $i -lt 256 ]; do printf "\\\\%03o" $i; i=$((i+1)); done)"';
    const out = await cluster.exec(pod, ['sh', '-c', script]);
    expect(out.stdout.equals(all)).toBe(true);

    const cat = await cluster.kubelet.exec(pod, {
      container: 'app',
      command: ['cat'],
      stdin: true,
      stdout: true,
      stderr: true,
      tty: false,
    });
    const chunks: Buffer[] = [];
    cat.stdout?.on('data', (c: Buffer) => chunks.push(c));
    cat.stdin?.end(Buffer.concat([all, all]));
    expect(await cat.exited).toEqual({ exitCode: 0, signal: null });
    expect(Buffer.concat(chunks).equals(Buffer.concat([all, all]))).toBe(true);
  });

  it('runs a tty exec on a real terminal whose size follows resize', async () => {
    cluster = await startTestCluster(slot);
    const pod = await cluster.runPod('tty', {
      containers: [{ name: 'app', image: busybox, command: ['sleep', '3600'] }],
    });
    const shell = await cluster.kubelet.exec(pod, {
      container: 'app',
      command: ['sh'],
      stdin: true,
      stdout: true,
      stderr: true,
      tty: true,
    });
    expect(shell.stderr).toBeNull();
    let output = '';
    shell.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    const waitFor = async (text: string) => {
      for (let i = 0; i < 200 && !output.includes(text); i++)
        await new Promise((r) => setTimeout(r, 25));
      expect(output).toContain(text);
    };
    shell.resize(100, 40);
    shell.stdin?.write('stty size; tty\n');
    await waitFor('40 100');
    await waitFor('/dev/pts/');
    shell.resize(132, 50);
    shell.stdin?.write('stty size\n');
    await waitFor('50 132');
    shell.stdin?.write('exit 3\n');
    expect((await shell.exited).exitCode).toBe(3);
  });

  it('refuses exec into a container that is not running', async () => {
    cluster = await startTestCluster(slot);
    const pod = cluster.store.makePod('pulling', 'default', {
      nodeName: 'node-a',
      containers: [{ name: 'app', image: 'registry.invalid/x:1', command: ['true'] }],
    });
    cluster.kubelet.admit(pod);
    await cluster.store.waitForPod('default', 'pulling', 'ErrImagePull', (p) =>
      JSON.stringify(p.status).includes('ErrImagePull'),
    );
    await expect(
      cluster.kubelet.exec(pod, {
        container: 'app',
        command: ['true'],
        stdin: false,
        stdout: true,
        stderr: true,
        tty: false,
      }),
    ).rejects.toThrow('unable to upgrade connection: container not found ("app")');
  });

  it('leaves no netns, veth, cgroup, mountpoint or process behind after shutdown', async () => {
    const mountPath = `/snoopy-runtime-test-mnt-${process.pid}`;
    cluster = await startTestCluster(slot);
    const pods = [
      await cluster.runPod('plain', {
        containers: [
          { name: 'app', image: busybox, command: ['sh', '-c', 'sleep 1000 & exec sleep 1000'] },
        ],
      }),
      await cluster.runPod('host-pid', {
        nodeName: 'node-b',
        hostPID: true,
        volumes: [{ name: 'spool', emptyDir: {} }],
        containers: [
          {
            name: 'app',
            image: busybox,
            command: ['sh', '-c', 'sleep 1000 & exec sleep 1000'],
            volumeMounts: [{ name: 'spool', mountPath }],
          },
        ],
      }),
    ];
    expect(existsSync(mountPath)).toBe(true);
    const written = await cluster.exec(pods[1] as NonNullable<(typeof pods)[1]>, [
      'sh',
      '-c',
      `echo kept > ${mountPath}/file && cat ${mountPath}/file`,
    ]);
    expect(written.stdout.toString()).toBe('kept\n');
    const longExec = await cluster.kubelet.exec(pods[0] as NonNullable<(typeof pods)[0]>, {
      container: 'app',
      command: ['sleep', '1000'],
      stdin: false,
      stdout: true,
      stderr: true,
      tty: false,
    });
    const uids = pods.map((p) => p.metadata.uid);
    const pids = pidsOfPods(uids);
    expect(pids.length).toBeGreaterThanOrEqual(6);

    await cluster.close();
    cluster = undefined;
    await longExec.exited;
    expect(hostLeftovers()).toEqual([]);
    expect(podCgroupDirs(uids)).toEqual([]);
    expect(running(pids)).toEqual([]);
    expect(existsSync(mountPath)).toBe(false);
  });

  it('sweeps what a crashed instance left behind', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '../sandbox/runtime/crash-fixture.ts'),
        String(slot),
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const ready = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
      createInterface({ input: child.stdout }).on(
        'line',
        (line) => line.startsWith('ready') && resolve(line),
      );
    });
    const uids = ready.split(' ').slice(1);
    expect(uids).toHaveLength(2);
    expect(podCgroupDirs(uids).length).toBeGreaterThan(0);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(hostLeftovers().length).toBeGreaterThan(0);

    await sweepStaleSlot(slot);
    expect(hostLeftovers()).toEqual([]);
    const orphans = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l === 'sleep 1000');
    expect(orphans).toEqual([]);
    expect(podCgroupDirs(uids)).toEqual([]);
  });
});
