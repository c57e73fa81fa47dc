// The agent manifests are the source the app uses: the pod template carries agent.sh verbatim,
// and the pod Snoopy builds from it has every property DESIGN.md promises.
import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildAgentPod } from '../../main/agent/agent-pod';
import { agentPodName, labelSafe } from '../../main/agent/labels';
import { agentSettings } from '../../main/agent/settings';
import type { PodLike } from '../../main/agent/kube/pod-types';

const file = (name: string): string =>
  readFileSync(new URL(`../../agent-manifests/${name}`, import.meta.url), 'utf8');
const who = { context: 'arn:aws:eks:eu-west-1:1234:cluster/prod', owner: 'app-1', session: 's1' };

describe('agent manifests', () => {
  it('agent-pod.yaml carries agent.sh inline, unchanged (run sync-agent-script.ts after editing it)', () => {
    const pod = parse(file('agent-pod.yaml')) as PodLike;
    expect(pod.spec.containers[0]?.command?.slice(0, 2)).toEqual(['sh', '-c']);
    expect(pod.spec.containers[0]?.command?.[2]).toBe(file('agent.sh'));
    expect(pod.spec.containers[0]?.command?.slice(3)).toEqual(['agent', 'run']);
  });

  it('builds a pinned, privileged, node-local pod that tolerates every taint and mounts no token', () => {
    const pod = buildAgentPod('sbx-node-c', who, agentSettings());
    expect(pod.metadata.name).toBe(agentPodName('sbx-node-c', 'app-1', 's1'));
    expect(pod.metadata.namespace).toBe('snoopy-system');
    expect(pod.spec).toMatchObject({
      nodeName: 'sbx-node-c',
      hostPID: true,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      restartPolicy: 'Never',
      activeDeadlineSeconds: 4 * 3600,
      tolerations: [{ operator: 'Exists' }],
      volumes: [{ name: 'spool', emptyDir: { sizeLimit: '1Gi' } }],
    });
    const c = pod.spec.containers[0];
    expect(c).toMatchObject({
      image: 'nicolaka/netshoot:v0.13',
      imagePullPolicy: 'IfNotPresent',
      securityContext: { privileged: true },
    });
    expect(c?.resources?.requests).toBeDefined();
    expect(c?.resources?.limits).toBeDefined();
    expect(pod.metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'podtracer',
      'app.kubernetes.io/component': 'agent',
      'app.kubernetes.io/managed-by': 'snoopy',
      'app.kubernetes.io/part-of': 'snoopy',
      'snoopy.dev/owner': 'app-1',
      'snoopy.dev/session': 's1',
      'snoopy.dev/context': labelSafe(who.context),
    });
    expect(pod.metadata.annotations?.['snoopy.dev/context']).toBe(who.context);
    for (const value of Object.values(pod.metadata.labels ?? {})) {
      expect(value).toMatch(/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/);
    }
  });

  it('applies the settings: capabilities instead of privileged, image, deadline, spool, priority', () => {
    const pod = buildAgentPod(
      'n1',
      who,
      agentSettings({
        privileges: 'capabilities',
        image: 'registry.example/mirror/netshoot:v0.13',
        deadlineSeconds: 600,
        spoolSize: '200Mi',
        heartbeatTimeoutSeconds: 12,
        priorityClassName: 'system-node-critical',
      }),
    );
    const c = pod.spec.containers[0];
    expect(c?.securityContext).toEqual({
      privileged: false,
      capabilities: { add: ['NET_ADMIN', 'NET_RAW', 'SYS_ADMIN', 'SYS_PTRACE', 'DAC_READ_SEARCH'] },
    });
    expect(c?.image).toBe('registry.example/mirror/netshoot:v0.13');
    expect(c?.env).toContainEqual({ name: 'SNOOPY_HEARTBEAT_TIMEOUT', value: '12' });
    expect(pod.spec.activeDeadlineSeconds).toBe(600);
    expect(pod.spec.priorityClassName).toBe('system-node-critical');
    expect(pod.spec.volumes?.[0]?.emptyDir?.sizeLimit).toBe('200Mi');
  });

  it('rejects settings that would fail later', () => {
    expect(() => agentSettings({ spoolSize: 'lots' })).toThrow();
    expect(() => agentSettings({ namespace: 'Snoopy System' })).toThrow();
  });

  it('names agent pods as valid DNS names, unique per node and run', () => {
    const name = agentPodName('ip-10-0-1-23.eu-west-1.compute.internal', 'o', 's');
    expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(agentPodName('a', 'o', 's')).not.toBe(agentPodName('a', 'o', 's2'));
  });

  it('the namespace is Pod Security privileged; the roles grant exactly what Snoopy uses', () => {
    const ns = parse(file('namespace.yaml')) as { metadata: { labels: Record<string, string> } };
    for (const mode of ['enforce', 'audit', 'warn']) {
      expect(ns.metadata.labels[`pod-security.kubernetes.io/${mode}`]).toBe('privileged');
    }
    const docs = parseAllDocuments(file('rbac.yaml')).map(
      (d) =>
        d.toJS() as {
          kind: string;
          metadata: { name: string; namespace?: string };
          rules: Array<{ resources: string[]; verbs: string[] }>;
        },
    );
    const rules = (kind: string) =>
      Object.fromEntries(
        (docs.find((d) => d.kind === kind)?.rules ?? []).map((r) => [r.resources.join(), r.verbs]),
      );
    expect(rules('ClusterRole')).toEqual({
      pods: ['get', 'list', 'watch'],
      'pods/log': ['get'],
      events: ['list'],
      namespaces: ['list'],
    });
    expect(rules('Role')).toEqual({
      pods: ['create', 'delete', 'get', 'list', 'watch'],
      'pods/exec': ['create'],
    });
    const scc = parseAllDocuments(file('openshift-scc.yaml')).map(
      (d) =>
        d.toJS() as {
          kind: string;
          rules?: Array<{ resourceNames: string[]; verbs: string[] }>;
        },
    );
    expect(scc.find((d) => d.kind === 'Role')?.rules?.[0]).toMatchObject({
      resourceNames: ['privileged'],
      verbs: ['use'],
    });
  });
});
