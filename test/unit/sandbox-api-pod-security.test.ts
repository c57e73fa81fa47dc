import { describe, expect, it } from 'vitest';
import type { Pod } from '../sandbox/contracts';
import { podSecurityMessage, podSecurityViolations } from '../sandbox/api/admission/pod-security';

function pod(spec: Partial<Pod['spec']>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'x',
      uid: 'u',
      resourceVersion: '1',
      creationTimestamp: '2025-01-01T00:00:00Z',
    },
    spec: { containers: [{ name: 'agent', image: 'busybox' }], ...spec },
    status: { phase: 'Pending' },
  };
}

describe('Pod Security admission', () => {
  it('words a baseline rejection like the real plugin', () => {
    const p = pod({
      hostPID: true,
      containers: [{ name: 'agent', image: 'busybox', securityContext: { privileged: true } }],
    });
    expect(podSecurityMessage('baseline', podSecurityViolations(p, 'baseline'))).toBe(
      'violates PodSecurity "baseline:latest": host namespaces (hostPID=true), privileged (container "agent" must not set securityContext.privileged=true)',
    );
  });

  it('lists baseline checks before restricted ones, each group by check ID', () => {
    const p = pod({ hostNetwork: true, volumes: [{ name: 'root', hostPath: { path: '/' } }] });
    expect(podSecurityViolations(p, 'restricted')).toEqual([
      'host namespaces (hostNetwork=true)',
      'allowPrivilegeEscalation != false (container "agent" must set securityContext.allowPrivilegeEscalation=false)',
      'unrestricted capabilities (container "agent" must set securityContext.capabilities.drop=["ALL"])',
      'restricted volume types (volume "root" uses restricted volume type "hostPath")',
      'runAsNonRoot != true (pod or container "agent" must set securityContext.runAsNonRoot=true)',
      'seccompProfile (pod or container "agent" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ]);
  });

  it('flags capabilities beyond the baseline set, sorted', () => {
    const p = pod({
      containers: [
        {
          name: 'agent',
          image: 'b',
          securityContext: { capabilities: { add: ['SYS_ADMIN', 'NET_ADMIN', 'CHOWN'] } },
        },
      ],
    });
    expect(podSecurityViolations(p, 'baseline')).toEqual([
      'non-default capabilities (container "agent" must not include "NET_ADMIN", "SYS_ADMIN" in securityContext.capabilities.add)',
    ]);
  });

  it('admits a fully restricted pod and anything in a privileged namespace', () => {
    const hardened = pod({
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'agent',
          image: 'b',
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
          },
        },
      ],
    });
    expect(podSecurityViolations(hardened, 'restricted')).toEqual([]);
    expect(podSecurityViolations(pod({ hostPID: true }), 'privileged')).toEqual([]);
  });
});
