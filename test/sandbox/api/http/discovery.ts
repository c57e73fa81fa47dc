// Discovery documents: /version, /api, /api/v1, /apis and the authorization group. Legacy
// (unaggregated) JSON only: clients asking for apidiscovery.k8s.io/v2 fall back on seeing a plain
// application/json answer, as they do against servers without aggregated discovery.
import { kubeletVersion } from '../store/node-object';
import { resources, subresources } from './resources';

export const authorizationGroup = 'authorization.k8s.io';

export function versionInfo(): Record<string, string> {
  const [major = '1', minor = '32'] = kubeletVersion.slice(1).split('.');
  return {
    major,
    minor,
    gitVersion: kubeletVersion,
    gitCommit: '0f7a8b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a',
    gitTreeState: 'clean',
    buildDate: '2025-04-22T16:02:27Z',
    goVersion: 'go1.23.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function coreResourceList(): Record<string, unknown> {
  const list = [
    ...resources.map((r) => ({
      name: r.name,
      singularName: r.singularName,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    })),
    ...subresources.map((s) => ({
      name: s.name,
      singularName: '',
      namespaced: s.namespaced,
      kind: s.kind,
      verbs: s.verbs,
    })),
  ].sort((a, b) => (a.name < b.name ? -1 : 1));
  return { kind: 'APIResourceList', groupVersion: 'v1', resources: list };
}

const authorizationVersion = { groupVersion: `${authorizationGroup}/v1`, version: 'v1' };

export function apiGroupList(): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [
      {
        name: authorizationGroup,
        versions: [authorizationVersion],
        preferredVersion: authorizationVersion,
      },
    ],
  };
}

export function authorizationGroupDoc(): Record<string, unknown> {
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: authorizationGroup,
    versions: [authorizationVersion],
    preferredVersion: authorizationVersion,
  };
}

export function authorizationResourceList(): Record<string, unknown> {
  const review = (name: string, kind: string): Record<string, unknown> => ({
    name,
    singularName: name.replace(/s$/, ''),
    namespaced: false,
    kind,
    verbs: ['create'],
  });
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: `${authorizationGroup}/v1`,
    resources: [
      review('selfsubjectaccessreviews', 'SelfSubjectAccessReview'),
      review('selfsubjectrulesreviews', 'SelfSubjectRulesReview'),
    ],
  };
}
