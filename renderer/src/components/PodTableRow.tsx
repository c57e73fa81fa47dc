// One pod row. Memoized: a watch batch or a tick only re-renders rows whose pod, selection
// or age text changed.
import { memo, type MouseEvent } from 'react';
import { ageOf } from '../format/time';
import type { PodRow } from '../pods/pod-row';

export interface PodTableRowProps {
  row: PodRow;
  index: number;
  top: number;
  selected: boolean;
  focused: boolean;
  now: number;
  onClick: (e: MouseEvent, row: PodRow) => void;
  onDoubleClick: (row: PodRow) => void;
}

export const PodTableRow = memo(function PodTableRow(props: PodTableRowProps) {
  const { row, index, top, selected, focused, now, onClick, onDoubleClick } = props;
  const p = row.pod;
  const ready = p.readyContainers === p.totalContainers;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-uid={p.uid}
      className={`pod-row ${index % 2 ? 'odd' : ''} ${selected ? 'selected' : ''} ${focused ? 'focused' : ''}`}
      style={{ transform: `translateY(${top}px)` }}
      onClick={(e) => onClick(e, row)}
      onDoubleClick={() => onDoubleClick(row)}
    >
      <div role="cell" className="pod-cell cell-name" data-col="name" title={p.name}>
        {p.name}
      </div>
      <div role="cell" className="pod-cell cell-ns" data-col="namespace" title={p.namespace}>
        {p.namespace}
      </div>
      <div role="cell" className={`pod-cell cell-status tone-${row.tone}`} data-col="status">
        <span
          className="status-badge"
          title={p.deleting ? `${p.status} (being deleted)` : p.status}
        >
          <span className="status-dot" />
          {p.status}
        </span>
      </div>
      <div
        role="cell"
        className={`pod-cell right num ${ready ? '' : 'not-ready'}`}
        data-col="ready"
      >
        {p.readyContainers}/{p.totalContainers}
      </div>
      <div role="cell" className="pod-cell right num" data-col="restarts" data-value={p.restarts}>
        {p.restarts > 0 ? (
          <>
            <span className={p.restarts >= 5 ? 'restarts-high' : ''}>{p.restarts}</span>
            {row.lastRestartMs !== undefined && (
              <span className="dim"> ({ageOf(row.lastRestartMs, now)} ago)</span>
            )}
          </>
        ) : (
          <span className="dim">0</span>
        )}
      </div>
      <div role="cell" className="pod-cell right num" data-col="age" title={p.createdAt}>
        {ageOf(row.createdMs, now)}
      </div>
      <div role="cell" className="pod-cell cell-node" data-col="node" title={p.node}>
        {p.node ?? <span className="dim">—</span>}
      </div>
      <div role="cell" className="pod-cell cell-ip num" data-col="ip">
        {p.podIP ?? <span className="dim">—</span>}
        {p.hostNetwork && (
          <span className="host-tag" title="hostNetwork: shares the node's network namespace">
            host
          </span>
        )}
      </div>
    </div>
  );
});
