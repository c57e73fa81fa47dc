// The text filter: whitespace-separated tokens, all of which must match. A `key=value` token
// matches a label exactly (case-insensitive; `key=` matches any value); any other token is a
// substring of name, namespace, node, IPs, status or a `key=value` label.
export interface ParsedQuery {
  readonly text: string;
  readonly substrings: readonly string[];
  readonly labelPairs: readonly string[];
  readonly labelKeys: readonly string[];
}

export function parseQuery(text: string): ParsedQuery {
  const substrings: string[] = [];
  const labelPairs: string[] = [];
  const labelKeys: string[] = [];
  for (const raw of text.toLowerCase().split(/\s+/)) {
    if (!raw) continue;
    const eq = raw.indexOf('=');
    if (eq > 0) {
      const key = raw.slice(0, eq);
      const value = raw.slice(eq + 1).replace(/^=/, ''); // accept `k==v` like kubectl
      if (value) labelPairs.push(`${key}=${value}`);
      else labelKeys.push(key);
    } else substrings.push(raw);
  }
  return { text, substrings, labelPairs, labelKeys };
}

export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.substrings.length === 0 && q.labelPairs.length === 0 && q.labelKeys.length === 0;
}

interface Matchable {
  readonly searchText: string;
  /** `\u0001k=v\u0001k2=v2\u0001`, lowercased (see PodRow). */
  readonly labelText: string;
}

export function matchesQuery(row: Matchable, q: ParsedQuery): boolean {
  for (const s of q.substrings) if (!row.searchText.includes(s)) return false;
  for (const p of q.labelPairs) if (!row.labelText.includes(`\u0001${p}\u0001`)) return false;
  for (const k of q.labelKeys) if (!row.labelText.includes(`\u0001${k}=`)) return false;
  return true;
}

/**
 * True when every row matching `next` also matches `prev`, so `next` can be applied to the
 * previous result instead of all rows (typing more characters of a plain word narrows).
 */
export function narrows(prev: ParsedQuery, next: ParsedQuery): boolean {
  if (prev.labelPairs.length || prev.labelKeys.length || next.labelPairs.length) return false;
  if (next.labelKeys.length) return false;
  return prev.substrings.every((p) => next.substrings.some((n) => n.includes(p)));
}
