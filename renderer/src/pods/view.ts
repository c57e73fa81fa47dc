// The derived table: rows passing the text filter and both facets, in sorted order, plus the
// facet counts. One O(n) pass over the already-sorted rows; no sorting per keystroke. When the
// user only types more characters, the pass runs over the previous result instead.
import { isEmptyQuery, matchesQuery, narrows, parseQuery, type ParsedQuery } from './filter';
import { nodeNames, statusNames, type Interner, type PodRow } from './pod-row';

export interface ViewInput {
  readonly sorted: readonly PodRow[];
  readonly query: string;
  /** Empty: every status. */
  readonly statuses: ReadonlySet<string>;
  /** Empty: every node. '' stands for "no node yet" (unscheduled). */
  readonly nodes: ReadonlySet<string>;
}

export interface PodView {
  readonly rows: readonly PodRow[];
  readonly total: number;
  /** Per status: rows passing the text filter and the node facet (not the status facet). */
  readonly statusCounts: ReadonlyMap<string, number>;
  /** Per node: rows passing the text filter and the status facet. */
  readonly nodeCounts: ReadonlyMap<string, number>;
}

interface Memo {
  input: ViewInput;
  parsed: ParsedQuery;
  /** Rows passing the text filter alone (sorted), reused when the next query narrows. */
  textMatches: readonly PodRow[];
  view: PodView;
}

export function createViewComputer(): (input: ViewInput) => PodView {
  let memo: Memo | undefined;
  return (input) => {
    if (
      memo &&
      memo.input.sorted === input.sorted &&
      memo.input.query === input.query &&
      memo.input.statuses === input.statuses &&
      memo.input.nodes === input.nodes
    )
      return memo.view;
    const parsed = parseQuery(input.query);
    let textMatches: readonly PodRow[];
    if (memo && memo.input.sorted === input.sorted && memo.parsed.text === parsed.text)
      textMatches = memo.textMatches;
    else if (isEmptyQuery(parsed)) textMatches = input.sorted;
    else {
      const source =
        memo && memo.input.sorted === input.sorted && narrows(memo.parsed, parsed)
          ? memo.textMatches
          : input.sorted;
      textMatches = source.filter((r) => matchesQuery(r, parsed));
    }
    const view = applyFacets(textMatches, input);
    memo = { input, parsed, textMatches, view };
    return view;
  };
}

function applyFacets(textMatches: readonly PodRow[], input: ViewInput): PodView {
  const { statuses, nodes } = input;
  const anyStatus = statuses.size === 0;
  const anyNode = nodes.size === 0;
  // Which interned ids the facets let through (ids are small and dense).
  const statusOk = idFilter(statusNames, statuses);
  const nodeOk = idFilter(nodeNames, nodes);
  const statusCount = new Int32Array(statusNames.names.length);
  const nodeCount = new Int32Array(nodeNames.names.length);
  const rows: PodRow[] = anyStatus && anyNode ? (textMatches as PodRow[]) : [];
  for (const r of textMatches) {
    const sOk = anyStatus || statusOk[r.statusId] === 1;
    const nOk = anyNode || nodeOk[r.nodeId] === 1;
    if (nOk) statusCount[r.statusId] = (statusCount[r.statusId] ?? 0) + 1;
    if (sOk) nodeCount[r.nodeId] = (nodeCount[r.nodeId] ?? 0) + 1;
    if (sOk && nOk && !(anyStatus && anyNode)) rows.push(r);
  }
  return {
    rows,
    total: input.sorted.length,
    statusCounts: toCounts(statusNames, statusCount),
    nodeCounts: toCounts(nodeNames, nodeCount),
  };
}

function idFilter(names: Interner, chosen: ReadonlySet<string>): Uint8Array {
  const ok = new Uint8Array(names.names.length);
  for (const name of chosen) ok[names.id(name)] = 1;
  return ok;
}

function toCounts(names: Interner, counts: Int32Array): Map<string, number> {
  const out = new Map<string, number>();
  counts.forEach((n, id) => {
    if (n > 0) out.set(names.names[id] as string, n);
  });
  return out;
}
