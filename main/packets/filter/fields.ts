// The fields a filter may name: every field the dissectors declare (the registry), plus the
// frame's own and `pod`, the interface (pod) a packet was captured on.
import type { FieldSpec, FieldType } from '../dissectors/model';
import type { DissectorRegistry } from '../dissectors/registry';

const EXTRA_FIELDS: readonly FieldSpec[] = [
  { name: 'frame', type: 'protocol', label: 'Frame' },
  { name: 'frame.number', type: 'uint', label: 'Frame Number' },
  { name: 'frame.len', type: 'uint', label: 'Frame Length' },
  { name: 'frame.cap_len', type: 'uint', label: 'Capture Length' },
  { name: 'frame.interface_id', type: 'uint', label: 'Interface id' },
  { name: 'frame.comment', type: 'string', label: 'Comment' },
  { name: 'data', type: 'protocol', label: 'Data' },
  { name: 'data.len', type: 'uint', label: 'Data length' },
  { name: 'pod', type: 'string', label: 'Pod (capture interface name)' },
];

export class FieldCatalog {
  private readonly specs = new Map<string, FieldSpec>();

  constructor(registry: DissectorRegistry) {
    for (const f of registry.fields) this.specs.set(f.name, f);
    for (const f of EXTRA_FIELDS) this.specs.set(f.name, f);
  }

  type(name: string): FieldType | undefined {
    return this.specs.get(name)?.type;
  }

  get names(): string[] {
    return [...this.specs.keys()];
  }
}

/** What a type is called in an error message. */
export function typeWord(t: FieldType): string {
  switch (t) {
    case 'uint':
      return 'a number';
    case 'bool':
      return 'a flag (1 or 0)';
    case 'ipv4':
      return 'an IPv4 address';
    case 'ipv6':
      return 'an IPv6 address';
    case 'ether':
      return 'a MAC address';
    case 'string':
      return 'text';
    case 'bytes':
      return 'bytes';
    case 'protocol':
      return 'a protocol';
  }
}
