// The preflight: what the capture will create in the cluster, and whether the user may.
// Each check is ✓ or ✗; a failed one carries its error code, message and fix, as everywhere.
import type { CapturePreflight } from '../../../main/api/contract';
import { ErrorView } from '../components/ErrorView';
import type { PreflightStatus } from '../stores/capture-store';

function WillCreate({ w }: { w: CapturePreflight['willCreate'] }) {
  const privileges = w.privileges
    .split(/[,;]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <dl className="cap-create" data-testid="preflight-create">
      <dt>Namespace</dt>
      <dd className="mono">{w.namespace}</dd>
      <dt>Agents</dt>
      <dd>
        one pod per node ·{' '}
        <span className="mono">
          {w.nodes.length > 6
            ? `${w.nodes.slice(0, 6).join(', ')} +${w.nodes.length - 6}`
            : w.nodes.join(', ') || '—'}
        </span>
      </dd>
      <dt>Image</dt>
      <dd className="mono">{w.image}</dd>
      <dt>Privileges</dt>
      <dd className="cap-privs">
        {privileges.map((p) => (
          <span key={p} className="cap-flag">
            {p}
          </span>
        ))}
      </dd>
    </dl>
  );
}

function Checks({ checks }: { checks: CapturePreflight['checks'] }) {
  return (
    <ul className="cap-checks" data-testid="preflight-checks">
      {checks.map((c) => (
        <li key={c.name} className={c.ok ? 'ok' : 'bad'} data-check-ok={c.ok}>
          <div className="cap-check-line">
            <span className="cap-check-mark" aria-label={c.ok ? 'passed' : 'failed'}>
              {c.ok ? '✓' : '✗'}
            </span>
            <span>{c.name}</span>
          </div>
          {c.error && <ErrorView error={c.error} variant="compact" />}
        </li>
      ))}
    </ul>
  );
}

export function PreflightView({ status }: { status: PreflightStatus }) {
  return (
    <section className="cap-preflight" aria-label="Preflight" data-preflight={status.state}>
      <h3>
        Preflight
        {status.state === 'checking' && <span className="spinner" aria-label="checking" />}
      </h3>
      {status.state === 'idle' && <div className="dim">Choose what to capture first.</div>}
      {status.state === 'checking' && <div className="dim">Asking the cluster…</div>}
      {status.state === 'error' && <ErrorView error={status.error} variant="inline" />}
      {status.state === 'done' && (
        <div className="cap-preflight-body">
          <WillCreate w={status.result.willCreate} />
          <Checks checks={status.result.checks} />
        </div>
      )}
    </section>
  );
}
