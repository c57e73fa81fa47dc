// Pod Security admission (the built-in "PodSecurity" plugin): the namespace's
// pod-security.kubernetes.io/enforce label picks a level; a pod breaking any check of that level is
// refused with the real plugin's wording, checks in the plugin's order.
import type { Container, Pod } from '../../contracts';

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

interface Check {
  id: string;
  level: 'baseline' | 'restricted';
  /** A restricted check that replaces a baseline one at the restricted level. */
  overrides?: string;
  run(pod: Pod): { reason: string; detail: string } | undefined;
}

export function levelOf(
  labels: Record<string, string> | undefined,
  mode: 'enforce' | 'warn' | 'audit' = 'enforce',
): PodSecurityLevel {
  const value = labels?.[`pod-security.kubernetes.io/${mode}`];
  return value === 'baseline' || value === 'restricted' ? value : 'privileged';
}

/** The failed checks as "reason (detail)" strings, empty when the pod is allowed. */
export function podSecurityViolations(pod: Pod, level: PodSecurityLevel): string[] {
  if (level === 'privileged') return [];
  const active = checks.filter((c) => c.level === 'baseline' || level === 'restricted');
  const overridden = new Set(active.map((c) => c.overrides).filter((id) => id !== undefined));
  return (
    active
      .filter((c) => !overridden.has(c.id))
      // The plugin's order: baseline checks by ID, then restricted checks by ID.
      .sort((a, b) =>
        a.level !== b.level
          ? a.level === 'baseline'
            ? -1
            : 1
          : a.id < b.id
            ? -1
            : a.id > b.id
              ? 1
              : 0,
      )
      .flatMap((c) => {
        const result = c.run(pod);
        return result ? [`${result.reason} (${result.detail})`] : [];
      })
  );
}

/** `violates PodSecurity "baseline:latest": host namespaces (hostPID=true), ...` */
export function podSecurityMessage(level: PodSecurityLevel, violations: string[]): string {
  return `violates PodSecurity "${level}:latest": ${violations.join(', ')}`;
}

const pluralize = (one: string, many: string, n: number): string => (n === 1 ? one : many);
const joinQuote = (items: string[]): string => items.map((i) => `"${i}"`).join(', ');

function allContainers(pod: Pod): Container[] {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
}

const baselineCapabilities = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
const restrictedVolumeTypes = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
const validSeccomp = (type: string | undefined): boolean =>
  type === 'RuntimeDefault' || type === 'Localhost';

