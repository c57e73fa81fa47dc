// Stable error codes: the UI and tests match on these, so never rename one; add new ones at the end.
export const ERROR_CODES = [
  'KUBECONFIG_NOT_FOUND',
  'KUBECONFIG_INVALID',
  'NO_CURRENT_CONTEXT',
  'CONTEXT_NOT_FOUND',
  'CLUSTER_NOT_FOUND',
  'USER_NOT_FOUND',
  'CLUSTER_UNREACHABLE',
  'TLS_FAILED',
  'UNAUTHORIZED',
  'EXEC_PLUGIN_NOT_FOUND',
  'EXEC_PLUGIN_FAILED',
  'RBAC_DENIED',
  'PROXY_INVALID',
  'INVALID_INPUT',
  'INTERNAL',
  'NOT_FOUND',
  'TRANSPORT_CLOSED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
