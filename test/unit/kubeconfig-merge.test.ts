// kubectl is the reference: every case loads the same files with Snoopy and with the real
// kubectl (KUBECONFIG=a:b…) and compares contexts, current context and merged entries.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKubeconfig, type KubeconfigModel } from '../../main/kube/kubeconfig';
import {
  hasKubectl,
  kubectl,
  kubectlGetContexts,
  tempDir,
  type TempDir,
} from './fixtures/kubeconfig/helpers';

const config = (body: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Config', ...body });

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

async function load(files: string[]): Promise<KubeconfigModel> {
  return loadKubeconfig({ env: { KUBECONFIG: files.join(':') }, homeDir: tmp.dir });
}

interface ViewEntry {
  name: string;
  [key: string]: unknown;
}
interface KubectlView {
  clusters: ViewEntry[] | null;
  users: ViewEntry[] | null;
  contexts: ViewEntry[] | null;
  'current-context': string;
}

/** Merged entries by name, in kubectl's `config view --raw -o json` shape. */
function ours(model: KubeconfigModel) {
  const pick = <T>(m: Map<string, { value: T }>, key: string) =>
    Object.fromEntries([...m].map(([name, o]) => [name, { name, [key]: o.value }]));
  return {
    clusters: pick(model.merged.clusters, 'cluster'),
    users: pick(model.merged.users, 'user'),
    contexts: pick(model.merged.contexts, 'context'),
    current: model.currentContext ?? '',
  };
}

function theirs(files: string[]) {
  const r = kubectl(files, ['config', 'view', '--merge', '--raw', '-o', 'json']);
  expect(r.status, r.stderr).toBe(0);
  const view = JSON.parse(r.stdout) as KubectlView;
  const byName = (list: ViewEntry[] | null) =>
    Object.fromEntries((list ?? []).map((e) => [e.name, e]));
  return {
    clusters: byName(view.clusters),
    users: byName(view.users),
    contexts: byName(view.contexts),
    current: view['current-context'],
  };
}

// kubectl fills defaults we do not invent (exec.interactiveMode …): compare what we set.
function expectSameMerge(files: string[], model: KubeconfigModel): void {
  const a = ours(model);
  const b = theirs(files);
  expect(a.current).toBe(b.current);
  for (const kind of ['clusters', 'users', 'contexts'] as const) {
    expect(Object.keys(a[kind]).sort()).toEqual(Object.keys(b[kind]).sort());
    for (const [name, entry] of Object.entries(a[kind])) {
      expect(b[kind][name], `${kind} ${name}`).toMatchObject(entry);
    }
  }
  const got = model.contexts.map((c) => ({
    name: c.name,
    cluster: c.cluster,
    user: c.user,
    current: c.name === model.currentContext,
  }));
  const want = kubectlGetContexts(files).map(({ name, cluster, user, current }) => ({
    name,
    cluster,
    user,
    current,
  }));
  expect(got).toEqual(want);
}

const fileA = () =>
  tmp.write(
    'a/config',
    config({
      'current-context': 'ctx-a',
      clusters: [
        {
          name: 'shared',
          cluster: { server: 'https://a.example.com:6443', 'certificate-authority': 'ca.crt' },
        },
        { name: 'only-a', cluster: { server: 'https://only-a.example.com' } },
      ],
      users: [{ name: 'shared-user', user: { token: 'token-from-a' } }],
      contexts: [
        { name: 'ctx-a', context: { cluster: 'shared', user: 'shared-user', namespace: 'team-a' } },
        { name: 'shared-ctx', context: { cluster: 'only-a', user: 'shared-user' } },
      ],
    }),
  );

const fileB = (currentContext?: string) =>
  tmp.write(
    'b/config',
    config({
      ...(currentContext ? { 'current-context': currentContext } : {}),
      clusters: [
        {
          name: 'shared',
          cluster: { server: 'https://b.example.com:6443', 'insecure-skip-tls-verify': true },
        },
        {
          name: 'only-b',
          cluster: { server: 'https://only-b.example.com', 'proxy-url': 'http://proxy.local:3128' },
        },
      ],
      users: [
        { name: 'shared-user', user: { token: 'token-from-b', 'client-certificate': 'b.crt' } },
        {
          name: 'exec-user',
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1beta1',
              command: 'aws',
              args: ['eks', 'get-token'],
              env: [{ name: 'AWS_PROFILE', value: 'dev' }],
            },
          },
        },
      ],
      contexts: [
        { name: 'ctx-b', context: { cluster: 'only-b', user: 'exec-user' } },
        {
          name: 'shared-ctx',
          context: { cluster: 'only-b', user: 'exec-user', namespace: 'from-b' },
        },
      ],
    }),
  );

