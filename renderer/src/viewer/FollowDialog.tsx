// Follow TCP Stream: the payload of both directions in capture order, client in red and server
// in blue as in Wireshark, as text (non-printables as dots) or as a hex dump.
import { useViewerStore } from '../stores/viewer-store';
import { closeFollow } from './actions';

function decode(b64: string): Uint8Array {
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function asText(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes)
    s += b === 10 || b === 13 || b === 9 || (b >= 0x20 && b < 0x7f) ? String.fromCharCode(b) : '.';
  return s;
}

function asHex(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const chunk = [...bytes.subarray(off, off + 16)];
    const hex = chunk.map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = chunk.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(48)}  ${ascii}`);
  }
  return lines.join('\n') + '\n';
}

export function FollowDialog() {
  const follow = useViewerStore((s) => s.follow);
  const mode = useViewerStore((s) => s.followMode);
  const set = useViewerStore((s) => s.set);
  if (!follow) return null;
  return (
    <div
      className="pv-overlay"
      role="dialog"
      aria-label={`Follow TCP stream ${follow.stream}`}
      onClick={closeFollow}
    >
      <div className="pv-dialog" onClick={(e) => e.stopPropagation()} data-testid="follow-dialog">
        <div className="pv-dialog-head">
          <strong>Follow TCP Stream (tcp.stream eq {follow.stream})</strong>
          <span className="dim">
            <span className="dir0">{follow.client}</span> →{' '}
            <span className="dir1">{follow.server}</span>
          </span>
          <span className="spacer" />
          <label>
            <input
              type="radio"
              checked={mode === 'text'}
              onChange={() => set({ followMode: 'text' })}
            />{' '}
            Text
          </label>
          <label>
            <input
              type="radio"
              checked={mode === 'hex'}
              onChange={() => set({ followMode: 'hex' })}
            />{' '}
            Hex
          </label>
          <button className="btn" onClick={closeFollow} autoFocus>
            Close
          </button>
        </div>
        <pre className="pv-follow mono">
          {follow.segments.map((s, i) => {
            const bytes = decode(s.data);
            return (
              <span key={i} className={`dir${s.direction}`} title={`frame ${s.frame}`}>
                {mode === 'text' ? asText(bytes) : asHex(bytes)}
              </span>
            );
          })}
        </pre>
        <div className="pv-dialog-foot dim">
          {follow.bytesClientToServer.toLocaleString()} bytes client → server ·{' '}
          {follow.bytesServerToClient.toLocaleString()} bytes server → client
        </div>
      </div>
    </div>
  );
}
