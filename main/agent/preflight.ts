// Preflight: before anything is created, what will be created and whether the user may.
// SelfSubjectAccessReviews for every verb the agents need, the agent namespace and its Pod
// Security level, and a server-side dry-run of the very pod Snoopy would create (which also
// meets OpenShift's SCC admission). Each failed check carries its fix.
import { SnoopyError, toSnoopyError, type SnoopyErrorJSON } from '../errors';
import type { AgentManager } from './agent-manager';
import { namespaceMissing } from './agent-errors';
import { isHttpStatus, type AgentApi } from './kube/agent-api';
import type { AgentSettings } from './settings';

export interface PreflightCheck {
  name: string;
  ok: boolean;
  error?: SnoopyErrorJSON;
}

export interface PreflightReport {
  ok: boolean;
  willCreate: {
    namespace: string;
    nodes: string[];
    image: string;
    privileges: string;
  };
  checks: PreflightCheck[];
}

interface AccessReview {
  status?: { allowed?: boolean; reason?: string };
}

const RBAC_FILE = 'agent-manifests/rbac.yaml';

export async function preflight(
  manager: AgentManager,
  api: AgentApi,
  input: { nodes: string[]; targetNamespaces: string[] },
): Promise<PreflightReport> {
  const s = manager.settings;
  const checks: PreflightCheck[] = [];
  const check = async (name: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
      checks.push({ name, ok: true });
    } catch (err) {
      checks.push({ name, ok: false, error: toSnoopyError(err).toJSON() });
    }
  };

  const may = (verb: string, resource: string, namespace: string, subresource?: string) =>
    check(
      `may ${verb} ${resource}${subresource ? `/${subresource}` : ''} in ${namespace}`,
      async () => {
        const review = await api.request<AccessReview>(
          'POST',
          '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
          {
            body: {
              apiVersion: 'authorization.k8s.io/v1',
              kind: 'SelfSubjectAccessReview',
              spec: {
                resourceAttributes: {
                  namespace,
                  verb,
                  resource,
                  ...(subresource ? { subresource } : {}),
                },
              },
            },
          },
        );
        if (review.status?.allowed) return;
        const what = `${verb} ${resource}${subresource ? `/${subresource}` : ''}`;
        const agentNs = namespace === s.namespace;
        throw new SnoopyError(
          'RBAC_DENIED',
          `you may not ${what} in namespace ${namespace} (context "${manager.identity.context}")`,
          agentNs
            ? `Ask a cluster admin for a RoleBinding to Role snoopy-agent in ${namespace} (${RBAC_FILE}).`
            : `Ask a cluster admin for a binding to ClusterRole snoopy-user (${RBAC_FILE}), cluster-wide or in ${namespace}.`,
          { details: { verb, resource, namespace } },
        );
      },
    );

  await may('create', 'pods', s.namespace);
  await may('create', 'pods', s.namespace, 'exec');
  await may('delete', 'pods', s.namespace);
  for (const ns of input.targetNamespaces) await may('get', 'pods', ns);

  await check(`agent namespace ${s.namespace} admits privileged pods`, async () => {
    interface Ns {
      metadata?: { labels?: Record<string, string> };
    }
    let ns: Ns;
    try {
      ns = await api.request<Ns>('GET', `/api/v1/namespaces/${encodeURIComponent(s.namespace)}`);
    } catch (err) {
      if (isHttpStatus(err, 404)) throw namespaceMissing(s.namespace);
      // May not read namespaces: the dry-run below still tells whether the pod is admitted.
      if (isHttpStatus(err, 403)) return;
      throw manager.error(err);
    }
    const level = ns.metadata?.labels?.['pod-security.kubernetes.io/enforce'];
    if (level === undefined || level === 'privileged') return;
    throw new SnoopyError(
      'POD_SECURITY_REJECTED',
      `namespace ${s.namespace} enforces Pod Security "${level}", which rejects the agent (hostPID, privileged)`,
      `Label it privileged: kubectl label --overwrite ns ${s.namespace} pod-security.kubernetes.io/enforce=privileged (agent-manifests/namespace.yaml has all the labels), or set the agent namespace setting to one that is.`,
      { details: { namespace: s.namespace, level } },
    );
  });

  for (const node of input.nodes) {
    await check(`server-side dry-run of the agent pod on ${node}`, async () => {
      await manager.dryRunAgent(node);
    });
  }

  return {
    ok: checks.every((c) => c.ok),
    willCreate: {
      namespace: s.namespace,
      nodes: input.nodes,
      image: s.image,
      privileges: describePrivileges(s),
    },
    checks,
  };
}

function describePrivileges(s: AgentSettings): string {
  return s.privileges === 'privileged'
    ? 'privileged, hostPID, hostNetwork'
    : 'capabilities NET_ADMIN NET_RAW SYS_ADMIN SYS_PTRACE DAC_READ_SEARCH, hostPID, hostNetwork';
}