describe.skipIf(!hasKubectl)('kubeconfig merge, checked against the real kubectl', () => {
  it('lets the first file win every duplicate name, whole entry, no field mixing', async () => {
    const files = [fileA(), fileB('ctx-b')];
    const model = await load(files);
    expectSameMerge(files, model);
    expect(model.merged.users.get('shared-user')?.value).toEqual({ token: 'token-from-a' });
    expect(model.context('shared-ctx')).toMatchObject({ cluster: 'only-a', namespace: 'default' });
  });

  it('takes current-context from the first file that sets one', async () => {
    const a = tmp.write('a.yaml', config({ contexts: [{ name: 'x', context: { cluster: 'c' } }] }));
    const files = [a, fileB('ctx-b'), fileA()];
    const model = await load(files);
    expect(model.currentContext).toBe('ctx-b');
    expect(kubectl(files, ['config', 'current-context']).stdout.trim()).toBe('ctx-b');
    expectSameMerge(files, model);
  });

  it('skips missing files, empty entries and repeated paths in KUBECONFIG', async () => {
    const a = fileA();
    const b = fileB('ctx-b');
    const files = [tmp.path('nope/config'), '', b, a, b, '', tmp.path('gone.yaml')];
    const model = await load(files);
    expect(model.loadedFiles).toEqual([b, a]);
    expect(model.missingFiles).toEqual([tmp.path('nope/config'), tmp.path('gone.yaml')]);
    expectSameMerge(files, model);
    expect(model.currentContext).toBe('ctx-b');
  });

  it('accepts an empty file and a file without kind/apiVersion, as kubectl does', async () => {
    const empty = tmp.write('empty.yaml', '');
    const bare = tmp.write('bare.yaml', {
      clusters: [{ name: 'c', cluster: { server: 'https://c' } }],
    });
    const files = [empty, bare];
    const model = await load(files);
    expectSameMerge(files, model);
    expect(model.contexts).toEqual([]);
  });

  it('reads YAML 1.1 booleans like kubectl (insecure-skip-tls-verify: yes)', async () => {
    const f = tmp.write(
      'yes.yaml',
      'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://c\n    insecure-skip-tls-verify: yes\n',
    );
    const model = await load([f]);
    expectSameMerge([f], model);
    expect(model.merged.clusters.get('c')?.value['insecure-skip-tls-verify']).toBe(true);
  });

  it('lists contexts sorted by name with cluster, user and namespace (default "default")', async () => {
    const files = [fileB(), fileA()];
    const model = await load(files);
    expect(model.contexts.map((c) => [c.name, c.cluster, c.user, c.namespace, c.server])).toEqual([
      ['ctx-a', 'shared', 'shared-user', 'team-a', 'https://b.example.com:6443'],
      ['ctx-b', 'only-b', 'exec-user', 'default', 'https://only-b.example.com'],
      ['shared-ctx', 'only-b', 'exec-user', 'from-b', 'https://only-b.example.com'],
    ]);
    const kubectlNs = kubectlGetContexts(files).map((c) => c.namespace || 'default');
    expect(model.contexts.map((c) => c.namespace)).toEqual(kubectlNs);
  });

  it('lets --kubeconfig override KUBECONFIG', async () => {
    const a = fileA();
    const b = fileB('ctx-b');
    const model = await loadKubeconfig({ explicitPath: b, env: { KUBECONFIG: a } });
    expect(model.source).toBe('explicit');
    expect(model.currentContext).toBe('ctx-b');
    expect(kubectl([a], ['--kubeconfig', b, 'config', 'current-context']).stdout.trim()).toBe(
      'ctx-b',
    );
  });

  it('falls back to ~/.kube/config when KUBECONFIG is unset or empty', async () => {
    const f = tmp.write('.kube/config', config({ 'current-context': 'home' }));
    for (const env of [{}, { KUBECONFIG: '' }]) {
      const model = await loadKubeconfig({ env, homeDir: tmp.dir });
      expect(model.source).toBe('default');
      expect(model.loadedFiles).toEqual([f]);
      expect(model.currentContext).toBe('home');
    }
    const r = kubectl(undefined, ['config', 'current-context'], { HOME: tmp.dir });
    expect(r.stdout.trim()).toBe('home');
  });
});
