// A target's state at a glance: spinner while it is being set up or re-attached, a dot while
// capturing, ✓ done, ✗ failed. The word is next to it, so colour is never the only signal.
import type { CaptureTargetState } from '../../../main/api/contract';

const LABEL: Record<CaptureTargetState, string> = {
  'starting-agent': 'starting agent',
  'finding-pod': 'finding pod',
  capturing: 'capturing',
  reconnecting: 'reconnecting',
  done: 'done',
  failed: 'failed',
};

export function TargetState({ state }: { state: CaptureTargetState }) {
  const busy = state === 'starting-agent' || state === 'finding-pod' || state === 'reconnecting';
  return (
    <span className={`cap-state cap-state-${state}`} data-state={state}>
      {busy ? (
        <span className="spinner" aria-hidden="true" />
      ) : state === 'capturing' ? (
        <span className="cap-live-dot" aria-hidden="true" />
      ) : (
        <span className="cap-state-mark" aria-hidden="true">
          {state === 'done' ? '✓' : '✗'}
        </span>
      )}
      {LABEL[state]}
    </span>
  );
}
