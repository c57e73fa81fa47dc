// A small label selector matcher (kubectl's syntax: a=b, a==b, a!=b, a, !a, a in (x,y),
// a notin (x,y)), so the fake cluster filters server-side and rejects bad syntax as the
// API server does.
type Requirement = (labels: Record<string, string>) => boolean;

const KEY =
  /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

export class SelectorError extends Error {}

function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim());
}

function checkKey(key: string, raw: string): string {
  if (!KEY.test(key))
    throw new SelectorError(`unable to parse requirement: invalid label key "${key}" in "${raw}"`);
  return key;
}
function checkValue(value: string, raw: string): string {
  if (!VALUE.test(value) || value.length > 63)
    throw new SelectorError(
      `unable to parse requirement: invalid label value "${value}" in "${raw}"`,
    );
  return value;
}

export function parseSelector(selector: string): Requirement[] {
  if (!selector.trim()) return [];
  return splitTopLevel(selector).map((raw) => {
    if (!raw) throw new SelectorError(`found '', expected: identifier in "${selector}"`);
    let m = /^(\S+?)\s+(in|notin)\s+\((.*)\)$/.exec(raw);
    if (m) {
      const key = checkKey(m[1] as string, raw);
      const values = new Set((m[3] as string).split(',').map((v) => checkValue(v.trim(), raw)));
      return m[2] === 'in'
        ? (l) => l[key] !== undefined && values.has(l[key])
        : (l) => l[key] === undefined || !values.has(l[key]);
    }
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(raw);
    if (m) {
      const key = checkKey(m[1] as string, raw);
      const value = checkValue(m[3] as string, raw);
      return m[2] === '!=' ? (l) => l[key] !== value : (l) => l[key] === value;
    }
    if (raw.startsWith('!')) {
      const key = checkKey(raw.slice(1).trim(), raw);
      return (l) => l[key] === undefined;
    }
    const key = checkKey(raw, raw);
    return (l) => l[key] !== undefined;
  });
}
