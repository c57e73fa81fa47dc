// Interned strings (IPv6 and MAC addresses, interface names): each distinct text stored once,
// packets hold its small id.

export class StringTable {
  private readonly texts: string[] = [];
  private readonly ids = new Map<string, number>();

  intern(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.ids.set(text, id);
    }
    return id;
  }

  /** The id of a text already interned, or -1. */
  find(text: string): number {
    return this.ids.get(text) ?? -1;
  }

  text(id: number): string {
    return this.texts[id] ?? '';
  }

  get size(): number {
    return this.texts.length;
  }
}
