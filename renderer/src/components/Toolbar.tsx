// Narrowing what is already loaded: text filter, status and node facets; the selection and
// room for the actions that will act on it (capture, run).
import { CaptureToolbar } from '../capture/CaptureToolbar';
import { useSelectionStore } from '../stores/selection-store';
import { formatCount } from '../format/time';
import { FilterInput } from './FilterInput';
import { NodeFacet } from './NodeFacet';
import { StatusFacet } from './StatusFacet';
import './toolbar.css';

function SelectionInfo() {
  const count = useSelectionStore((s) => s.selected.size);
  if (count === 0) return <span className="selection-info dim">No pods selected</span>;
  return (
    <span className="selection-info" data-testid="selection-count">
      <strong className="num">{formatCount(count)}</strong> selected
      <button
        type="button"
        className="btn-link"
        onClick={() => useSelectionStore.getState().clear()}
      >
        Clear
      </button>
    </span>
  );
}

export function Toolbar() {
  return (
    <div className="toolbar">
      <FilterInput />
      <NodeFacet />
      <StatusFacet />
      <span className="bar-spacer" />
      <SelectionInfo />
      {/* Actions on the selection: Capture now, Run next. */}
      <div className="toolbar-actions" data-testid="selection-actions">
        <CaptureToolbar />
      </div>
    </div>
  );
}
