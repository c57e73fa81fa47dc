// The capture dialog: what (targets), how (options), and may we (preflight), then one clear
// decision: "Start capture" when every check passed, only "Cancel" otherwise.
import { startCapture } from '../actions/capture';
import { ErrorView } from '../components/ErrorView';
import {
  useCaptureStore,
  type CaptureDialog as Dialog,
  type DraftPod,
} from '../stores/capture-store';
import { Modal } from './Modal';
import { OptionsForm } from './OptionsForm';
import { parseOptions } from './options';
import { PreflightView } from './PreflightView';
import { SelectorTargets } from './SelectorTargets';
import { TargetsSummary } from './TargetsSummary';
import './capture.css';

/** After the preflight, its own view of the pods (nodes now known, selector resolved) wins. */
function podsOf(d: Dialog): DraftPod[] {
  if (d.preflight.state === 'done') return d.preflight.result.pods;
  return d.pods;
}

function Footer({ dialog, canStart }: { dialog: Dialog; canStart: boolean }) {
  const close = useCaptureStore((s) => s.closeDialog);
  const pre = dialog.preflight;
  // Nothing may start: offer only Cancel, so there is no dead button to wonder about.
  const blocked = (pre.state === 'done' && !pre.result.ok) || pre.state === 'error';
  return (
    <footer className="modal-footer">
      <span className="modal-footer-note dim">
        {blocked
          ? 'Fix what the preflight found above, then capture again.'
          : dialog.mode === 'selector'
            ? 'Agents are removed when the capture stops.'
            : 'Nothing is changed in the target pods; agents are removed when the capture stops.'}
      </span>
      <button type="button" className="btn" onClick={close}>
        Cancel
      </button>
      {!blocked && (
        <button
          type="button"
          className="btn btn-primary"
          disabled={!canStart}
          onClick={() => void startCapture()}
          data-testid="capture-start"
        >
          {dialog.starting ? 'Starting…' : 'Start capture'}
          <span className="kbd kbd-on-primary">Enter</span>
        </button>
      )}
    </footer>
  );
}

export function CaptureDialog() {
  const dialog = useCaptureStore((s) => s.dialog);
  const close = useCaptureStore((s) => s.closeDialog);
  const setDraft = useCaptureStore((s) => s.setDraft);
  if (!dialog) return null;
  const { errors, options } = parseOptions(dialog.draft);
  const pre = dialog.preflight;
  const pods = podsOf(dialog);
  const canStart =
    !!options && pre.state === 'done' && pre.result.ok && pods.length > 0 && !dialog.starting;
  const title = dialog.mode === 'pods' ? 'Capture packets' : 'Capture packets by label';
  return (
    <Modal
      label={title}
      onClose={close}
      onConfirm={canStart ? () => void startCapture() : undefined}
      className="cap-dialog"
    >
      <header className="modal-header">
        <h2>{title}</h2>
        <span className="dim mono">{dialog.context}</span>
      </header>
      <div className="modal-body" data-testid="capture-dialog">
        {dialog.mode === 'selector' && <SelectorTargets dialog={dialog} />}
        {(dialog.mode === 'pods' || pre.state === 'done') && (
          <TargetsSummary pods={pods} following={dialog.mode === 'selector'} />
        )}
        <OptionsForm
          draft={dialog.draft}
          errors={errors}
          filterError={dialog.filterError}
          onChange={setDraft}
          autoFocus={dialog.mode === 'pods'}
        />
        <PreflightView status={pre} />
        {dialog.startError && (
          <ErrorView error={dialog.startError} variant="inline" title="The capture did not start" />
        )}
      </div>
      <Footer dialog={dialog} canStart={canStart} />
    </Modal>
  );
}
