// The fake kubeconfig: a big production context, smaller ones, and contexts that fail the
// ways real ones do (unreachable, RBAC, expired credentials, a broken definition).
import type { ContextInfo, WireError } from '../../../main/api/contract';

export type Behaviour =
  | { kind: 'cluster'; pods: number; namespaces: number; nodes: number; seed: number }
  | { kind: 'unreachable' }
  | { kind: 'unauthorized' }
  | { kind: 'rbac'; allowedNamespace: string };

export interface FakeContext {
  info: ContextInfo;
  behaviour: Behaviour;
}

export function wire(code: WireError['code'], message: string, fix: string): WireError {
  return { name: 'SnoopyError', code, message, fix };
}

export function fakeContexts(bigPods: number): FakeContext[] {
  return [
    {
      info: {
        name: 'prod-eu-west',
        cluster: 'prod-eu-west-1',
        user: 'oidc:alice',
        namespace: 'shop',
        server: 'https://k8s-api.prod-eu-west.example.net:6443',
      },
      behaviour: { kind: 'cluster', pods: bigPods, namespaces: 36, nodes: 48, seed: 1 },
    },
    {
      info: {
        name: 'staging',
        cluster: 'staging-eu',
        user: 'alice',
        namespace: 'shop',
        server: 'https://10.20.0.10:6443',
      },
      behaviour: { kind: 'cluster', pods: 800, namespaces: 14, nodes: 6, seed: 2 },
    },
    {
      info: {
        name: 'kind-dev',
        cluster: 'kind-dev',
        user: 'kind-dev',
        namespace: 'default',
        server: 'https://127.0.0.1:41235',
      },
      behaviour: { kind: 'cluster', pods: 24, namespaces: 4, nodes: 1, seed: 3 },
    },
    {
      info: {
        name: 'onprem-lab',
        cluster: 'lab',
        user: 'lab-admin',
        namespace: 'default',
        server: 'https://10.99.0.1:6443',
      },
      behaviour: { kind: 'unreachable' },
    },
    {
      info: {
        name: 'audit-readonly',
        cluster: 'prod-eu-west-1',
        user: 'auditor',
        namespace: 'audit',
        server: 'https://k8s-api.prod-eu-west.example.net:6443',
      },
      behaviour: { kind: 'rbac', allowedNamespace: 'audit' },
    },
    {
      info: {
        name: 'eks-billing',
        cluster: 'arn:aws:eks:eu-west-1:123456789012:cluster/billing',
        user: 'arn:aws:eks:eu-west-1:123456789012:cluster/billing',
        namespace: 'default',
        server: 'https://4F2A9C.gr7.eu-west-1.eks.amazonaws.com',
      },
      behaviour: { kind: 'unauthorized' },
    },
    {
      info: {
        name: 'old-gke',
        cluster: 'gke_old_europe-west1_legacy',
        user: 'gke_old_user',
        namespace: 'default',
        problem: wire(
          'USER_NOT_FOUND',
          'context "old-gke" refers to user "gke_old_user", which no kubeconfig file defines',
          'Add the user to your kubeconfig (gcloud container clusters get-credentials legacy) or delete the context.',
        ),
      },
      behaviour: { kind: 'unreachable' },
    },
  ];
}

export const errors = {
  unreachable: (server: string) =>
    wire(
      'CLUSTER_UNREACHABLE',
      `cannot reach the API server at ${server}: connect ETIMEDOUT 10.99.0.1:6443`,
      'Check your VPN or network, and that the cluster is running; `kubectl cluster-info` should answer.',
    ),
  unauthorized: (user: string) =>
    wire(
      'UNAUTHORIZED',
      `the API server rejected the credentials of user "${user}" (401 Unauthorized): the token has expired`,
      'Log in again (aws sso login --profile billing), then press Retry.',
    ),
  rbacNamespaces: (user: string) =>
    wire(
      'RBAC_DENIED',
      `namespaces is forbidden: User "${user}" cannot list resource "namespaces" in API group "" at the cluster scope`,
      'Type the namespaces you may read in the namespace picker, or ask for a ClusterRole with list on namespaces.',
    ),
  rbacPods: (user: string, ns: string) =>
    wire(
      'RBAC_DENIED',
      `pods is forbidden: User "${user}" cannot list resource "pods" in API group "" ${ns ? `in the namespace "${ns}"` : 'at the cluster scope'}`,
      'Choose namespaces you may read (this user may read "audit"), or ask for a Role with get/list/watch on pods.',
    ),
};
