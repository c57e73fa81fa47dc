// "N pods on M nodes": the dialog's first line, with hostNetwork pods called out because
// their capture is the node's traffic, not the pod's.
import type { DraftPod } from '../stores/capture-store';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function TargetsSummary({ pods, following }: { pods: DraftPod[]; following?: boolean }) {
  const nodes = new Set(pods.map((p) => p.node).filter(Boolean));
  const host = pods.filter((p) => p.hostNetwork);
  const unscheduled = pods.filter((p) => !p.node).length;
  return (
    <div className="cap-targets" data-testid="capture-targets">
      <div className="cap-targets-line">
        <strong className="num" data-testid="capture-target-count">
          {plural(pods.length, 'pod')}
        </strong>{' '}
        on <strong className="num">{plural(nodes.size, 'node')}</strong>
        {unscheduled > 0 && <span className="dim"> · {unscheduled} not scheduled yet</span>}
        {following && <span className="dim"> now · new matching pods join while it runs</span>}
      </div>
      <ul className="cap-pod-list">
        {pods.slice(0, 200).map((p) => (
          <li key={`${p.namespace}/${p.name}`} className={p.hostNetwork ? 'host' : undefined}>
            <span className="mono cap-pod-name" title={`${p.namespace}/${p.name}`}>
              <span className="dim">{p.namespace}/</span>
              {p.name}
            </span>
            <span className="mono dim cap-pod-node">{p.node ?? '—'}</span>
            {p.hostNetwork && <span className="cap-flag warn">hostNetwork</span>}
          </li>
        ))}
        {pods.length > 200 && <li className="dim">… and {pods.length - 200} more</li>}
      </ul>
      {host.length > 0 && (
        <div className="cap-note warn" role="note" data-testid="hostnetwork-warning">
          <strong>{plural(host.length, 'pod uses', 'pods use')} the node’s network</strong>{' '}
          (hostNetwork): {host.length === 1 ? 'its' : 'their'} capture sees all traffic of the node,
          not only the pod’s.
        </div>
      )}
    </div>
  );
}
