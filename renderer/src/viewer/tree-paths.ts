// Tree nodes are addressed by their index path ("0.2.1"): stable for one packet's detail, cheap
// to keep in a Set of expanded nodes, and enough to walk from a byte to the node covering it.
import type { PacketTreeNode } from '../../../main/api/contract';

export function nodeAt(tree: PacketTreeNode[], path: string): PacketTreeNode | undefined {
  let nodes: PacketTreeNode[] | undefined = tree;
  let node: PacketTreeNode | undefined;
  for (const part of path.split('.')) {
    node = nodes?.[Number(part)];
    nodes = node?.children;
  }
  return node;
}

/**
 * The deepest node whose byte range holds `offset`. Among siblings the narrowest wins (the Frame
 * line covers every byte, Ethernet only 14), and of equally narrow ones the first (Version before
 * Header Length, both in byte 14), as Wireshark picks.
 */
export function deepestNodeAt(
  tree: PacketTreeNode[],
  offset: number,
  prefix = '',
): string | undefined {
  let best = -1;
  tree.forEach((node, i) => {
    if (node.length <= 0 || offset < node.start || offset >= node.start + node.length) return;
    const current = tree[best];
    if (!current || node.length < current.length) best = i;
  });
  const node = tree[best];
  if (!node) return undefined;
  const path = prefix ? `${prefix}.${best}` : String(best);
  return (node.children && deepestNodeAt(node.children, offset, path)) ?? path;
}

/** The ancestors of a path, to expand so it is visible ("0.2.1" → "0", "0.2"). */
export function pathsTo(path: string): string[] {
  const parts = path.split('.');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.'));
}
