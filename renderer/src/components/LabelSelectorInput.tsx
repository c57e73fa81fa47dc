// The label selector is sent to the server (kubectl's -l): Enter restarts the watch with it.
// A selector the server rejects shows its error right here.
import { useEffect, useState } from 'react';
import { restartWatch } from '../actions/pod-watch';
import { usePodsStore } from '../stores/pods-store';
import { ErrorView } from './ErrorView';
import './label-selector.css';

export function LabelSelectorInput() {
  const applied = usePodsStore((s) => s.labelSelector);
  const watchError = usePodsStore((s) => s.watch.error);
  const [draft, setDraft] = useState(applied);
  useEffect(() => setDraft(applied), [applied]);

  const error = applied && watchError?.code === 'INVALID_INPUT' ? watchError : undefined;
  const dirty = draft.trim() !== applied;
  const apply = (value: string) => {
    usePodsStore.getState().setLabelSelector(value.trim());
    void restartWatch();
  };

  return (
    <div className="label-selector">
      <span className="flag-label" title="like kubectl -l">
        -l
      </span>
      <input
        className={`input mono ${error ? 'invalid' : ''} ${dirty ? 'dirty' : ''}`}
        aria-label="Label selector"
        aria-invalid={!!error}
        placeholder="label selector, e.g. app=web,tier!=db"
        spellCheck={false}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply(draft);
          if (e.key === 'Escape') setDraft(applied);
        }}
        title="Sent to the API server as labelSelector; press Enter to apply"
      />
      {dirty && <span className="label-hint kbd">↵ apply</span>}
      {applied && !dirty && (
        <button
          type="button"
          className="label-clear"
          aria-label="Clear label selector"
          onClick={() => apply('')}
        >
          ×
        </button>
      )}
      {error && (
        <div className="label-error">
          <ErrorView error={error} variant="compact" />
        </div>
      )}
    </div>
  );
}
