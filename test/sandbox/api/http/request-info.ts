// What a request is about, parsed from its path and method as the apiserver's RequestInfo:
// verb (get/list/watch/create/update/patch/delete/deletecollection), group, resource, subresource,
// namespace and name. Non-resource paths (/version, /apis, ...) are marked as such.
export interface RequestInfo {
  isResource: boolean;
  path: string;
  verb: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

const verbs: Record<string, string> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  GET: 'get',
  HEAD: 'get',
  DELETE: 'delete',
};

export function requestInfo(method: string, url: URL): RequestInfo {
  const path = url.pathname;
  const base: RequestInfo = {
    isResource: false,
    path,
    verb: (method || 'GET').toLowerCase(),
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
  };
  let parts = path
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  if (parts[0] === 'api' && parts.length >= 3) {
    base.apiVersion = parts[1] ?? '';
    parts = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    base.apiGroup = parts[1] ?? '';
    base.apiVersion = parts[2] ?? '';
    parts = parts.slice(3);
  } else return base;

  let verb = verbs[method] ?? method.toLowerCase();
  if (parts[0] === 'watch') {
    verb = 'watch';
    parts = parts.slice(1);
  }
  // /namespaces/{ns}/{resource}/... ; /namespaces/{name}[/status] is the namespace object itself.
  if (parts[0] === 'namespaces' && parts.length >= 2) {
    base.namespace = parts[1] ?? '';
    if (parts.length > 2 && parts[2] !== 'status' && parts[2] !== 'finalize')
      parts = parts.slice(2);
  }
  base.resource = parts[0] ?? '';
  base.name = parts[1] ?? '';
  base.subresource = parts[2] ?? '';
  if (parts.length > 3) return base;

  if (!base.name && verb === 'get') {
    const w = url.searchParams.get('watch');
    verb = w === 'true' || w === '1' ? 'watch' : 'list';
  }
  if (!base.name && verb === 'delete') verb = 'deletecollection';
  return { ...base, isResource: true, verb };
}
