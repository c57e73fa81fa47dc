// The virtualized packet list: only visible rows are in the DOM and only their 200-row pages
// are fetched from the core. Keys: arrows, PageUp/PageDown, Home/End; right-click a TCP row to
// follow its stream.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PacketRowView } from '../../../main/api/contract';
import { useViewerStore } from '../stores/viewer-store';
import { followStream, selectRow } from './actions';
import { GRID_TEMPLATE, PACKET_COLUMNS } from './columns';
import { rowCache, useRowCacheVersion } from './row-cache';
import { useScaledScroll } from './use-scaled-scroll';

const ROW_HEIGHT = 20;

interface Menu {
  x: number;
  y: number;
  row: PacketRowView;
}

export function PacketTable() {
  const file = useViewerStore((s) => s.file);
  const shown = useViewerStore((s) => s.shown);
  const generation = useViewerStore((s) => s.generation);
  const selectedIndex = useViewerStore((s) => s.selectedIndex);
  useRowCacheVersion();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<Menu | undefined>();

  rowCache.reset(file?.viewId ?? '', generation);

  const { height, first, last, top, scrollToIndex } = useScaledScroll(scrollRef, shown, ROW_HEIGHT);
  const indexes: number[] = [];
  for (let i = first; i <= last; i++) indexes.push(i);
  useEffect(() => {
    if (last >= first) rowCache.want(first, last);
  }, [first, last, generation]);

  const select = (index: number) => {
    const i = Math.max(0, Math.min(shown - 1, index));
    if (shown === 0) return;
    scrollToIndex(i);
    void selectRow(i, rowCache.get(i)?.number);
  };

  // A row selected before its page arrived gets its detail once the page is here.
  const pendingRow = selectedIndex >= 0 ? rowCache.get(selectedIndex) : undefined;
  const detailFrame = useViewerStore((s) => s.detail?.frame);
  useEffect(() => {
    if (pendingRow && detailFrame !== pendingRow.number)
      void selectRow(selectedIndex, pendingRow.number);
  }, [pendingRow, detailFrame, selectedIndex]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex + 1,
      ArrowUp: Math.max(0, selectedIndex - 1),
      PageDown: selectedIndex + page,
      PageUp: selectedIndex - page,
      Home: 0,
      End: shown - 1,
    };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    select(target);
  };

  return (
    <div className="pv-table" data-testid="packet-table">
      <div className="pv-header" role="row" style={{ gridTemplateColumns: GRID_TEMPLATE }}>
        {PACKET_COLUMNS.map((c) => (
          <div key={c.id} role="columnheader" className={c.align === 'right' ? 'right' : undefined}>
            {c.title}
          </div>
        ))}
      </div>
      <div
        ref={scrollRef}
        className="pv-scroll"
        tabIndex={0}
        role="grid"
        aria-label="Packets"
        aria-rowcount={shown}
        onKeyDown={onKeyDown}
        onClick={() => setMenu(undefined)}
      >
        {/* Rows sit in normal flow inside one block placed at the first visible row (see
            use-scaled-scroll.ts for why a million rows are not each positioned). */}
        <div style={{ height, position: 'relative' }}>
          <div className="pv-rows" style={{ top }}>
            {indexes.map((index) => {
              const row = rowCache.get(index);
              const selected = index === selectedIndex;
              return (
                <div
                  key={index}
                  role="row"
                  aria-selected={selected}
                  data-index={index}
                  className={`pv-row c-${row?.colour ?? 'none'}${selected ? ' selected' : ''}`}
                  style={{ gridTemplateColumns: GRID_TEMPLATE }}
                  onMouseDown={() => void selectRow(index, row?.number)}
                  onContextMenu={(e) => {
                    if (!row) return;
                    e.preventDefault();
                    void selectRow(index, row.number);
                    setMenu({ x: e.clientX, y: e.clientY, row });
                  }}
                >
                  {PACKET_COLUMNS.map((c) => (
                    <div
                      key={c.id}
                      data-col={c.id}
                      className={c.align === 'right' ? 'right' : undefined}
                    >
                      {row ? c.text(row) : c.id === 'no' ? String(index + 1) : ''}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {menu && (
        <div
          className="pv-menu"
          role="menu"
          style={{ left: menu.x, top: menu.y }}
          onMouseLeave={() => setMenu(undefined)}
        >
          <button
            role="menuitem"
            disabled={menu.row.stream === undefined || !/TCP|HTTP|TLS/.test(menu.row.protocol)}
            onClick={() => {
              if (menu.row.stream !== undefined) void followStream(menu.row.stream);
              setMenu(undefined);
            }}
          >
            Follow TCP Stream
          </button>
        </div>
      )}
    </div>
  );
}
