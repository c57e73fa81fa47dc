// "Capture by label": a namespace and a label selector; the session follows pods that appear
// (and drops pods that go) while it runs. The preflight re-runs shortly after typing stops.
import { useEffect, useId } from 'react';
import { runPreflight } from '../actions/capture';
import { useCaptureStore, type CaptureDialog } from '../stores/capture-store';

const RECHECK_MS = 400;

export function SelectorTargets({ dialog }: { dialog: CaptureDialog }) {
  const nsId = useId();
  const selId = useId();
  const patch = useCaptureStore((s) => s.patchDialog);
  const { namespace, labelSelector } = dialog;
  useEffect(() => {
    const t = setTimeout(() => void runPreflight(), RECHECK_MS);
    return () => clearTimeout(t);
  }, [namespace, labelSelector]);
  return (
    <div className="cap-selector">
      <div className="cap-field">
        <label htmlFor={nsId}>Namespace</label>
        <input
          id={nsId}
          className="input mono"
          value={namespace}
          placeholder="shop"
          spellCheck={false}
          autoFocus={!namespace}
          onChange={(e) => patch({ namespace: e.target.value })}
        />
      </div>
      <div className="cap-field cap-grow">
        <label htmlFor={selId}>Label selector</label>
        <input
          id={selId}
          className="input mono"
          value={labelSelector}
          placeholder="app=web,tier!=db"
          spellCheck={false}
          autoFocus={!!namespace}
          onChange={(e) => patch({ labelSelector: e.target.value })}
        />
      </div>
    </div>
  );
}
