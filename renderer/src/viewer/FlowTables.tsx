// The Conversations and DNS tabs: plain tables (a capture has far fewer flows than packets);
// a row's frame or stream leads back to the packets.
import { useViewerStore } from '../stores/viewer-store';
import { followStream } from './actions';

const ms = (s: number | undefined) => (s === undefined ? '' : `${(s * 1000).toFixed(2)} ms`);
const SHOW = 5000;

export function ConversationsTable() {
  const rows = useViewerStore((s) => s.conversations);
  if (!rows) return <div className="pv-empty">Loading conversations…</div>;
  return (
    <div className="pv-flows" data-testid="conversations">
      <table>
        <thead>
          <tr>
            <th>Proto</th>
            <th className="right">Stream</th>
            <th>Address A</th>
            <th className="right">Port A</th>
            <th>Address B</th>
            <th className="right">Port B</th>
            <th className="right">Packets A→B</th>
            <th className="right">Bytes A→B</th>
            <th className="right">Packets B→A</th>
            <th className="right">Bytes B→A</th>
            <th className="right">Duration</th>
            <th className="right">Handshake RTT</th>
            <th className="right">Retrans.</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOW).map((c) => (
            <tr
              key={`${c.protocol}${c.stream}`}
              className={c.state === 'reset' ? 'c-tcp-rst' : undefined}
            >
              <td>{c.protocol.toUpperCase()}</td>
              <td className="right">{c.stream}</td>
              <td>{c.addressA}</td>
              <td className="right">{c.portA}</td>
              <td>{c.addressB}</td>
              <td className="right">{c.portB}</td>
              <td className="right">{c.packetsAtoB}</td>
              <td className="right">{c.bytesAtoB}</td>
              <td className="right">{c.packetsBtoA}</td>
              <td className="right">{c.bytesBtoA}</td>
              <td className="right">{ms(c.duration)}</td>
              <td className="right">{ms(c.handshakeRtt)}</td>
              <td className="right">{c.retransmissions ?? ''}</td>
              <td>{c.state ?? ''}</td>
              <td>
                {c.protocol === 'tcp' && (
                  <button className="btn-link" onClick={() => void followStream(c.stream)}>
                    Follow
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <div className="pv-empty">No TCP or UDP conversations.</div>}
    </div>
  );
}

export function DnsTable() {
  const rows = useViewerStore((s) => s.dns);
  if (!rows) return <div className="pv-empty">Loading DNS transactions…</div>;
  return (
    <div className="pv-flows" data-testid="dns">
      <table>
        <thead>
          <tr>
            <th>Query</th>
            <th>Type</th>
            <th>Client</th>
            <th>Server</th>
            <th>Rcode</th>
            <th className="right">Latency</th>
            <th>Answers</th>
            <th className="right">Frames</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOW).map((t) => (
            <tr
              key={`${t.queryFrame}`}
              className={t.rcode ? 'c-dns-error' : !t.answered ? 'dim' : undefined}
            >
              <td>{t.name}</td>
              <td>{t.type}</td>
              <td>{t.client}</td>
              <td>{t.server}</td>
              <td>{t.answered ? (t.rcodeName ?? '') : 'no response'}</td>
              <td className="right">{ms(t.latency)}</td>
              <td>{t.answers.join(', ')}</td>
              <td className="right">
                {t.queryFrame}
                {t.responseFrame ? ` → ${t.responseFrame}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <div className="pv-empty">No DNS queries in this capture.</div>}
    </div>
  );
}
