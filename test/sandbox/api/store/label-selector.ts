// Label selectors in the full string syntax: a=b, a==b, a!=b, a in (x,y), a notin (x), a, !a.
import { errors } from '../status';

type Requirement =
  { key: string; op: 'in' | 'notin'; values: string[] } | { key: string; op: 'exists' | '!exists' };

export type LabelSelector = (labels: Record<string, string> | undefined) => boolean;

const keyPattern =
  /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

export const matchEverything: LabelSelector = () => true;

export function parseLabelSelector(text: string | undefined): LabelSelector {
  if (!text || !text.trim()) return matchEverything;
  const reqs = splitTopLevel(text).map(parseRequirement);
  return (labels) => reqs.every((r) => matches(r, labels ?? {}));
}

/** Split on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

function parseRequirement(part: string): Requirement {
  const setMatch = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
  if (setMatch) {
    const [, key = '', op, values = ''] = setMatch;
    return checkKey({
      key,
      op: op as 'in' | 'notin',
      values: values
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    });
  }
  const eqMatch = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
  if (eqMatch) {
    const [, key = '', op, value = ''] = eqMatch;
    return checkKey({ key, op: op === '!=' ? 'notin' : 'in', values: [value] });
  }
  if (part.startsWith('!')) return checkKey({ key: part.slice(1).trim(), op: '!exists' });
  if (part && !/[\s=!()]/.test(part)) return checkKey({ key: part, op: 'exists' });
  throw errors.badRequest(
    `unable to parse requirement: found '${part}', expected: key, '!', 'in', 'notin', '=', '==', '!='`,
  );
}

function checkKey(r: Requirement): Requirement {
  if (!keyPattern.test(r.key)) {
    throw errors.badRequest(
      `unable to parse requirement: invalid label key "${r.key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
  }
  return r;
}

function matches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.op) {
    case 'exists':
      return has;
    case '!exists':
      return !has;
    case 'in':
      return has && r.values.includes(labels[r.key] ?? '');
    case 'notin':
      return !has || !r.values.includes(labels[r.key] ?? '');
  }
}

/** A map selector (nodeSelector, service selector): every pair must match. */
export function matchesMap(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}
