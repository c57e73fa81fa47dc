// The namespace names of a context. Many users may not list namespaces (a developer with a
// Role in one namespace): then the context's own namespace is the honest answer, and the
// denial travels alongside as a warning instead of failing the picker.
import type { SnoopyError } from '../errors';
import type { KubeClient } from './client/kube-client';
import { kubeError, type KubeTarget } from './errors';
import type { RawList, RawObjectMeta } from './pods/raw-pod';

export interface NamespaceListing {
  namespaces: string[];
  /** Set when the list was forbidden and `namespaces` is only the context's default one. */
  warning?: SnoopyError;
}

export async function listNamespaces(
  client: KubeClient,
  target: KubeTarget,
  contextNamespace: string,
): Promise<NamespaceListing> {
  try {
    const session = await client.session();
    const list = await session.getJson<RawList<{ metadata?: RawObjectMeta }>>('/api/v1/namespaces');
    const names = (list.items ?? []).flatMap((ns) => (ns.metadata?.name ? [ns.metadata.name] : []));
    return { namespaces: names.sort() };
  } catch (err) {
    const error = kubeError(err, target);
    if (error.code !== 'RBAC_DENIED') throw error;
    return { namespaces: [contextNamespace], warning: error };
  }
}
