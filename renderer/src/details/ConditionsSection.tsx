// Pod conditions (PodScheduled, Ready …) with the reason when not True.
import type { PodDetails } from '../../../main/api/contract';
import { ageOf } from '../format/time';

export function ConditionsSection(props: { conditions: PodDetails['conditions']; now: number }) {
  return (
    <table className="mini-table">
      <tbody>
        {props.conditions.map((c) => (
          <tr key={c.type}>
            <td className="cond-type">{c.type}</td>
            <td className={c.status === 'True' ? 'tone-text-ok' : 'tone-text-warn'}>{c.status}</td>
            <td className="cond-reason">
              {c.reason && <span>{c.reason}</span>}
              {c.message && <span className="dim"> — {c.message}</span>}
            </td>
            <td className="right dim num">{ageOf(c.lastTransitionTime, props.now)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
