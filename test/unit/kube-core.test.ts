// createCore without a cluster: kubeconfig problems are answered, not thrown, and changes to
// the files reach every connection.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Contexts } from '../../main/api/contract/index';
import type { Connection } from '../../main/api/handlers';
import { createCore, type Core } from '../../main/core';

const dirs: string[] = [];
const cores: Core[] = [];

afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'snoopy-core-'));
  dirs.push(dir);
  return dir;
}

function kubeconfig(contexts: string[], current: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]',
    'users: [{name: u, user: {token: abc}}]',
    `contexts: [${contexts.map((n) => `{name: ${n}, context: {cluster: c, user: u, namespace: team}}`).join(', ')}]`,
    `current-context: ${current}`,
    '',
  ].join('\n');
}

async function core(options: { kubeconfig: string; watch?: boolean }): Promise<Core> {
  const c = await createCore({
    kubeconfig: options.kubeconfig,
    env: {},
    version: '1.2.3',
    transport: 'memory',
    execEnvironment: {},
    watchKubeconfig: options.watch ?? false,
  });
  cores.push(c);
  return c;
}

function connection(id: string, changed: Contexts[] = []): Connection {
  return {
    id,
    emit: (event, payload) => {
      if (event === 'contexts.changed') changed.push(payload as Contexts);
    },
    onClose: () => undefined,
  };
}

describe('core', () => {
  it('answers app.info', async () => {
    const dir = await tempDir();
    const c = await core({ kubeconfig: join(dir, 'missing') });
    expect(await c.handlers['app.info']({}, connection('a'))).toEqual({
      version: '1.2.3',
      transport: 'memory',
    });
  });

  it('reports a missing kubeconfig in contexts.list instead of throwing', async () => {
    const dir = await tempDir();
    const c = await core({ kubeconfig: join(dir, 'missing') });
    const contexts = await c.handlers['contexts.list']({}, connection('a'));
    expect(contexts.contexts).toEqual([]);
    expect(contexts.error?.code).toBe('KUBECONFIG_NOT_FOUND');
    await expect(
      c.handlers['pods.watch']({ context: 'x', namespaces: [] }, connection('a')),
    ).rejects.toMatchObject({ code: 'KUBECONFIG_NOT_FOUND' });
  });

  it('reports an invalid kubeconfig in contexts.list', async () => {
    const dir = await tempDir();
    const file = join(dir, 'config');
    await writeFile(file, 'kind: Pod\n');
    const c = await core({ kubeconfig: file });
    expect((await c.handlers['contexts.list']({}, connection('a'))).error?.code).toBe(
      'KUBECONFIG_INVALID',
    );
  });

  it('lists contexts and tells every connection when the file changes', async () => {
    const dir = await tempDir();
    const file = join(dir, 'config');
    await writeFile(file, kubeconfig(['one'], 'one'));
    const c = await core({ kubeconfig: file, watch: true });
    const seenByA: Contexts[] = [];
    const seenByB: Contexts[] = [];
    const first = await c.handlers['contexts.list']({}, connection('a', seenByA));
    await c.handlers['app.info']({}, connection('b', seenByB));
    expect(first.currentContext).toBe('one');
    expect(first.contexts.map((x) => [x.name, x.namespace, x.server])).toEqual([
      ['one', 'team', 'https://127.0.0.1:1'],
    ]);
    await writeFile(file, kubeconfig(['one', 'two'], 'two'));
    await expect.poll(() => seenByA.length, { timeout: 5000 }).toBeGreaterThan(0);
    await expect.poll(() => seenByB.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(seenByA.at(-1)?.currentContext).toBe('two');
    expect(seenByA.at(-1)?.contexts.map((x) => x.name)).toEqual(['one', 'two']);
  });

  it('rejects an unknown context with the known ones in the fix', async () => {
    const dir = await tempDir();
    const file = join(dir, 'config');
    await writeFile(file, kubeconfig(['one'], 'one'));
    const c = await core({ kubeconfig: file });
    await expect(
      c.handlers['namespaces.list']({ context: 'nope' }, connection('a')),
    ).rejects.toMatchObject({ code: 'CONTEXT_NOT_FOUND', fix: 'Pick one of: one.' });
  });

  it('treats stopping an unknown watch as done', async () => {
    const dir = await tempDir();
    const c = await core({ kubeconfig: join(dir, 'missing') });
    await expect(c.handlers['pods.unwatch']({ watchId: 'gone' }, connection('a'))).resolves.toEqual(
      {},
    );
  });
});
