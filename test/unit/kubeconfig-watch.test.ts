// Real files, real fs.watch: each test waits for the reload it expects (no sleeps, no
// wall-clock asserts) and fails by the test timeout if it never comes.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  watchKubeconfig,
  type KubeconfigLoad,
  type KubeconfigWatcher,
} from '../../main/kube/kubeconfig';
import { tempDir, type TempDir } from './fixtures/kubeconfig/helpers';

const withContexts = (...names: string[]) =>
  stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': names[0],
    clusters: [{ name: 'c', cluster: { server: 'https://c.example.com' } }],
    contexts: names.map((name) => ({ name, context: { cluster: 'c' } })),
  });

let tmp: TempDir;
let watcher: KubeconfigWatcher | undefined;
let loads: KubeconfigLoad[];
let waiters: { predicate: (l: KubeconfigLoad) => boolean; resolve: (l: KubeconfigLoad) => void }[];

beforeEach(() => {
  tmp = tempDir();
  loads = [];
  waiters = [];
});
afterEach(() => {
  watcher?.close();
  tmp.remove();
});

function start(files: string[]): void {
  watcher = watchKubeconfig({ env: { KUBECONFIG: files.join(':') }, debounceMs: 20 }, (load) => {
    loads.push(load);
    waiters = waiters.filter((w) => (w.predicate(load) ? (w.resolve(load), false) : true));
  });
}

function next(predicate: (l: KubeconfigLoad) => boolean): Promise<KubeconfigLoad> {
  const done = loads.find(predicate);
  if (done) return Promise.resolve(done);
  return new Promise((resolve) => waiters.push({ predicate, resolve }));
}

const contextsAre =
  (...names: string[]) =>
  (l: KubeconfigLoad) =>
    l.ok && l.model.contexts.map((c) => c.name).join(',') === names.join(',');

describe('kubeconfig watcher', () => {
  it('reports the current kubeconfig at once, then an in-place edit', async () => {
    const f = tmp.write('config', withContexts('one'));
    start([f]);
    await next(contextsAre('one'));
    writeFileSync(f, withContexts('one', 'two'));
    await next(contextsAre('one', 'two'));
  });

  it('sees an editor replacing the file by an atomic rename', async () => {
    const f = tmp.write('config', withContexts('one'));
    start([f]);
    await next(contextsAre('one'));
    const swap = tmp.write('.config.swp', withContexts('renamed'));
    renameSync(swap, f);
    await next(contextsAre('renamed'));
  });

  it('picks up a file of the list created later, in a directory that did not exist', async () => {
    const a = tmp.write('a.yaml', withContexts('a'));
    const later = tmp.path('not/yet/there.yaml');
    start([a, later]);
    await next(contextsAre('a'));
    tmp.write('not/yet/there.yaml', withContexts('later'));
    const load = await next(contextsAre('a', 'later'));
    expect(load.ok && load.model.loadedFiles).toEqual([a, later]);
  });

  it('drops the contexts of a deleted file, and reports no kubeconfig when the last one goes', async () => {
    const a = tmp.write('a.yaml', withContexts('a'));
    const b = tmp.write('b.yaml', withContexts('b'));
    start([a, b]);
    await next(contextsAre('a', 'b'));
    rmSync(a);
    await next(contextsAre('b'));
    rmSync(b);
    const gone = await next((l) => !l.ok);
    expect(!gone.ok && gone.error.code).toBe('KUBECONFIG_NOT_FOUND');
  });

  it('reports a half-written file as an error and recovers on the next save', async () => {
    const f = tmp.write('config', withContexts('one'));
    start([f]);
    await next(contextsAre('one'));
    writeFileSync(f, 'apiVersion: v1\nkind: Config\ncontexts:\n- name: [\n');
    const bad = await next((l) => !l.ok);
    expect(!bad.ok && bad.error.code).toBe('KUBECONFIG_INVALID');
    writeFileSync(f, withContexts('fixed'));
    await next(contextsAre('fixed'));
  });
});
