// Decodes captured records into summary columns, a detail tree and filter fields, walking
// the dissector tables from the link type up. One FrameDissector per capture: it keeps the
// cross-packet state (TCP streams), so feed it records in capture order.
import type { PacketRecord } from './types';
import type { DissectedPacket } from './dissectors/model';
import type { Dissector, DissectorRegistry, Handoff } from './dissectors/registry';
import { CaptureContext } from './dissectors/capture-context';
import { PacketBuilder } from './dissectors/packet-builder';
import { createBuiltinRegistry } from './dissectors/index';

export interface DissectOptions {
  /** Build the detail tree (for the selected packet); off for the list/index pass. */
  tree?: boolean;
  /** Collect filter field values. */
  fields?: boolean;
  /** Collect only these fields (a display filter re-dissecting for one field). */
  onlyFields?: ReadonlySet<string>;
  registry?: DissectorRegistry;
}

export interface FrameDissector {
  readonly context: CaptureContext;
  readonly registry: DissectorRegistry;
  /**
   * `frameNumber` re-dissects one packet out of order (the index's visible rows): it keeps
   * frame.number right; the counter then continues from it.
   */
  dissect(record: PacketRecord, frameNumber?: number): DissectedPacket;
}

/** Guards against handoff loops (tunnel in tunnel in tunnel …) in crafted packets. */
const MAX_LAYERS = 32;
let sharedRegistry: DissectorRegistry | undefined;

export function createDissector(options: DissectOptions = {}): FrameDissector {
  const registry = options.registry ?? (sharedRegistry ??= createBuiltinRegistry());
  const context = new CaptureContext();
  const tree = options.tree ?? true;
  const fields = options.fields ?? true;
  let frameNumber = 0;
  return {
    context,
    registry,
    dissect(record, number) {
      frameNumber = number ?? frameNumber + 1;
      const pkt = new PacketBuilder(
        context,
        frameNumber,
        record.originalLength,
        tree,
        fields,
        options.onlyFields,
      );
      dissectFrame(registry, pkt, record);
      return pkt.result();
    },
  };
}

function dissectFrame(registry: DissectorRegistry, pkt: PacketBuilder, record: PacketRecord): void {
  const data = record.data;
  const n = pkt.frameNumber;
  const frame = pkt.layer(
    'frame',
    pkt.wantTree
      ? `Frame ${n}: ${record.originalLength} bytes on wire (${record.originalLength * 8} bits), ${data.length} bytes captured (${data.length * 8} bits) on interface ${record.interfaceId}`
      : '',
    0,
    data.length,
  );
  pkt.add(frame, `Encapsulation type: ${record.linkType}`, 0, 0, 'frame.encap_type');
  pkt.add(frame, `Frame Number: ${n}`, 0, 0, 'frame.number');
  pkt.add(frame, `Frame Length: ${record.originalLength} bytes`, 0, 0, 'frame.len');
  pkt.add(frame, `Capture Length: ${data.length} bytes`, 0, 0, 'frame.cap_len');
  if (pkt.wantFields) {
    pkt.field('frame.number', n);
    pkt.field('frame.len', record.originalLength);
    pkt.field('frame.cap_len', data.length);
    pkt.field('frame.interface_id', record.interfaceId);
    pkt.field('frame.time_epoch', record.tsSec + record.tsNsec / 1e9);
    if (record.comments) for (const c of record.comments) pkt.field('frame.comment', c);
  }

  let handoff: Handoff | undefined = {
    table: 'link',
    keys: [record.linkType],
    start: 0,
    end: data.length,
  };
  for (let depth = 0; handoff && depth < MAX_LAYERS; depth++) {
    const h: Handoff = handoff;
    const end = Math.min(h.end, data.length);
    let dissector: Dissector | undefined;
    let key = 0;
    for (const k of h.keys) {
      dissector = registry.find(h.table, k);
      key = k;
      if (dissector) break;
    }
    if (!dissector) {
      if (end > h.start) undecoded(pkt, h, end);
      return;
    }
    if (h.nested) pkt.nested = true;
    try {
      handoff = dissector.dissect(pkt, data, h.start, end, key);
    } catch (e) {
      // Dissectors check bounds; this is the last line of defence for a crafted packet.
      pkt.markMalformed(dissector.name, e instanceof Error ? e.message : String(e));
      return;
    }
  }
}

function undecoded(pkt: PacketBuilder, h: Handoff, end: number): void {
  pkt.layer('data', `Data (${end - h.start} bytes)`, h.start, end - h.start);
  pkt.field('data.len', end - h.start);
  if (h.table === 'link') pkt.setColumns(`LINKTYPE ${h.keys[0]}`, 'Unknown link type');
  else if (h.table === 'ethertype' && !pkt.nested)
    pkt.setColumns(`0x${(h.keys[0] ?? 0).toString(16).padStart(4, '0')}`, 'Ethernet II');
}
