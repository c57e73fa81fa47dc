// Where pods live in the API: all namespaces at once, or one namespace.

/** undefined: all namespaces (one list and one watch for the whole cluster). */
export type PodScope = string | undefined;

export function podsPath(scope: PodScope): string {
  return scope === undefined
    ? '/api/v1/pods'
    : `/api/v1/namespaces/${encodeURIComponent(scope)}/pods`;
}