const checks: Check[] = [
  {
    id: 'hostNamespaces',
    level: 'baseline',
    run(pod) {
      const set = [
        pod.spec.hostNetwork && 'hostNetwork=true',
        pod.spec.hostPID && 'hostPID=true',
        pod.spec.hostIPC && 'hostIPC=true',
      ].filter((s): s is string => typeof s === 'string');
      return set.length ? { reason: 'host namespaces', detail: set.join(', ') } : undefined;
    },
  },
  {
    id: 'privileged',
    level: 'baseline',
    run(pod) {
      const bad = allContainers(pod)
        .filter((c) => c.securityContext?.privileged)
        .map((c) => c.name);
      if (!bad.length) return undefined;
      return {
        reason: 'privileged',
        detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must not set securityContext.privileged=true`,
      };
    },
  },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    run(pod) {
      const bad: string[] = [];
      const caps = new Set<string>();
      for (const c of allContainers(pod)) {
        const extra = (c.securityContext?.capabilities?.add ?? []).filter(
          (cap) => !baselineCapabilities.has(cap),
        );
        if (extra.length) {
          bad.push(c.name);
          extra.forEach((cap) => caps.add(cap));
        }
      }
      if (!bad.length) return undefined;
      return {
        reason: 'non-default capabilities',
        detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must not include ${joinQuote([...caps].sort())} in securityContext.capabilities.add`,
      };
    },
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    run(pod) {
      const bad = (pod.spec.volumes ?? []).filter((v) => v.hostPath).map((v) => v.name);
      return bad.length
        ? {
            reason: 'hostPath volumes',
            detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`,
          }
        : undefined;
    },
  },
  {
    id: 'hostPorts',
    level: 'baseline',
    run(pod) {
      const bad: string[] = [];
      const ports: string[] = [];
      for (const c of allContainers(pod)) {
        const host = (c.ports ?? [])
          .map((p) => (p as { hostPort?: number }).hostPort ?? 0)
          .filter((p) => p !== 0);
        if (host.length) {
          bad.push(c.name);
          ports.push(...host.map(String));
        }
      }
      if (!bad.length) return undefined;
      return {
        reason: 'hostPort',
        detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} ${pluralize('uses hostPort', 'use hostPorts', ports.length)} ${ports.join(', ')}`,
      };
    },
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    run(pod) {
      const setters: string[] = [];
      if (pod.spec.securityContext?.seccompProfile?.type === 'Unconfined') setters.push('pod');
      const bad = allContainers(pod)
        .filter((c) => c.securityContext?.seccompProfile?.type === 'Unconfined')
        .map((c) => c.name);
      if (bad.length)
        setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);
      if (!setters.length) return undefined;
      return {
        reason: 'seccompProfile',
        detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to "Unconfined"`,
      };
    },
  },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    run(pod) {
      const bad = allContainers(pod)
        .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false)
        .map((c) => c.name);
      if (!bad.length) return undefined;
      return {
        reason: 'allowPrivilegeEscalation != false',
        detail: `${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)} must set securityContext.allowPrivilegeEscalation=false`,
      };
    },
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    overrides: 'capabilities_baseline',
    run(pod) {
      const missingDrop: string[] = [];
      const adding: string[] = [];
      const caps = new Set<string>();
      for (const c of allContainers(pod)) {
        const capabilities = c.securityContext?.capabilities;
        if (!(capabilities?.drop ?? []).includes('ALL')) missingDrop.push(c.name);
        const extra = (capabilities?.add ?? []).filter((cap) => cap !== 'NET_BIND_SERVICE');
        if (extra.length) {
          adding.push(c.name);
          extra.forEach((cap) => caps.add(cap));
        }
      }
      const details: string[] = [];
      if (missingDrop.length) {
        details.push(
          `${pluralize('container', 'containers', missingDrop.length)} ${joinQuote(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`,
        );
      }
      if (adding.length) {
        details.push(
          `${pluralize('container', 'containers', adding.length)} ${joinQuote(adding)} must not include ${joinQuote([...caps].sort())} in securityContext.capabilities.add`,
        );
      }
      return details.length
        ? { reason: 'unrestricted capabilities', detail: details.join('; ') }
        : undefined;
    },
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    overrides: 'hostPathVolumes',
    run(pod) {
      const bad: string[] = [];
      const types = new Set<string>();
      for (const v of pod.spec.volumes ?? []) {
        const type = Object.keys(v).find((k) => k !== 'name');
        if (type && !restrictedVolumeTypes.has(type)) {
          bad.push(v.name);
          types.add(type);
        }
      }
      if (!bad.length) return undefined;
      return {
        reason: 'restricted volume types',
        detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', types.size)} ${joinQuote([...types].sort())}`,
      };
    },
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    run(pod) {
      const podValue = pod.spec.securityContext?.runAsNonRoot;
      const setters: string[] = [];
      if (podValue === false) setters.push('pod');
      const explicit = allContainers(pod)
        .filter((c) => c.securityContext?.runAsNonRoot === false)
        .map((c) => c.name);
      if (explicit.length)
        setters.push(
          `${pluralize('container', 'containers', explicit.length)} ${joinQuote(explicit)}`,
        );
      if (setters.length)
        return {
          reason: 'runAsNonRoot != true',
          detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
        };
      if (podValue !== undefined) return undefined;
      const implicit = allContainers(pod)
        .filter((c) => c.securityContext?.runAsNonRoot === undefined)
        .map((c) => c.name);
      if (!implicit.length) return undefined;
      return {
        reason: 'runAsNonRoot != true',
        detail: `pod or ${pluralize('container', 'containers', implicit.length)} ${joinQuote(implicit)} must set securityContext.runAsNonRoot=true`,
      };
    },
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    run(pod) {
      const setters: string[] = [];
      if (pod.spec.securityContext?.runAsUser === 0) setters.push('pod');
      const bad = allContainers(pod)
        .filter((c) => c.securityContext?.runAsUser === 0)
        .map((c) => c.name);
      if (bad.length)
        setters.push(`${pluralize('container', 'containers', bad.length)} ${joinQuote(bad)}`);
      return setters.length
        ? { reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0` }
        : undefined;
    },
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    overrides: 'seccompProfile_baseline',
    run(pod) {
      const details: string[] = [];
      const podType = pod.spec.securityContext?.seccompProfile?.type;
      if (podType !== undefined && !validSeccomp(podType)) {
        details.push(`pod must not set securityContext.seccompProfile.type to "${podType}"`);
      }
      const podSet = validSeccomp(podType);
      const explicit: string[] = [];
      const badValues = new Set<string>();
      const implicit: string[] = [];
      for (const c of allContainers(pod)) {
        const type = c.securityContext?.seccompProfile?.type;
        if (type !== undefined) {
          if (!validSeccomp(type)) {
            explicit.push(c.name);
            badValues.add(type);
          }
        } else if (!podSet) implicit.push(c.name);
      }
      if (explicit.length) {
        details.push(
          `${pluralize('container', 'containers', explicit.length)} ${joinQuote(explicit)} must not set securityContext.seccompProfile.type to ${joinQuote([...badValues].sort())}`,
        );
      }
      if (implicit.length) {
        details.push(
          `pod or ${pluralize('container', 'containers', implicit.length)} ${joinQuote(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
        );
      }
      return details.length ? { reason: 'seccompProfile', detail: details.join('; ') } : undefined;
    },
  },
];
