// The agent's PID lookup, as one unit: the TypeScript rules and the agent script's sh rules give
// the same answer on real cgroup lines from every runtime and driver, on busybox and GNU userlands.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchCgroup, type CgroupMatch } from '../../main/agent/discovery/cgroup-match';
import { CGROUP_FIXTURES, ID, UID } from './fixtures/agent-cgroups';

const run = promisify(execFile);
const SCRIPT = new URL('../../agent-manifests/agent.sh', import.meta.url).pathname;

let dir: string;
let busyboxBin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'snoopy-agent-discovery-'));
  // An Alpine-like userland: every busybox applet first on PATH, as in the netshoot image.
  busyboxBin = join(dir, 'busybox-bin');
  await mkdir(busyboxBin);
  const { stdout } = await run('busybox', ['--list']);
  for (const applet of stdout.split('\n').filter(Boolean)) {
    await symlink('/usr/bin/busybox', join(busyboxBin, applet));
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const USERLANDS = [
  {
    name: 'busybox',
    shell: () => join(busyboxBin, 'sh'),
    path: () => `${busyboxBin}:${process.env.PATH ?? ''}`,
  },
  { name: 'GNU (dash)', shell: () => 'dash', path: () => process.env.PATH ?? '' },
] as const;

interface FindResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function agentFind(
  shell: string,
  path: string,
  proc: string,
  args: string[],
): Promise<FindResult> {
  try {
    const { stdout, stderr } = await run(shell, [SCRIPT, 'find', ...args], {
      env: { PATH: path, SNOOPY_PROC: proc },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function asMatch(result: FindResult): CgroupMatch {
  if (result.code === 3) return 'none';
  if (result.code !== 0) throw new Error(`agent.sh find failed: ${result.stderr}`);
  if (result.stdout.includes('via=container')) return 'container';
  if (result.stdout.includes('via=sandbox-by-uid')) return 'sandbox';
  throw new Error(`unexpected output: ${result.stdout}`);
}

/** A fake /proc holding one process (PID 4242) with this cgroup file. */
async function fakeProc(name: string, cgroupText: string): Promise<string> {
  const proc = join(dir, `proc-${name.replace(/[^a-z0-9]+/gi, '-')}`);
  await mkdir(join(proc, '4242'), { recursive: true });
  await writeFile(join(proc, '4242', 'cgroup'), cgroupText);
  return proc;
}

describe('discovery rules (TypeScript)', () => {
  for (const f of CGROUP_FIXTURES) {
    it(`${f.name} → ${f.expected}`, () => {
      expect(matchCgroup(f.text, f.uid, f.ids)).toBe(f.expected);
    });
  }
});

for (const userland of USERLANDS) {
  describe(`agent.sh find on a ${userland.name} userland gives the same answers`, () => {
    for (const f of CGROUP_FIXTURES) {
      it(f.name, async () => {
        const proc = await fakeProc(`${userland.name}-${f.name}`, f.text);
        const result = await agentFind(userland.shell(), userland.path(), proc, [f.uid, ...f.ids]);
        expect(asMatch(result)).toBe(matchCgroup(f.text, f.uid, f.ids));
        if (result.code === 0) expect(result.stdout).toContain('pid=4242\n');
      });
    }

    it('prefers a container process over the pause process and flags the host network', async () => {
      const proc = join(dir, `proc-mixed-${userland.name.replace(/[^a-z]+/gi, '-')}`);
      const pause = `0::/kubepods/besteffort/pod${UID}/${'e'.repeat(64)}\n`;
      const container = `0::/kubepods/besteffort/pod${UID}/${ID}\n`;
      for (const [pid, text, netns] of [
        ['1', '0::/init.scope\n', 'net:[4026531840]'],
        ['20', pause, 'net:[4026532999]'],
        ['300', container, 'net:[4026531840]'],
      ] as const) {
        await mkdir(join(proc, pid, 'ns'), { recursive: true });
        await writeFile(join(proc, pid, 'cgroup'), text);
        await symlink(netns, join(proc, pid, 'ns', 'net'));
      }
      const found = await agentFind(userland.shell(), userland.path(), proc, [UID, ID]);
      expect(found.stdout).toBe('pid=300\nvia=container\nhostNetwork=yes\n');
      const fallback = await agentFind(userland.shell(), userland.path(), proc, [UID]);
      expect(fallback.stdout).toBe('pid=20\nvia=sandbox-by-uid\nhostNetwork=no\n');
    });

    it('refuses arguments that are not a UID or a container ID', async () => {
      const proc = await fakeProc('empty', '');
      for (const args of [['$(id)'], [UID, '; touch /tmp/pwned'], [UID, '*']]) {
        const result = await agentFind(userland.shell(), userland.path(), proc, args);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/not a (pod UID|container ID)/);
      }
      expect(await readdir(proc)).toEqual(['4242']);
    });

    it('says clearly when no process of the pod is on this node', async () => {
      const proc = await fakeProc('nobody', '0::/init.scope\n');
      const result = await agentFind(userland.shell(), userland.path(), proc, [UID, ID]);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(`no process of pod ${UID}`);
    });
  });
}
