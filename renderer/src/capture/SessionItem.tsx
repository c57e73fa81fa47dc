// One capture session: its state, duration, totals and folder, what the contract lets us do
// with it (Stop, Open in Wireshark, Live in Wireshark), any error with its fix, and its targets.
import { useState } from 'react';
import type { CaptureProgress } from '../../../main/api/contract';
import { liveInWireshark, openInWireshark, stopCapture } from '../actions/capture';
import { CopyButton } from '../components/CopyButton';
import { ErrorView } from '../components/ErrorView';
import { formatCount } from '../format/time';
import { useNow } from '../format/use-now';
import type { SessionView } from '../stores/capture-store';
import { formatBytes, formatClock } from './format';
import { TargetTable } from './TargetTable';

const RUNNING = new Set<CaptureProgress['state']>(['starting', 'capturing', 'stopping']);

function Duration({ p }: { p: CaptureProgress }) {
  const now = useNow(1000);
  const end = p.stoppedAt ? Date.parse(p.stoppedAt) : now;
  return <span className="num">{formatClock(end - Date.parse(p.startedAt))}</span>;
}

function Actions({ view }: { view: SessionView }) {
  const p = view.progress;
  const running = RUNNING.has(p.state);
  return (
    <div className="cap-session-actions">
      {running && (
        <button
          type="button"
          className="btn cap-stop"
          disabled={view.busy === 'stop' || p.state === 'stopping'}
          onClick={() => void stopCapture(p.sessionId)}
        >
          <span className="cap-stop-square" aria-hidden="true" />
          {p.state === 'stopping' || view.busy === 'stop' ? 'Stopping…' : 'Stop'}
        </button>
      )}
      <button
        type="button"
        className="btn"
        disabled={view.busy === 'open'}
        onClick={() => void openInWireshark(p.sessionId)}
      >
        Open in Wireshark
      </button>
      {running && (
        <button
          type="button"
          className="btn"
          disabled={view.busy === 'live'}
          onClick={() => void liveInWireshark(p.sessionId)}
        >
          Live in Wireshark
        </button>
      )}
    </div>
  );
}

export function SessionItem({
  view,
  initiallyOpen,
}: {
  view: SessionView;
  initiallyOpen: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const p = view.progress;
  const packets = p.targets.reduce((n, t) => n + t.packets, 0);
  const bytes = p.targets.reduce((n, t) => n + t.bytes, 0);
  const drops = p.targets.reduce((n, t) => n + t.drops, 0);
  const failed = p.targets.filter((t) => t.state === 'failed').length;
  return (
    <li className="cap-session" data-testid="capture-session" data-state={p.state}>
      <div className="cap-session-head">
        <button
          type="button"
          className="cap-disclosure"
          aria-expanded={open}
          aria-label={open ? 'Hide targets' : 'Show targets'}
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'}
        </button>
        <span className={`cap-session-state s-${p.state}`}>
          {RUNNING.has(p.state) && <span className="cap-live-dot" aria-hidden="true" />}
          {p.state}
        </span>
        <Duration p={p} />
        <span className="mono dim" title="Context">
          {p.context}
        </span>
        <span className="cap-totals">
          <span className="num" data-testid="session-packets">
            {formatCount(packets)}
          </span>{' '}
          pkts · <span className="num">{formatBytes(bytes)}</span>
          {' · '}
          {p.targets.length} {p.targets.length === 1 ? 'pod' : 'pods'}
          {failed > 0 && <span className="cap-bad"> · {failed} failed</span>}
          {drops > 0 && <span className="cap-drops"> · {formatCount(drops)} dropped</span>}
        </span>
        <span className="cap-folder mono dim" title={p.folder}>
          <span className="cap-folder-text">{p.folder}</span>
        </span>
        <CopyButton value={p.folder} label="folder path" />
        <Actions view={view} />
      </div>
      {p.error && <ErrorView error={p.error} variant="compact" />}
      {view.actionError && <ErrorView error={view.actionError} variant="compact" />}
      {open && <TargetTable targets={p.targets} rates={view.rates} />}
    </li>
  );
}
