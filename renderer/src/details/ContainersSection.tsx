// Containers: image, container ID (what the agent uses to find the process), state and why.
import type { PodDetails } from '../../../main/api/contract';
import { CopyButton } from '../components/CopyButton';

type Container = PodDetails['containers'][number];

function stateTone(c: Container): string {
  if (c.state === 'running') return c.ready ? 'tone-ok' : 'tone-warn';
  if (c.state === 'terminated') return c.stateReason === 'Completed' ? 'tone-done' : 'tone-bad';
  return c.stateReason && /BackOff|Err|Error/.test(c.stateReason) ? 'tone-bad' : 'tone-warn';
}

export function ContainersSection({ containers }: { containers: Container[] }) {
  return (
    <div className="containers">
      {containers.map((c) => (
        <div
          key={`${c.init ? 'init-' : ''}${c.name}`}
          className="container-card"
          data-testid="container"
        >
          <div className="container-head">
            <span className="container-name">{c.name}</span>
            {c.init && <span className="tag">init</span>}
            <span className={`container-state ${stateTone(c)}`}>
              <span className="status-dot" />
              {c.state}
              {c.stateReason ? `: ${c.stateReason}` : ''}
            </span>
            <span className="dim num container-restarts">
              {c.restartCount} restart{c.restartCount === 1 ? '' : 's'}
            </span>
          </div>
          {c.stateMessage && <div className="container-message">{c.stateMessage}</div>}
          <dl className="kv-grid">
            <dt>Image</dt>
            <dd className="mono copyable">
              <span className="truncate" title={c.image}>
                {c.image}
              </span>
              <CopyButton value={c.image} label="image" />
            </dd>
            <dt>Container ID</dt>
            <dd className="mono copyable" data-testid="container-id">
              {c.containerID ? (
                <>
                  <span className="wrap-id">{c.containerID}</span>
                  <CopyButton value={c.containerID} label="container ID" />
                </>
              ) : (
                <span className="dim">not started yet</span>
              )}
            </dd>
            {c.ports.length > 0 && (
              <>
                <dt>Ports</dt>
                <dd className="mono">
                  {c.ports
                    .map((p) => `${p.containerPort}/${p.protocol}${p.name ? ` (${p.name})` : ''}`)
                    .join(', ')}
                </dd>
              </>
            )}
          </dl>
        </div>
      ))}
    </div>
  );
}
