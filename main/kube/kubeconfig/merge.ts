// Merges kubeconfig files in priority order exactly as kubectl does: the first file to set
// current-context wins, and for a name defined in several files the first definition wins
// whole (fields are not mixed across files). client-node's mergeConfig throws on duplicates
// and lets the last current-context win, hence this.
import type { KubeconfigFile } from './read-file';
import type { RawCluster, RawContext, RawUser } from './raw-config';

/** An entry and the file that defined it (relative paths resolve against that file). */
export interface Origin<T> {
  name: string;
  value: T;
  origin: string;
}

export interface MergedKubeconfig {
  /** Files that exist and were read, in priority order. */
  loadedFiles: string[];
  /** Files in the list that do not exist (skipped, as kubectl does). */
  missingFiles: string[];
  currentContext: string | undefined;
  currentContextOrigin: string | undefined;
  clusters: Map<string, Origin<RawCluster>>;
  users: Map<string, Origin<RawUser>>;
  contexts: Map<string, Origin<RawContext>>;
}

export function mergeKubeconfigs(files: readonly KubeconfigFile[]): MergedKubeconfig {
  const merged: MergedKubeconfig = {
    loadedFiles: [],
    missingFiles: [],
    currentContext: undefined,
    currentContextOrigin: undefined,
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
  };
  for (const file of files) {
    if (file.status === 'missing') {
      merged.missingFiles.push(file.path);
      continue;
    }
    merged.loadedFiles.push(file.path);
    const { config } = file;
    const current = config['current-context'];
    if (merged.currentContext === undefined && current) {
      merged.currentContext = current;
      merged.currentContextOrigin = file.path;
    }
    for (const c of config.clusters) addFirst(merged.clusters, c.name, c.cluster, file.path);
    for (const u of config.users) addFirst(merged.users, u.name, u.user, file.path);
    for (const c of config.contexts) addFirst(merged.contexts, c.name, c.context, file.path);
  }
  return merged;
}

function addFirst<T>(map: Map<string, Origin<T>>, name: string, value: T, origin: string): void {
  if (!map.has(name)) map.set(name, { name, value, origin });
}
