// The client-side text filter: words match name/namespace/node/IP/status/labels, `key=value`
// matches a label. `/` focuses it from anywhere, as in k9s and less.
import { useEffect, useRef } from 'react';
import { usePodsStore } from '../stores/pods-store';
import { Icon } from './Icon';

export function FilterInput() {
  const query = usePodsStore((s) => s.query);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === '/' && !(target instanceof HTMLInputElement)) {
        e.preventDefault();
        ref.current?.focus();
        ref.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="filter-input">
      <span className="filter-icon">
        <Icon name="search" size={11} />
      </span>
      <input
        ref={ref}
        className="input"
        aria-label="Filter pods"
        placeholder="Filter: text or key=value"
        spellCheck={false}
        value={query}
        onChange={(e) => usePodsStore.getState().setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') usePodsStore.getState().setQuery('');
          if (e.key === 'ArrowDown' || e.key === 'Enter') {
            e.preventDefault();
            document.querySelector<HTMLElement>('[data-testid="pod-table"]')?.focus();
          }
        }}
      />
      {query ? (
        <button
          type="button"
          className="filter-clear"
          aria-label="Clear filter"
          onClick={() => usePodsStore.getState().setQuery('')}
        >
          ×
        </button>
      ) : (
        <span className="kbd filter-kbd">/</span>
      )}
    </div>
  );
}
