// Labels and annotations as key=value chips; long values are cut with a button to expand.
import { useState } from 'react';

const LONG = 80;

function Chip({ k, v }: { k: string; v: string }) {
  const [expanded, setExpanded] = useState(false);
  const long = v.length > LONG;
  return (
    <span
      className={`kv-chip ${expanded ? 'expanded' : ''}`}
      title={long ? undefined : `${k}=${v}`}
    >
      <span className="kv-key">{k}</span>
      {v !== '' && <span className="kv-eq">=</span>}
      <span className="kv-value">{long && !expanded ? `${v.slice(0, LONG)}…` : v}</span>
      {long && (
        <button type="button" className="btn-link kv-more" onClick={() => setExpanded((x) => !x)}>
          {expanded ? 'less' : `+${(v.length - LONG).toLocaleString('en-US')} chars`}
        </button>
      )}
    </span>
  );
}

export function KeyValueChips({
  values,
  empty,
}: {
  values: Record<string, string>;
  empty: string;
}) {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <div className="dim">{empty}</div>;
  return (
    <div className="kv-chips">
      {entries.map(([k, v]) => (
        <Chip key={k} k={k} v={v} />
      ))}
    </div>
  );
}
