// BPF filters are checked before a capture starts: `tcpdump -d` compiles the filter inside the
// agent (the same tcpdump/libpcap that will capture), and its complaint is shown as is. The
// filter is ONE argv element after `--`: no shell ever sees it, and it cannot pose as an option.
import type { AgentManager } from '../agent/agent-manager';
import { SnoopyError } from '../errors';

/** Compiled for `-i any` (the capture's default interface); -d prints the program, captures nothing. */
export function bpfCheckArgv(filter: string): string[] {
  return ['tcpdump', '-d', '-i', 'any', '--', filter];
}

export async function checkBpfFilter(
  agents: AgentManager,
  node: string,
  filter: string,
): Promise<void> {
  if (filter.trim() === '') return;
  const result = await agents.run(node, bpfCheckArgv(filter));
  if (result.exitCode === 0) return;
  const says = result.stderr.trim() || `tcpdump exited with ${String(result.exitCode)}`;
  throw new SnoopyError(
    'INVALID_BPF_FILTER',
    `invalid capture filter ${JSON.stringify(filter)}: ${says}`,
    'Correct the filter (pcap-filter syntax, e.g. `tcp port 80 and host 10.0.0.5`); Wireshark display filters such as `tcp.port == 80` are not capture filters.',
    { details: { filter, tcpdump: says } },
  );
}
