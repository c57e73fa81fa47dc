// Every way a kubeconfig can be wrong ends in an error that says what to do, and never
// quotes a credential. Where kubectl also rejects the file, it is checked to agree.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnoopyError, formatError } from '../../main/errors';
import { loadKubeconfig } from '../../main/kube/kubeconfig';
import { hasKubectl, kubectl, tempDir, type TempDir } from './fixtures/kubeconfig/helpers';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

async function loadError(files: string[]): Promise<SnoopyError> {
  const err: unknown = await loadKubeconfig({
    env: { KUBECONFIG: files.join(':') },
    homeDir: tmp.dir,
  }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SnoopyError);
  return err as SnoopyError;
}

describe('kubeconfig errors', () => {
  it('says which paths were tried, and that KUBECONFIG can be set, when there is no kubeconfig', async () => {
    const err: unknown = await loadKubeconfig({ env: {}, homeDir: tmp.dir }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SnoopyError);
    const e = err as SnoopyError;
    expect(e.code).toBe('KUBECONFIG_NOT_FOUND');
    expect(e.message).toContain(tmp.path('.kube/config'));
    expect(e.fix).toContain('KUBECONFIG');
  });

  it('names every missing file of KUBECONFIG', async () => {
    const e = await loadError([tmp.path('x.yaml'), tmp.path('y.yaml')]);
    expect(e.code).toBe('KUBECONFIG_NOT_FOUND');
    expect(e.message).toContain(tmp.path('x.yaml'));
    expect(e.message).toContain(tmp.path('y.yaml'));
  });

  it('requires an explicit --kubeconfig file to exist, as kubectl does', async () => {
    const missing = tmp.path('nope.yaml');
    const err: unknown = await loadKubeconfig({ explicitPath: missing, env: {} }).catch(
      (e: unknown) => e,
    );
    expect((err as SnoopyError).code).toBe('KUBECONFIG_NOT_FOUND');
    expect((err as SnoopyError).message).toContain(missing);
    if (hasKubectl) {
      const r = kubectl(undefined, ['--kubeconfig', missing, 'get', '--raw', '/version']);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('no such file');
    }
  });

  it('points at the file, line and column of unparsable YAML', async () => {
    const bad = tmp.write(
      'bad.yaml',
      'apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: SECRET123\n   oops: [\n',
    );
    const good = tmp.write('good.yaml', { apiVersion: 'v1', kind: 'Config' });
    const e = await loadError([good, bad]);
    expect(e.code).toBe('KUBECONFIG_INVALID');
    expect(e.message).toContain(bad);
    expect(e.details).toMatchObject({
      path: bad,
      line: expect.any(Number),
      column: expect.any(Number),
    });
    expect(e.details).toMatchObject({ line: 7 }); // "   oops: [" is misindented
    expect(formatError(e)).not.toContain('SECRET123');
    if (hasKubectl) {
      const r = kubectl([good, bad], ['config', 'view']);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(bad);
      // go-yaml names the line where the broken block starts, we the offending line itself.
      const kubectlLine = Number(/line (\d+)/.exec(r.stderr)?.[1]);
      expect(Math.abs(Number(e.details?.line) - kubectlLine)).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    ['a Pod manifest', 'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n', /kind "Pod"/],
    ['an unknown apiVersion', 'apiVersion: v2\nkind: Config\n', /apiVersion "v2"/],
    ['a YAML list', '- a\n- b\n', /not a YAML mapping/],
    ['a plain string', 'just text\n', /not a YAML mapping/],
    ['a wrongly typed field', 'apiVersion: v1\nkind: Config\nclusters: 5\n', /clusters/],
  ])('rejects %s as not a kubeconfig, like kubectl', async (_what, text, reason) => {
    const f = tmp.write('f.yaml', text);
    const e = await loadError([f]);
    expect(e.code).toBe('KUBECONFIG_INVALID');
    expect(e.message).toContain(f);
    expect(e.message).toMatch(reason);
    if (hasKubectl) expect(kubectl([f], ['config', 'view']).status).toBe(1);
  });

  it('rejects two different users with one name in a file without quoting their tokens', async () => {
    const f = tmp.write('dup.yaml', {
      apiVersion: 'v1',
      kind: 'Config',
      users: [
        { name: 'u', user: { token: 'TOKEN-ONE' } },
        { name: 'u', user: { token: 'TOKEN-TWO' } },
      ],
    });
    const e = await loadError([f]);
    expect(e.message).toContain('"u"');
    expect(JSON.stringify(e)).not.toMatch(/TOKEN-(ONE|TWO)/);
    // kubectl rejects it too — and prints both tokens in its message.
    if (hasKubectl) expect(kubectl([f], ['config', 'view']).stderr).toContain('TOKEN-ONE');
  });

  describe('contexts', () => {
    const file = () =>
      tmp.write('config', {
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'gone',
        clusters: [{ name: 'c', cluster: { server: 'https://c.example.com' } }],
        users: [{ name: 'u', user: { token: 'tok' } }],
        contexts: [
          { name: 'ok', context: { cluster: 'c', user: 'u' } },
          { name: 'anonymous', context: { cluster: 'c' } },
          { name: 'no-cluster', context: { cluster: 'ghost', user: 'u' } },
          { name: 'no-user', context: { cluster: 'c', user: 'ghost' } },
        ],
      });

    it('lists the known contexts when asked for an unknown one (also the current one)', async () => {
      const model = await loadKubeconfig({ env: { KUBECONFIG: file() } });
      for (const ask of [() => model.kubeConfig('nope'), () => model.kubeConfig()]) {
        let e: unknown;
        try {
          ask();
        } catch (err) {
          e = err;
        }
        expect((e as SnoopyError).code).toBe('CONTEXT_NOT_FOUND');
        expect((e as SnoopyError).fix).toBe('Pick one of: anonymous, no-cluster, no-user, ok.');
      }
    });

    it('marks a context whose cluster or user is missing, and refuses to use it', async () => {
      const model = await loadKubeconfig({ env: { KUBECONFIG: file() } });
      const problems = Object.fromEntries(model.contexts.map((c) => [c.name, c.problem?.code]));
      expect(problems).toEqual({
        ok: undefined,
        anonymous: undefined,
        'no-cluster': 'CLUSTER_NOT_FOUND',
        'no-user': 'USER_NOT_FOUND',
      });
      expect(() => model.kubeConfig('no-cluster')).toThrow(/cluster "ghost"/);
      expect(() => model.kubeConfig('no-user')).toThrow(/user "ghost"/);
      expect(model.kubeConfig('ok').getCurrentCluster()?.server).toBe('https://c.example.com');
    });

    it('says no context is set when the kubeconfig has no current-context', async () => {
      const f = tmp.write('n.yaml', {
        apiVersion: 'v1',
        kind: 'Config',
        contexts: [{ name: 'a', context: { cluster: 'c' } }],
      });
      const model = await loadKubeconfig({ env: { KUBECONFIG: f } });
      expect(() => model.context()).toThrow(
        expect.objectContaining({ code: 'NO_CURRENT_CONTEXT' }),
      );
    });
  });
});
