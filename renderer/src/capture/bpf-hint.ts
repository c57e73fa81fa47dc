// An as-you-type hint for BPF filters. Only tcpdump knows the real grammar (the core checks
// with `tcpdump -d` and its error is shown verbatim); this catches the slips a user makes
// while typing, cheaply and without a round trip, and never blocks a filter tcpdump would take.
export interface BpfHint {
  tone: 'ok' | 'warn';
  text: string;
}

const OPERATORS = new Set(['and', 'or', 'not', '&&', '||', '!']);

export function bpfHint(filter: string): BpfHint {
  const f = filter.trim();
  if (!f)
    return { tone: 'ok', text: 'Empty: every packet. e.g. tcp port 443, host 10.0.0.7, not arp' };
  let depth = 0;
  for (const ch of f) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0)
      return { tone: 'warn', text: 'A ")" closes nothing before it.' };
  }
  if (depth > 0) return { tone: 'warn', text: `${depth} "(" not closed yet.` };
  const words = f.split(/\s+/);
  const last = words[words.length - 1]?.toLowerCase() ?? '';
  if (OPERATORS.has(last)) return { tone: 'warn', text: `"${last}" needs something after it.` };
  const first = words[0]?.toLowerCase() ?? '';
  if (first === 'and' || first === 'or' || first === '&&' || first === '||')
    return { tone: 'warn', text: `"${first}" needs something before it.` };
  // `&` and `|` are BPF's own bitwise operators (tcp[13] & 2 != 0); these three never are.
  if (/[;`$]/.test(f))
    return {
      tone: 'warn',
      text: 'Shell characters are not BPF; they are passed to tcpdump as they are, never to a shell.',
    };
  if (/\bport\s*$/i.test(f) || /\bhost\s*$/i.test(f))
    return { tone: 'warn', text: 'Needs a value after it.' };
  return { tone: 'ok', text: 'Checked by tcpdump on the node before the capture starts.' };
}
