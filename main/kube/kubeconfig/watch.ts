// Reloads the kubeconfig when any file of the list changes, appears or disappears. Watches
// directories, not files: editors and `kubectl config` replace the file by a rename, which a
// file watch loses, and a file that does not exist yet cannot be watched at all. When even
// the directory is missing (no ~/.kube yet), the nearest existing ancestor is watched.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { toSnoopyError, type SnoopyError } from '../../errors';
import { loadKubeconfig, type KubeconfigModel, type LoadKubeconfigOptions } from './model';
import { kubeconfigPaths } from './paths';

export type KubeconfigLoad =
  { ok: true; model: KubeconfigModel } | { ok: false; error: SnoopyError };

export interface KubeconfigWatcher {
  close(): void;
}

export interface WatchOptions extends LoadKubeconfigOptions {
  /** Quiet time before reloading: an editor's save is several events. Default 150 ms. */
  debounceMs?: number;
}

/**
 * Calls `onLoad` with the current kubeconfig at once, then after every change that alters
 * the result (a load error, e.g. a half-written file, is reported too; the next good save
 * recovers). KUBECONFIG itself is read once: a running process cannot see it change.
 */
export function watchKubeconfig(
  options: WatchOptions,
  onLoad: (load: KubeconfigLoad) => void,
): KubeconfigWatcher {
  const { paths } = kubeconfigPaths(options);
  const debounceMs = options.debounceMs ?? 150;
  const watchers = new Map<string, FSWatcher>();
  const watched = new Map<string, Set<string>>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let loading = false;
  let again = false;
  let lastSignature: unknown;

  const reload = async (): Promise<void> => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      do {
        again = false;
        const load = await loadOnce(options);
        rearm();
        if (closed) return;
        const signature = signatureOf(load);
        if (lastSignature === undefined || !isDeepStrictEqual(signature, lastSignature)) {
          lastSignature = signature;
          onLoad(load);
        }
      } while (again && !closed);
    } finally {
      loading = false;
    }
  };

  const schedule = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), debounceMs);
  };

  // One watcher per directory; each reacts to the names of our files in it (or to the next
  // path component towards a file whose directory does not exist yet).
  const rearm = (): void => {
    if (closed) return;
    const wanted = new Map<string, Set<string>>();
    for (const file of paths) {
      const { dir, name } = nearestExisting(file);
      const names = wanted.get(dir) ?? new Set<string>();
      names.add(name);
      wanted.set(dir, names);
    }
    for (const [dir, watcher] of watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const [dir, names] of wanted) {
      if (watchers.has(dir)) {
        watched.set(dir, names);
        continue;
      }
      try {
        const watcher = watch(dir, { persistent: false }, (_event, filename) => {
          const current = watched.get(dir);
          if (filename === null || current?.has(filename.toString())) schedule();
        });
        // A watched directory that disappears: re-arm on the ancestor at the next reload.
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(dir);
          schedule();
        });
        watchers.set(dir, watcher);
        watched.set(dir, names);
      } catch {
        // Raced with a deletion: the next event or reload re-arms.
      }
    }
  };

  rearm();
  void reload();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

async function loadOnce(options: LoadKubeconfigOptions): Promise<KubeconfigLoad> {
  try {
    return { ok: true, model: await loadKubeconfig(options) };
  } catch (err) {
    return { ok: false, error: toSnoopyError(err) };
  }
}

// What the user could see change: the merged entries, the current context, which files exist.
function signatureOf(load: KubeconfigLoad): unknown {
  if (!load.ok) return load.error.toJSON();
  const { merged } = load.model;
  return {
    loaded: merged.loadedFiles,
    current: merged.currentContext,
    clusters: [...merged.clusters.values()],
    users: [...merged.users.values()],
    contexts: [...merged.contexts.values()],
  };
}

function nearestExisting(file: string): { dir: string; name: string } {
  let dir = path.dirname(file);
  let name = path.basename(file);
  while (!existsSync(dir) && path.dirname(dir) !== dir) {
    name = path.basename(dir);
    dir = path.dirname(dir);
  }
  return { dir, name };
}
