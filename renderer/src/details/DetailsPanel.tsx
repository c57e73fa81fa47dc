// The side panel for one pod: summary, labels, annotations, containers, conditions, owners,
// events. Loaded through pods.details; its errors show inline.
import type { ReactNode } from 'react';
import { fetchDetails } from '../actions/details';
import { ErrorView } from '../components/ErrorView';
import { ageOf } from '../format/time';
import { useNow } from '../format/use-now';
import { useDetailsStore } from '../stores/details-store';
import { usePodsStore } from '../stores/pods-store';
import { statusTone } from '../pods/status-tone';
import { ConditionsSection } from './ConditionsSection';
import { ContainersSection } from './ContainersSection';
import { EventsSection } from './EventsSection';
import { KeyValueChips } from './KeyValueChips';
import './details.css';

function Section(props: { title: string; count?: number; children: ReactNode }) {
  return (
    <section className="details-section">
      <h3>
        {props.title}
        {props.count !== undefined && <span className="section-count num">{props.count}</span>}
      </h3>
      {props.children}
    </section>
  );
}

export function DetailsPanel({ width }: { width: number }) {
  const { uid, ref, details, loading, error, gone } = useDetailsStore();
  // The live row (status, restarts) is fresher than the details snapshot.
  const live = usePodsStore((s) => (uid ? s.rows.get(uid)?.pod : undefined));
  const now = useNow(1000);
  const pod = live ?? details?.summary;
  return (
    <aside
      className="details"
      style={{ width }}
      aria-label="Pod details"
      data-testid="details-panel"
    >
      <header className="details-header">
        <div className="details-title">
          <div className="details-name" title={ref?.name}>
            {ref?.name}
          </div>
          <div className="details-sub dim">
            {ref?.namespace}
            {pod?.node ? ` · ${pod.node}` : ''}
          </div>
        </div>
        <button
          type="button"
          className="btn"
          disabled={loading || !uid}
          onClick={() => uid && void fetchDetails(uid)}
          title="Reload details"
        >
          ↻
        </button>
        <button
          type="button"
          className="btn"
          aria-label="Close details"
          onClick={() => useDetailsStore.getState().setOpen(false)}
        >
          ✕
        </button>
      </header>
      <div className="details-body">
        {gone && (
          <div className="details-note">This pod was deleted; showing its last known details.</div>
        )}
        {error && <ErrorView error={error} variant="inline" title="Could not load details" />}
        {pod && (
          <dl className="kv-grid details-summary">
            <dt>Status</dt>
            <dd className={`cell-status tone-${statusTone(pod.status, pod.deleting)}`}>
              <span className="status-badge">
                <span className="status-dot" />
                {pod.status}
              </span>
              <span className="dim"> · phase {pod.phase}</span>
            </dd>
            <dt>Ready</dt>
            <dd className="num">
              {pod.readyContainers}/{pod.totalContainers} · {pod.restarts} restarts
              {pod.lastRestartAt ? ` (last ${ageOf(pod.lastRestartAt, now)} ago)` : ''}
            </dd>
            <dt>Age</dt>
            <dd className="num" title={pod.createdAt}>
              {ageOf(pod.createdAt, now)} <span className="dim">· {pod.createdAt}</span>
            </dd>
            <dt>Pod IP</dt>
            <dd className="mono">
              {pod.podIP ?? '—'}
              {pod.hostNetwork ? ' (hostNetwork)' : ''}
            </dd>
            <dt>Host IP</dt>
            <dd className="mono">{pod.hostIP ?? '—'}</dd>
            <dt>Owner</dt>
            <dd>
              {details?.owners.length ? (
                details.owners
                  .map((o) => `${o.kind}/${o.name}${o.controller ? '' : ' (not controller)'}`)
                  .join(', ')
              ) : pod.owner ? (
                `${pod.owner.kind}/${pod.owner.name}`
              ) : (
                <span className="dim">none (bare pod)</span>
              )}
            </dd>
            {details?.serviceAccount && (
              <>
                <dt>Service account</dt>
                <dd>{details.serviceAccount}</dd>
              </>
            )}
            {details?.qosClass && (
              <>
                <dt>QoS</dt>
                <dd>{details.qosClass}</dd>
              </>
            )}
            <dt>UID</dt>
            <dd className="mono">{pod.uid}</dd>
          </dl>
        )}
        {loading && !details && <div className="details-loading dim">Loading details…</div>}
        {pod && (
          <Section title="Labels" count={Object.keys(pod.labels).length}>
            <KeyValueChips values={pod.labels} empty="No labels." />
          </Section>
        )}
        {details && (
          <>
            <Section title="Annotations" count={Object.keys(details.annotations).length}>
              <KeyValueChips values={details.annotations} empty="No annotations." />
            </Section>
            <Section title="Containers" count={details.containers.length}>
              <ContainersSection containers={details.containers} />
            </Section>
            <Section title="Conditions">
              <ConditionsSection conditions={details.conditions} now={now} />
            </Section>
            <Section title="Events" count={details.events.length}>
              <EventsSection events={details.events} now={now} />
            </Section>
          </>
        )}
      </div>
    </aside>
  );
}
