// Column headers: click sorts (again: reverses), shift-click adds a secondary key.
import { nextSort, type SortSpec } from '../pods/sort';
import { usePodsStore } from '../stores/pods-store';
import { POD_COLUMNS } from './pod-columns';

export function PodTableHeader({ sort }: { sort: SortSpec }) {
  return (
    <div className="pod-row pod-header" role="row">
      {POD_COLUMNS.map((col) => {
        const index = sort.findIndex((k) => k.column === col.id);
        const key = sort[index];
        return (
          <div
            key={col.id}
            role="columnheader"
            aria-sort={key ? (key.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            className={`pod-cell pod-th ${col.align === 'right' ? 'right' : ''} ${key ? 'sorted' : ''}`}
            title={`${col.title} — click to sort, shift-click to add a secondary sort`}
            data-col={col.id}
            onClick={(e) => usePodsStore.getState().setSort(nextSort(sort, col.id, e.shiftKey))}
          >
            <span className="th-label">{col.label}</span>
            {key && (
              <span className="sort-mark">
                {key.direction === 'asc' ? '▲' : '▼'}
                {sort.length > 1 && <sup>{index + 1}</sup>}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
