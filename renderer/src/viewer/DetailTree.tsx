// The packet detail tree: protocols, then their fields; clicking a line selects it (its bytes
// light up in the hex view), the triangle or a double-click expands it.
import { useEffect, useRef } from 'react';
import type { PacketTreeNode } from '../../../main/api/contract';
import { useViewerStore } from '../stores/viewer-store';
import { selectNode, toggleNode } from './actions';

function Node({ node, path, depth }: { node: PacketTreeNode; path: string; depth: number }) {
  const open = useViewerStore((s) => s.expanded.has(path));
  const selected = useViewerStore((s) => s.selectedNode === path);
  const hasChildren = (node.children?.length ?? 0) > 0;
  const ref = useRef<HTMLDivElement>(null);
  // A node selected from the hex view may be far down the tree: bring it into view.
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <>
      <div
        ref={ref}
        role="treeitem"
        aria-level={depth + 1}
        aria-expanded={hasChildren ? open : undefined}
        aria-selected={selected}
        data-path={path}
        className={`pv-node${selected ? ' selected' : ''}`}
        style={{ paddingLeft: 6 + depth * 14 }}
        onClick={() => selectNode(path)}
        onDoubleClick={() => hasChildren && toggleNode(path)}
      >
        <span
          className="pv-twisty"
          onClick={(e) => {
            e.stopPropagation();
            if (hasChildren) toggleNode(path);
          }}
        >
          {hasChildren ? (open ? '▾' : '▸') : ''}
        </span>
        {node.label}
      </div>
      {open &&
        node.children?.map((child, i) => (
          <Node key={i} node={child} path={`${path}.${i}`} depth={depth + 1} />
        ))}
    </>
  );
}

export function DetailTree() {
  const detail = useViewerStore((s) => s.detail);
  if (!detail) return <div className="pv-empty">Select a packet to see its layers.</div>;
  return (
    <div className="pv-tree" role="tree" aria-label="Packet details" data-testid="packet-tree">
      {detail.malformed && (
        <div className="pv-malformed">[Malformed packet: {detail.malformed}]</div>
      )}
      {detail.tree.map((node, i) => (
        <Node key={`${detail.frame}-${i}`} node={node} path={String(i)} depth={0} />
      ))}
    </div>
  );
}
