// The CLI's kubectl-like output and flags.
import { describe, expect, it } from 'vitest';
import type { PodSummary } from '../../main/api/contract/index';
import { UsageError, flagBoolean, flagStrings, parseFlags } from '../../main/cli/args';
import { humanDuration } from '../../main/cli/human-duration';
import { podTable } from '../../main/cli/pod-table';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('human durations as kubectl prints them', () => {
  it.each([
    [-3 * s, '<invalid>'],
    [-1 * s, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [5 * m + 30 * s, '5m30s'],
    [45 * m, '45m'],
    [3 * h + 20 * m, '3h20m'],
    [10 * h, '10h'],
    [3 * d + 4 * h, '3d4h'],
    [30 * d, '30d'],
    [(365 * 3 + 5) * d, '3y5d'],
    [365 * 9 * d, '9y'],
  ])('%d ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('pod table', () => {
  it('aligns columns like kubectl and shows restarts with their age', () => {
    const now = Date.parse('2024-05-01T12:00:00Z');
    const pod: PodSummary = {
      uid: 'u',
      namespace: 'shop',
      name: 'crashy',
      status: 'CrashLoopBackOff',
      phase: 'Running',
      readyContainers: 0,
      totalContainers: 1,
      restarts: 4,
      lastRestartAt: '2024-05-01T11:59:30Z',
      createdAt: '2024-05-01T11:00:00Z',
      hostNetwork: false,
      labels: {},
      deleting: false,
      podIP: '10.0.0.5',
      node: 'node-a',
    };
    expect(podTable([pod], { allNamespaces: true, wide: true, now })).toBe(
      'NAMESPACE   NAME     READY   STATUS             RESTARTS      AGE   IP         NODE\n' +
        'shop        crashy   0/1     CrashLoopBackOff   4 (30s ago)   60m   10.0.0.5   node-a\n',
    );
  });
});

describe('flags', () => {
  it('reads kubectl-style flags, repeated namespaces and = forms', () => {
    const flags = parseFlags(
      ['-n', 'a', '--namespace=b', '-A'],
      [
        { name: 'namespace', short: 'n', kind: 'strings' },
        { name: 'all-namespaces', short: 'A', kind: 'boolean' },
      ],
    );
    expect(flagStrings(flags, 'namespace')).toEqual(['a', 'b']);
    expect(flagBoolean(flags, 'all-namespaces')).toBe(true);
  });

  it('rejects unknown flags and missing values', () => {
    expect(() => parseFlags(['--nope'], [])).toThrow(UsageError);
    expect(() => parseFlags(['-n'], [{ name: 'namespace', short: 'n', kind: 'strings' }])).toThrow(
      'needs a value',
    );
  });
});
