// A chunked list (limit + continue), as kubectl does: the first rows arrive after one page
// instead of after the whole cluster, and no response holds 50k pods at once. A 410 on a
// continue token (the list took longer than the server keeps its snapshot) is thrown to the
// caller, which restarts the list.
import type { KubeSession } from '../client/kube-client';
import type { RawList, RawPod } from './raw-pod';

export interface ListPodsOptions {
  labelSelector: string | undefined;
  pageSize: number;
  signal: AbortSignal;
  /** Each page as it arrives; `loaded` counts the pods of every page so far. */
  onPage(pods: RawPod[], loaded: number): void;
}

/** Lists every page; resolves with the list's resourceVersion, to watch from. */
export async function listPodsInPages(
  session: KubeSession,
  path: string,
  options: ListPodsOptions,
): Promise<string> {
  let token: string | undefined;
  let loaded = 0;
  for (;;) {
    const page = await session.getJson<RawList<RawPod>>(
      path,
      { limit: options.pageSize, continue: token, labelSelector: options.labelSelector },
      options.signal,
    );
    const items = page.items ?? [];
    loaded += items.length;
    options.onPage(items, loaded);
    token = page.metadata?.continue || undefined;
    // Every page of one list shares the snapshot's resourceVersion; the last one is as good.
    if (token === undefined) return page.metadata?.resourceVersion ?? '';
  }
}
