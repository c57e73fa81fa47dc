// Per-target rows of a session: pod, node, state, counts, rates computed from successive
// progress events, drops (highlighted: lost packets matter), and the error with its fix.
import type { CaptureTargetProgress } from '../../../main/api/contract';
import { formatCount } from '../format/time';
import { ErrorView } from '../components/ErrorView';
import { targetKey } from '../stores/capture-store';
import { formatBytes, formatKBps, formatPps } from './format';
import type { RateSample } from './rates';
import { TargetState } from './TargetStateIcon';

function Row({ t, rate }: { t: CaptureTargetProgress; rate?: RateSample }) {
  const live = t.state === 'capturing' || t.state === 'reconnecting';
  return (
    <>
      <tr data-testid="capture-target" data-pod={t.pod} data-state={t.state}>
        <td className="cap-col-pod mono" title={targetKey(t)}>
          <span className="dim">{t.namespace}/</span>
          {t.pod}
          {t.hostNetwork && (
            <span
              className="cap-flag warn"
              title="hostNetwork: this capture sees the node’s traffic"
            >
              hostNetwork
            </span>
          )}
        </td>
        <td className="mono dim">{t.node || '—'}</td>
        <td>
          <TargetState state={t.state} />
        </td>
        <td className="num r" data-testid="target-packets">
          {formatCount(t.packets)}
        </td>
        <td className="num r">{formatBytes(t.bytes)}</td>
        <td className="num r dim">{live && rate ? formatPps(rate.pps) : '—'}</td>
        <td className="num r dim">{live && rate ? formatKBps(rate.bps) : '—'}</td>
        <td className={`num r ${t.drops > 0 ? 'cap-drops' : 'dim'}`} data-testid="target-drops">
          {formatCount(t.drops)}
        </td>
      </tr>
      {(t.error || t.note) && (
        <tr className="cap-target-extra">
          <td colSpan={8}>
            {t.error ? (
              <ErrorView error={t.error} variant="compact" />
            ) : (
              <span className="dim">{t.note}</span>
            )}
          </td>
        </tr>
      )}
    </>
  );
}

export function TargetTable(props: {
  targets: CaptureTargetProgress[];
  rates: Record<string, RateSample>;
}) {
  return (
    <table className="cap-target-table">
      <thead>
        <tr>
          <th>Pod</th>
          <th>Node</th>
          <th>State</th>
          <th className="r">Packets</th>
          <th className="r">Bytes</th>
          <th className="r">Pkt/s</th>
          <th className="r">KB/s</th>
          <th className="r">Drops</th>
        </tr>
      </thead>
      <tbody>
        {props.targets.map((t) => (
          <Row key={targetKey(t)} t={t} rate={props.rates[targetKey(t)]} />
        ))}
      </tbody>
    </table>
  );
}
