// Dissector tables, as in Wireshark: each dissector says what it answers to (a link type, an
// EtherType, an IP protocol, a port) and the registry finds it for the layer below.
import type { FieldSpec } from './model';
import type { PacketBuilder } from './packet-builder';

export type DissectorTable = 'link' | 'ethertype' | 'ip.proto' | 'udp.port' | 'tcp.port';

export interface Registration {
  readonly table: DissectorTable;
  readonly key: number;
}

/** What a dissector asks to decode next: the payload range and where to look its decoder up. */
export interface Handoff {
  readonly table: DissectorTable;
  /** Keys to try in order (ports: lower first, as Wireshark does). */
  readonly keys: readonly number[];
  readonly start: number;
  readonly end: number;
  /** The payload is a quoted packet (ICMP errors): decode it without touching columns. */
  readonly nested?: boolean;
}

export interface Dissector {
  /** Wireshark's filter name of the protocol: "eth", "ip", "tcp", "dns" … */
  readonly name: string;
  readonly registers: readonly Registration[];
  readonly fields: readonly FieldSpec[];
  /**
   * Decodes data[start..end) into pkt; returns the next layer, if any. Must not throw.
   * `key` is the table key it was found by (the EtherType, the port …).
   */
  dissect(
    pkt: PacketBuilder,
    data: Uint8Array,
    start: number,
    end: number,
    key: number,
  ): Handoff | undefined;
}

export class DissectorRegistry {
  private readonly tables = new Map<DissectorTable, Map<number, Dissector>>();
  private readonly fieldSpecs = new Map<string, FieldSpec>();
  readonly dissectors: Dissector[] = [];

  register(d: Dissector): void {
    this.dissectors.push(d);
    for (const r of d.registers) {
      let t = this.tables.get(r.table);
      if (!t) this.tables.set(r.table, (t = new Map()));
      if (t.has(r.key)) throw new Error(`${r.table}=${r.key} is registered twice`);
      t.set(r.key, d);
    }
    for (const f of d.fields) this.fieldSpecs.set(f.name, f);
  }

  find(table: DissectorTable, key: number): Dissector | undefined {
    return this.tables.get(table)?.get(key);
  }

  /** Every field a display filter may name, with its type. */
  field(name: string): FieldSpec | undefined {
    return this.fieldSpecs.get(name);
  }

  get fields(): FieldSpec[] {
    return [...this.fieldSpecs.values()];
  }
}

/** Ports in the order Wireshark tries them: the lower one first. */
export function portKeys(a: number, b: number): number[] {
  return a <= b ? [a, b] : [b, a];
}
