import { describe, expect, it } from 'vitest';
import { loadScenario } from '../sandbox/scenario';

describe('sandbox scenario', () => {
  it('loads the default scenario with both cgroup drivers and a privileged agent namespace', async () => {
    const scenario = await loadScenario();
    const drivers = new Set(scenario.nodes.map((n) => n.cgroupDriver));
    expect(drivers).toEqual(new Set(['systemd', 'cgroupfs']));
    const agentNs = scenario.namespaces.find((n) => n.name === 'snoopy-system');
    expect(agentNs?.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    for (const pod of scenario.pods) {
      expect(scenario.nodes.map((n) => n.name)).toContain(pod.node);
    }
  });
});
