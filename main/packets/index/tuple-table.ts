// Conversation identity without strings: an open-addressing hash table from a
// direction-normalised (addresses, ports, transport) tuple to a small stream number, so the
// index numbers TCP/UDP streams in order of first appearance (tshark's tcp.stream, udp.stream)
// at a few nanoseconds per packet.

const EMPTY = -1;

export class TupleTable {
  private keys: Uint32Array;
  private values: Int32Array;
  private mask: number;
  private used = 0;

  constructor(initialSlots = 1 << 16) {
    this.keys = new Uint32Array(initialSlots * 4);
    this.values = new Int32Array(initialSlots).fill(EMPTY);
    this.mask = initialSlots - 1;
  }

  /**
   * The value stored under the tuple, or `next` stored now (the caller sees it is new when it
   * gets `next` back). Address numbers are IPv4 values or string ids; `kind` keeps the two
   * apart (and TCP apart from UDP).
   */
  getOrAdd(a: number, pa: number, b: number, pb: number, kind: number, next: number): number {
    // Normalise direction: the lower (address, port) side first.
    let k0 = a;
    let k1 = b;
    let k2 = ((pa & 0xffff) << 16) | (pb & 0xffff);
    if (a > b || (a === b && pa > pb)) {
      k0 = b;
      k1 = a;
      k2 = ((pb & 0xffff) << 16) | (pa & 0xffff);
    }
    k2 >>>= 0;
    const k3 = kind >>> 0;
    let h = Math.imul(k0 ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ k1 ^ (h >>> 13), 0xc2b2ae35);
    h = Math.imul(h ^ k2 ^ (h >>> 16), 0x85ebca6b);
    h = (h ^ k3 ^ (h >>> 13)) & this.mask;
    const keys = this.keys;
    for (;;) {
      const v = this.values[h] ?? EMPTY;
      if (v === EMPTY) break;
      const o = h * 4;
      if (keys[o] === k0 && keys[o + 1] === k1 && keys[o + 2] === k2 && keys[o + 3] === k3)
        return v;
      h = (h + 1) & this.mask;
    }
    const value = next;
    const o = h * 4;
    keys[o] = k0;
    keys[o + 1] = k1;
    keys[o + 2] = k2;
    keys[o + 3] = k3;
    this.values[h] = value;
    if (++this.used * 2 > this.mask) this.grow();
    return value;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const slots = oldValues.length * 2;
    this.keys = new Uint32Array(slots * 4);
    this.values = new Int32Array(slots).fill(EMPTY);
    this.mask = slots - 1;
    for (let i = 0; i < oldValues.length; i++) {
      const v = oldValues[i] ?? EMPTY;
      if (v === EMPTY) continue;
      const o = i * 4;
      const k0 = oldKeys[o] ?? 0;
      const k1 = oldKeys[o + 1] ?? 0;
      const k2 = oldKeys[o + 2] ?? 0;
      const k3 = oldKeys[o + 3] ?? 0;
      let h = Math.imul(k0 ^ 0x9e3779b9, 0x85ebca6b);
      h = Math.imul(h ^ k1 ^ (h >>> 13), 0xc2b2ae35);
      h = Math.imul(h ^ k2 ^ (h >>> 16), 0x85ebca6b);
      h = (h ^ k3 ^ (h >>> 13)) & this.mask;
      while ((this.values[h] ?? EMPTY) !== EMPTY) h = (h + 1) & this.mask;
      const n = h * 4;
      this.keys[n] = k0;
      this.keys[n + 1] = k1;
      this.keys[n + 2] = k2;
      this.keys[n + 3] = k3;
      this.values[h] = v;
    }
  }
}
