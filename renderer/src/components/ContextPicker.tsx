// The kubeconfig contexts: each with its cluster and server; unusable ones stay visible,
// disabled, with the reason and its fix.
import { useCallback, useState } from 'react';
import { chooseContext } from '../actions/contexts';
import { useContextsStore } from '../stores/contexts-store';
import { ErrorView } from './ErrorView';
import { Popover } from './Popover';
import './context-picker.css';

export function ContextPicker() {
  const contexts = useContextsStore((s) => s.contexts);
  const selected = useContextsStore((s) => s.selected);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const current = contexts?.contexts.find((c) => c.name === selected);
  return (
    <Popover
      open={open}
      onClose={close}
      className="context-menu"
      anchor={
        <button
          type="button"
          className="picker-button context-button"
          aria-haspopup="listbox"
          aria-expanded={open}
          aria-label="Context"
          title={current ? `${current.cluster} · ${current.server ?? ''}` : undefined}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="picker-label">Context</span>
          <span className="picker-value">{selected ?? 'none'}</span>
          {current?.server && <span className="context-server">{current.server}</span>}
          <span className="picker-caret">▼</span>
        </button>
      }
    >
      <div role="listbox" aria-label="Contexts">
        {contexts?.contexts.map((c) => (
          <button
            key={c.name}
            type="button"
            role="option"
            data-context={c.name}
            aria-selected={c.name === selected}
            aria-disabled={!!c.problem}
            disabled={!!c.problem}
            className={`menu-item context-item ${c.name === selected ? 'active' : ''}`}
            onClick={() => {
              close();
              if (c.name !== selected) chooseContext(c.name);
            }}
          >
            <span className="context-check">{c.name === selected ? '●' : ''}</span>
            <span className="context-text">
              <span className="context-name">
                {c.name}
                {c.name === contexts.currentContext && (
                  <span className="context-tag" title="current-context in your kubeconfig">
                    current
                  </span>
                )}
              </span>
              <span className="context-meta">
                {c.cluster}
                {c.server ? ` · ${c.server}` : ''}
                {c.namespace && c.namespace !== 'default' ? ` · ns ${c.namespace}` : ''}
              </span>
              {c.problem && <ErrorView error={c.problem} variant="compact" />}
            </span>
          </button>
        ))}
        {contexts && (
          <div className="context-source">
            {contexts.source === 'KUBECONFIG' ? 'KUBECONFIG' : 'kubeconfig'}:{' '}
            <span className="mono">{contexts.paths.join(' : ')}</span>
          </div>
        )}
      </div>
    </Popover>
  );
}
