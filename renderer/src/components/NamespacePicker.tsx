// All namespaces, or a chosen set (remembered per context). Choices are applied together
// (one watch restart), and a name can be typed when listing namespaces is not allowed.
import { useCallback, useMemo, useState } from 'react';
import { namespaceName } from '../../../main/api/contract';
import { chooseNamespaces } from '../actions/contexts';
import { useContextsStore } from '../stores/contexts-store';
import { chosenNamespaces, useNamespacesStore } from '../stores/namespaces-store';
import { ErrorView } from './ErrorView';
import { Popover } from './Popover';
import './namespace-picker.css';

function summary(chosen: string[]): string {
  if (chosen.length === 0) return 'All namespaces';
  if (chosen.length <= 2) return chosen.join(', ');
  return `${chosen.slice(0, 2).join(', ')} +${chosen.length - 2}`;
}

export function NamespacePicker() {
  const context = useContextsStore((s) => s.selected);
  const chosen = useNamespacesStore((s) => chosenNamespaces(s, context));
  const list = useNamespacesStore((s) => (context ? s.lists[context] : undefined));
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [search, setSearch] = useState('');

  const openMenu = () => {
    setPending(new Set(chosen));
    setSearch('');
    setOpen(true);
  };
  const apply = useCallback(() => {
    setOpen(false);
    const next = [...pending].sort();
    if (next.join() !== chosen.join()) chooseNamespaces(next);
  }, [pending, chosen]);
  const toggle = (ns: string) =>
    setPending((p) => {
      const n = new Set(p);
      if (!n.delete(ns)) n.add(ns);
      return n;
    });

  const names = useMemo(() => {
    const all = new Set([...(list?.names ?? []), ...chosen]);
    const q = search.trim().toLowerCase();
    return [...all].filter((n) => n.includes(q)).sort();
  }, [list, chosen, search]);
  const typed = search.trim().toLowerCase();
  const canAdd = typed && !names.includes(typed) && namespaceName.safeParse(typed).success;

  return (
    <Popover
      open={open}
      onClose={apply}
      className="namespace-menu"
      anchor={
        <button
          type="button"
          className="picker-button"
          aria-label="Namespaces"
          aria-expanded={open}
          disabled={!context}
          title={chosen.join(', ') || 'All namespaces'}
          onClick={() => (open ? apply() : openMenu())}
        >
          <span className="picker-label">Namespaces</span>
          <span className="picker-value">{summary(chosen)}</span>
          {list?.warning && (
            // Non-fatal: pods still list for the chosen namespaces; the menu says why and how.
            <span
              className="ns-limited"
              data-testid="namespaces-warning"
              title={`${list.warning.code}: ${list.warning.message}`}
            >
              ⚠ limited
            </span>
          )}
          <span className="picker-caret">▼</span>
        </button>
      }
    >
      <input
        className="input menu-search"
        placeholder={
          list?.error || list?.warning ? 'Type a namespace you may read…' : 'Search namespaces…'
        }
        aria-label="Search namespaces"
        value={search}
        autoFocus
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            if (canAdd) {
              toggle(typed);
              setSearch('');
            } else apply();
          }
        }}
      />
      {list?.error && (
        <ErrorView error={list.error} variant="compact" title="Cannot list namespaces" />
      )}
      {list?.warning && (
        <div className="ns-warning">
          <ErrorView
            error={list.warning}
            variant="compact"
            title="Only the context’s namespace is listed — type the others you may read"
          />
        </div>
      )}
      <label className="menu-item ns-item ns-all">
        <input
          type="checkbox"
          checked={pending.size === 0}
          onChange={() => setPending(new Set())}
        />
        <span>All namespaces</span>
      </label>
      {canAdd && (
        <button
          type="button"
          className="menu-item"
          onClick={() => {
            toggle(typed);
            setSearch('');
          }}
        >
          + Add “{typed}”
        </button>
      )}
      <div className="ns-list" role="group" aria-label="Namespaces list">
        {list?.loading && !list.names && <div className="menu-empty">Loading namespaces…</div>}
        {names.map((ns) => (
          <label key={ns} className="menu-item ns-item">
            <input type="checkbox" checked={pending.has(ns)} onChange={() => toggle(ns)} />
            <span className="ns-name">{ns}</span>
          </label>
        ))}
        {!list?.loading && names.length === 0 && !canAdd && (
          <div className="menu-empty">No namespace matches “{search}”.</div>
        )}
      </div>
      <div className="menu-footer">
        <span className="ns-pending dim">
          {pending.size === 0 ? 'all namespaces' : `${pending.size} selected`}
        </span>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={apply}>
          Apply
        </button>
      </div>
    </Popover>
  );
}
