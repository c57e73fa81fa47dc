// Node facet: a searchable list of nodes with pod counts (clusters have hundreds of nodes).
import { useCallback, useMemo, useState } from 'react';
import { formatCount } from '../format/time';
import { usePodView } from '../pods/use-pod-view';
import { usePodsStore } from '../stores/pods-store';
import { Popover } from './Popover';

const UNSCHEDULED = '';

export function NodeFacet() {
  const { nodeCounts } = usePodView();
  const selected = usePodsStore((s) => s.nodes);
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const close = useCallback(() => setOpen(false), []);
  const nodes = useMemo(() => {
    const q = search.trim().toLowerCase();
    return [...new Set([...nodeCounts.keys(), ...selected])]
      .filter((n) => n.toLowerCase().includes(q))
      .sort((a, b) => (a === UNSCHEDULED ? 1 : b === UNSCHEDULED ? -1 : a.localeCompare(b)));
  }, [nodeCounts, selected, search]);
  const toggle = (node: string) => {
    const next = new Set(selected);
    if (!next.delete(node)) next.add(node);
    usePodsStore.getState().setNodes(next);
  };
  const label =
    selected.size === 0
      ? 'any'
      : selected.size === 1
        ? [...selected][0] || 'unscheduled'
        : `${selected.size} nodes`;
  return (
    <Popover
      open={open}
      onClose={close}
      className="node-menu"
      anchor={
        <button
          type="button"
          className={`picker-button facet-button ${selected.size ? 'on' : ''}`}
          aria-label="Node filter"
          aria-expanded={open}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="picker-label">Node</span>
          <span className="picker-value">{label}</span>
          <span className="picker-caret">▼</span>
        </button>
      }
    >
      <input
        className="input menu-search"
        placeholder={`Search ${formatCount(nodeCounts.size)} nodes…`}
        aria-label="Search nodes"
        autoFocus
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <label className="menu-item ns-item ns-all">
        <input
          type="checkbox"
          checked={selected.size === 0}
          onChange={() => usePodsStore.getState().setNodes(new Set())}
        />
        <span>Any node</span>
      </label>
      {nodes.map((node) => (
        <label key={node || '(none)'} className="menu-item ns-item">
          <input type="checkbox" checked={selected.has(node)} onChange={() => toggle(node)} />
          <span className={`ns-name ${node ? 'mono' : 'dim'}`}>{node || 'not scheduled'}</span>
          <span className="count-badge">{formatCount(nodeCounts.get(node) ?? 0)}</span>
        </label>
      ))}
      {nodes.length === 0 && <div className="menu-empty">No node matches.</div>}
    </Popover>
  );
}
