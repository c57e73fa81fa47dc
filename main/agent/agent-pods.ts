// The agent namespace's pods through the API: create (and dry-run), get, list by label, delete
// and wait until gone. Failures come back as SnoopyErrors with their fix.
import type { SnoopyError } from '../errors';
import type { KubeTarget } from '../kube/errors';
import { agentApiError } from './agent-errors';
import { isHttpStatus, type AgentApi } from './kube/agent-api';
import type { PodLike, PodListLike } from './kube/pod-types';

export interface AgentPods {
  readonly namespace: string;
  create(pod: PodLike, options?: { dryRun?: boolean }): Promise<PodLike>;
  get(name: string): Promise<PodLike | undefined>;
  list(labelSelector: string): Promise<PodLike[]>;
  /** gracePeriodSeconds 0, then waits until the API no longer has it (true if it existed). */
  deleteAndWait(name: string, timeoutMs?: number): Promise<boolean>;
  error(err: unknown): SnoopyError;
}

export function agentPods(api: AgentApi, target: KubeTarget, namespace: string): AgentPods {
  const base = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`;
  const error = (err: unknown): SnoopyError => agentApiError(err, target, namespace);
  const get = async (name: string): Promise<PodLike | undefined> => {
    try {
      return await api.request<PodLike>('GET', `${base}/${encodeURIComponent(name)}`);
    } catch (err) {
      if (isHttpStatus(err, 404)) return undefined;
      throw error(err);
    }
  };
  return {
    namespace,
    error,
    get,
    async create(pod, options = {}) {
      try {
        return await api.request<PodLike>('POST', base, {
          body: pod,
          query: options.dryRun ? { dryRun: 'All' } : {},
        });
      } catch (err) {
        throw error(err);
      }
    },
    async list(labelSelector) {
      try {
        const list = await api.request<PodListLike>('GET', base, { query: { labelSelector } });
        return list.items;
      } catch (err) {
        throw error(err);
      }
    },
    async deleteAndWait(name, timeoutMs = 60_000) {
      try {
        await api.request('DELETE', `${base}/${encodeURIComponent(name)}`, {
          body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 },
          query: { gracePeriodSeconds: 0 },
        });
      } catch (err) {
        if (isHttpStatus(err, 404)) return false;
        throw error(err);
      }
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if ((await get(name)) === undefined) return true;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw error(new Error(`agent pod ${name} still exists ${timeoutMs} ms after its deletion`));
    },
  };
}
