// Events for the pod, newest first; warnings stand out.
import type { PodDetails } from '../../../main/api/contract';
import { ageOf } from '../format/time';

export function EventsSection(props: { events: PodDetails['events']; now: number }) {
  const events = [...props.events].sort(
    (a, b) => Date.parse(b.lastSeen ?? '') - Date.parse(a.lastSeen ?? '') || 0,
  );
  if (events.length === 0) return <div className="dim">No events (they expire after an hour).</div>;
  return (
    <table className="mini-table events-table">
      <thead>
        <tr>
          <th>Type</th>
          <th>Reason</th>
          <th className="right">Age</th>
          <th className="right">Count</th>
          <th>Message</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e, i) => (
          <tr key={`${e.reason}-${i}`} className={e.type === 'Warning' ? 'event-warning' : ''}>
            <td>{e.type}</td>
            <td className="event-reason">{e.reason}</td>
            <td className="right num dim">{ageOf(e.lastSeen ?? e.firstSeen, props.now)}</td>
            <td className="right num">{e.count > 1 ? `×${e.count}` : ''}</td>
            <td className="event-message" title={e.source}>
              {e.message}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
