// The virtualized pod table: only visible rows are in the DOM, so 50k pods scroll like 50.
// Mouse: click, ctrl/cmd-click, shift-click ranges. Keys: arrows, PageUp/Down, Home/End
// (shift extends), Enter opens details, ctrl/cmd+A selects all filtered, Escape clears.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { showDetails } from '../actions/details';
import { useNow } from '../format/use-now';
import type { PodRow } from '../pods/pod-row';
import { usePodView } from '../pods/use-pod-view';
import { useDetailsStore } from '../stores/details-store';
import { usePodsStore } from '../stores/pods-store';
import { useSelectionStore } from '../stores/selection-store';
import { PodTableEmpty } from './PodTableEmpty';
import { PodTableHeader } from './PodTableHeader';
import { PodTableRow } from './PodTableRow';
import './pod-table.css';

const ROW_HEIGHT = 22;
const HEADER_HEIGHT = 24;

export function PodTable() {
  const view = usePodView();
  const rows = view.rows;
  const sort = usePodsStore((s) => s.sort);
  const query = usePodsStore((s) => s.query);
  const selected = useSelectionStore((s) => s.selected);
  const focus = useSelectionStore((s) => s.focus);
  const now = useNow(1000);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
    scrollMargin: HEADER_HEIGHT,
  });

  // Time to first rows, for the bench and the e2e log (never asserted).
  const marked = useRef(false);
  useEffect(() => {
    if (!marked.current && rows.length > 0) {
      marked.current = true;
      performance.mark('snoopy:first-rows');
    }
  }, [rows.length]);

  const rowsRef = useRef(rows);
  rowsRef.current = rows;

  const onRowClick = useCallback((e: MouseEvent, row: PodRow) => {
    const sel = useSelectionStore.getState();
    if (e.shiftKey) sel.selectRange(row.uid, rowsRef.current, e.ctrlKey || e.metaKey);
    else if (e.ctrlKey || e.metaKey) sel.toggle(row.uid);
    else {
      sel.selectOnly(row.uid);
      showDetails(row, true);
    }
    scrollRef.current?.focus({ preventScroll: true });
  }, []);
  const onRowDoubleClick = useCallback((row: PodRow) => showDetails(row, true), []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const sel = useSelectionStore.getState();
    const current = sel.focus ? rows.findIndex((r) => r.uid === sel.focus) : -1;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    let target: number | undefined;
    switch (e.key) {
      case 'ArrowDown':
        target = current + 1;
        break;
      case 'ArrowUp':
        target = current < 0 ? 0 : current - 1;
        break;
      case 'PageDown':
        target = current + page;
        break;
      case 'PageUp':
        target = current - page;
        break;
      case 'Home':
        target = 0;
        break;
      case 'End':
        target = rows.length - 1;
        break;
      case 'Enter': {
        const row = rows[current];
        if (row) showDetails(row, true);
        e.preventDefault();
        return;
      }
      case 'Escape':
        if (useDetailsStore.getState().open) useDetailsStore.getState().setOpen(false);
        else sel.clear();
        return;
      case 'a':
      case 'A':
        if (e.ctrlKey || e.metaKey) {
          e.preventDefault();
          sel.selectAll(rows);
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    if (rows.length === 0) return;
    const index = Math.min(rows.length - 1, Math.max(0, target));
    const row = rows[index] as PodRow;
    if (e.shiftKey) sel.selectRange(row.uid, rows, false);
    else sel.selectOnly(row.uid);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    if (!e.shiftKey && useDetailsStore.getState().open) showDetails(row);
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="pod-table"
      role="grid"
      aria-label="Pods"
      aria-rowcount={rows.length + 1}
      aria-multiselectable
      tabIndex={0}
      data-testid="pod-table"
      data-query={query}
      data-rows={rows.length}
      onKeyDown={onKeyDown}
    >
      <div
        className="pod-table-inner"
        style={{ height: HEADER_HEIGHT + virtualizer.getTotalSize() }}
      >
        <PodTableHeader sort={sort} />
        <div className="pod-rows" role="rowgroup">
          {items.map((item) => {
            const row = rows[item.index] as PodRow;
            return (
              <PodTableRow
                key={row.uid}
                row={row}
                index={item.index}
                top={item.start - HEADER_HEIGHT}
                selected={selected.has(row.uid)}
                focused={focus === row.uid}
                now={now}
                onClick={onRowClick}
                onDoubleClick={onRowDoubleClick}
              />
            );
          })}
        </div>
      </div>
      {rows.length === 0 && <PodTableEmpty />}
    </div>
  );
}
