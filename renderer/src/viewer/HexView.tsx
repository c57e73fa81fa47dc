// Hex dump of the selected packet, 16 bytes a line with offsets and ASCII. The selected tree
// node's byte range is highlighted in both halves; clicking a byte selects the deepest node
// that covers it.
import { useViewerStore } from '../stores/viewer-store';
import { selectByte } from './actions';
import { nodeAt } from './tree-paths';

const hex2 = (b: number) => b.toString(16).padStart(2, '0');
const printable = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

export function HexView() {
  const detail = useViewerStore((s) => s.detail);
  const selectedNode = useViewerStore((s) => s.selectedNode);
  if (!detail) return <div className="pv-empty" />;
  const node = selectedNode ? nodeAt(detail.tree, selectedNode) : undefined;
  const from = node ? node.start : -1;
  const to = node ? node.start + node.length : -1;
  const lines: number[] = [];
  for (let off = 0; off < detail.bytes.length; off += 16) lines.push(off);
  const cell = (i: number, text: string, kind: string) => {
    const b = detail.bytes[i];
    if (b === undefined) return null;
    return (
      <span
        key={`${kind}${i}`}
        data-offset={i}
        className={i >= from && i < to ? 'hl' : undefined}
        onClick={() => selectByte(i)}
      >
        {text}
      </span>
    );
  };
  return (
    <div className="pv-hex mono" data-testid="packet-hex">
      {lines.map((off) => {
        const idx = Array.from(
          { length: Math.min(16, detail.bytes.length - off) },
          (_, k) => off + k,
        );
        return (
          <div key={off} className="pv-hex-line">
            <span className="pv-hex-off">{off.toString(16).padStart(4, '0')}</span>
            <span className="pv-hex-bytes">
              {idx.map((i) => cell(i, hex2(detail.bytes[i] ?? 0), 'h'))}
            </span>
            <span className="pv-hex-ascii">
              {idx.map((i) => cell(i, printable(detail.bytes[i] ?? 0), 'a'))}
            </span>
          </div>
        );
      })}
    </div>
  );
}
