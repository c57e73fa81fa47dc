// A table row: the pod summary plus keys computed once per update, so filtering and sorting
// 50k rows never lowercases or parses anything per keystroke.
import type { PodSummary } from '../../../main/api/contract';
import { statusTone, type StatusTone } from './status-tone';

export interface PodRow {
  readonly pod: PodSummary;
  readonly uid: string;
  /** name, namespace, node, IPs and `k=v` labels, lowercased, NUL-separated. */
  readonly searchText: string;
  /**
   * Every label as `\u0001key=value`, lowercased, ending with `\u0001`: a `key=value` token is
   * `includes('\u0001key=value\u0001')`, a `key=` token `includes('\u0001key=')`. One string
   * per row instead of two Sets keeps 50k rows light.
   */
  readonly labelText: string;
  readonly nameKey: string;
  readonly namespaceKey: string;
  readonly nodeKey: string;
  /** Sortable form of the pod IP (IPv4 zero-padded, so '10.0.0.9' < '10.0.0.10'). */
  readonly ipKey: string;
  readonly createdMs: number;
  readonly lastRestartMs: number | undefined;
  readonly tone: StatusTone;
  /** Small integers for status and node (see `interned`), so facet counts are array bumps. */
  readonly statusId: number;
  readonly nodeId: number;
}

/** Maps each distinct string (status, node) to a small integer, for counting without Maps. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
}
export const statusNames = new Interner();
export const nodeNames = new Interner();

export function ipSortKey(ip: string | undefined): string {
  if (!ip) return '\uffff';
  const parts = ip.split('.');
  if (parts.length === 4) return parts.map((p) => p.padStart(3, '0')).join('.');
  return `~${ip.toLowerCase()}`; // IPv6 after IPv4
}

export function toPodRow(pod: PodSummary): PodRow {
  let labelText = '\u0001';
  for (const k in pod.labels) labelText += `${k}=${pod.labels[k]}\u0001`.toLowerCase();
  const nameKey = pod.name.toLowerCase();
  const namespaceKey = pod.namespace.toLowerCase();
  const nodeKey = (pod.node ?? '').toLowerCase();
  const searchText = `${nameKey}\u0000${namespaceKey}\u0000${nodeKey}\u0000${pod.podIP ?? ''}\u0000${pod.hostIP ?? ''}\u0000${pod.status.toLowerCase()}${labelText}`;
  // Built by concatenation, the string is a rope until first searched: flatten it now, while
  // the batch lands, instead of on the user's first keystroke.
  // (charCodeAt on a rope flattens it in V8; includes() does not reliably.)
  searchText.charCodeAt(searchText.length - 1);
  labelText.charCodeAt(labelText.length - 1);
  const lastRestartMs = pod.lastRestartAt ? Date.parse(pod.lastRestartAt) : undefined;
  return {
    pod,
    uid: pod.uid,
    searchText,
    labelText,
    nameKey,
    namespaceKey,
    nodeKey,
    ipKey: ipSortKey(pod.podIP),
    createdMs: Date.parse(pod.createdAt) || 0,
    lastRestartMs: Number.isNaN(lastRestartMs) ? undefined : lastRestartMs,
    tone: statusTone(pod.status, pod.deleting),
    statusId: statusNames.id(pod.status),
    nodeId: nodeNames.id(pod.node ?? ''),
  };
}
