// The display-filter bar: green while the text compiles, red with the message and the column it
// points at when it does not (checked by the core as you type); Enter applies it.
import { useViewerStore } from '../stores/viewer-store';
import { applyFilter, clearFilter, typeFilter } from './actions';

export function FilterBar() {
  const text = useViewerStore((s) => s.filterText);
  const check = useViewerStore((s) => s.filterCheck);
  const file = useViewerStore((s) => s.file);
  const filtering = useViewerStore((s) => s.filtering);
  const applied = useViewerStore((s) => s.appliedFilter);
  return (
    <div className="pv-filter">
      <input
        className={`input pv-filter-input state-${check.state}`}
        aria-label="Display filter"
        aria-invalid={check.state === 'invalid'}
        placeholder="Apply a display filter … (e.g. tcp.port == 80 && http)   Enter"
        spellCheck={false}
        disabled={!file}
        value={text}
        onChange={(e) => typeFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && check.state !== 'invalid') void applyFilter();
          if (e.key === 'Escape') clearFilter();
        }}
      />
      <button
        className="btn"
        disabled={!file || check.state === 'invalid' || filtering}
        onClick={() => void applyFilter()}
      >
        Apply
      </button>
      {applied && (
        <button className="btn" onClick={clearFilter} title="Show every packet">
          Clear
        </button>
      )}
      {check.state === 'invalid' && (
        <div className="pv-filter-error" role="alert" data-testid="filter-error">
          {check.error.message} <span className="dim">(column {check.error.start + 1})</span>
        </div>
      )}
    </div>
  );
}
