import { describe, expect, it } from 'vitest';
import { kubeconfigPaths } from '../../main/kube/kubeconfig';

describe('kubeconfigPaths', () => {
  it('splits KUBECONFIG on ":" and drops empty entries and repeats, keeping the order', () => {
    expect(kubeconfigPaths({ env: { KUBECONFIG: '/b::/a:/b:' }, platform: 'linux' })).toEqual({
      source: 'KUBECONFIG',
      paths: ['/b', '/a'],
    });
  });

  it('splits KUBECONFIG on ";" on Windows, where ":" belongs to drive letters', () => {
    const { paths } = kubeconfigPaths({
      env: { KUBECONFIG: 'C:\\k\\a;;C:\\k\\b' },
      platform: 'win32',
    });
    expect(paths).toEqual(['C:\\k\\a', 'C:\\k\\b']);
  });

  it('uses ~/.kube/config when KUBECONFIG is unset or empty', () => {
    for (const env of [{}, { KUBECONFIG: '' }]) {
      expect(kubeconfigPaths({ env, homeDir: '/home/u', platform: 'linux' })).toEqual({
        source: 'default',
        paths: ['/home/u/.kube/config'],
      });
    }
  });

  it('reads nothing when KUBECONFIG holds only separators, as kubectl', () => {
    expect(kubeconfigPaths({ env: { KUBECONFIG: ':' }, platform: 'linux' }).paths).toEqual([]);
  });

  it('lets an explicit --kubeconfig override KUBECONFIG', () => {
    expect(
      kubeconfigPaths({ explicitPath: '/x/config', env: { KUBECONFIG: '/a' }, platform: 'linux' }),
    ).toEqual({
      source: 'explicit',
      paths: ['/x/config'],
    });
  });
});
