// The built-in dissectors. Adding a protocol: one new file, one line here.
import { DissectorRegistry } from './registry';
import type { Dissector } from './registry';
import { ethernet } from './ethernet';
import { vlan } from './vlan';
import { sll } from './sll';
import { sll2 } from './sll2';
import { rawIp } from './raw-ip';
import { nullLoopback } from './null-loopback';
import { arp } from './arp';
import { ipv4 } from './ipv4';
import { ipv6 } from './ipv6';
import { icmp } from './icmp';
import { icmpv6 } from './icmpv6';
import { tcp } from './tcp';
import { udp } from './udp';
import { dns } from './dns';
import { http } from './http';
import { tls } from './tls';
import { vxlan } from './vxlan';
import { geneve } from './geneve';

export const builtinDissectors: readonly Dissector[] = [
  ethernet,
  vlan,
  sll,
  sll2,
  rawIp,
  nullLoopback,
  arp,
  ipv4,
  ipv6,
  icmp,
  icmpv6,
  tcp,
  udp,
  dns,
  http,
  tls,
  vxlan,
  geneve,
];

export function createBuiltinRegistry(): DissectorRegistry {
  const registry = new DissectorRegistry();
  for (const d of builtinDissectors) registry.register(d);
  return registry;
}
