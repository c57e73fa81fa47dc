// Linking bytes and tree lines: a byte selects the deepest, narrowest node over it, and the
// ancestors to expand are its path prefixes.
import { describe, expect, it } from 'vitest';
import type { PacketTreeNode } from '../../main/api/contract/index';
import { deepestNodeAt, nodeAt, pathsTo } from '../../renderer/src/viewer/tree-paths';
import { pathFromDrop } from '../../renderer/src/viewer/drop-path';

const tree: PacketTreeNode[] = [
  { label: 'Frame', start: 0, length: 40 },
  { label: 'Ethernet', start: 0, length: 14, children: [{ label: 'Dst', start: 0, length: 6 }] },
  {
    label: 'IPv4',
    start: 14,
    length: 20,
    children: [
      { label: 'Version', start: 14, length: 1 },
      { label: 'Header Length', start: 14, length: 1 },
      { label: 'Flags', start: 20, length: 2, children: [{ label: 'DF', start: 20, length: 2 }] },
    ],
  },
];

describe('tree paths', () => {
  it('selects the deepest, narrowest node over a byte', () => {
    expect(deepestNodeAt(tree, 3)).toBe('1.0');
    expect(deepestNodeAt(tree, 14)).toBe('2.0');
    expect(deepestNodeAt(tree, 21)).toBe('2.2.0');
    expect(deepestNodeAt(tree, 36)).toBe('0');
    expect(deepestNodeAt(tree, 99)).toBeUndefined();
  });

  it('finds a node by path and lists the ancestors to expand', () => {
    expect(nodeAt(tree, '2.2.0')?.label).toBe('DF');
    expect(pathsTo('2.2.0')).toEqual(['2', '2.2']);
  });

  it('takes a dropped path or file:// URI, and nothing else', () => {
    expect(pathFromDrop('file:///tmp/a%20b.pcap\r\n', '')).toBe('/tmp/a b.pcap');
    expect(pathFromDrop('', ' /tmp/x.pcapng ')).toBe('/tmp/x.pcapng');
    expect(pathFromDrop('', 'x.pcap')).toBeUndefined();
  });
});
