// Authorization from each user's rule table (a flattened RBAC: a rule without namespaces acts as a
// ClusterRoleBinding, one with namespaces as RoleBindings in them), and the denial's wording.
import type { RbacRule } from '../../scenario';
import type { RequestInfo } from './request-info';

export interface SandboxUser {
  name: string;
  groups: string[];
  rules: RbacRule[];
}

export interface Attributes {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

const has = (list: string[], value: string): boolean => list.includes('*') || list.includes(value);

function resourceMatches(rules: string[], resource: string, subresource: string): boolean {
  const full = subresource ? `${resource}/${subresource}` : resource;
  return rules.some(
    (r) =>
      r === '*' ||
      r === full ||
      (subresource && (r === `${resource}/*` || r === `*/${subresource}`)),
  );
}

export function ruleAllows(rule: RbacRule, a: Attributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (!has(rule.apiGroups, a.apiGroup)) return false;
  if (!resourceMatches(rule.resources, a.resource, a.subresource)) return false;
  if (rule.namespaces) return a.namespace !== '' && rule.namespaces.includes(a.namespace);
  return true;
}

export function allows(user: SandboxUser, a: Attributes): boolean {
  if (user.groups.includes('system:masters')) return true;
  return user.rules.some((rule) => ruleAllows(rule, a));
}

/** Discovery, version and health paths are readable by every authenticated user (system:discovery). */
export function allowsNonResource(_user: SandboxUser, verb: string): boolean {
  return verb === 'get';
}

/** The authorizer's sentence, as the real server's forbiddenMessage() writes it. */
export function forbiddenMessage(user: SandboxUser, a: Attributes | RequestInfo): string {
  if ('isResource' in a && !a.isResource)
    return `User "${user.name}" cannot ${a.verb} path "${a.path}"`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `User "${user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup}" ${where}`;
}
