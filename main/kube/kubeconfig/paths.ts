// Which kubeconfig files to read, in kubectl's order (client-go ClientConfigLoadingRules):
// an explicit --kubeconfig path alone; else every entry of KUBECONFIG; else ~/.kube/config.
import { homedir } from 'node:os';
import path from 'node:path';

export type KubeconfigSource = 'explicit' | 'KUBECONFIG' | 'default';

export interface KubeconfigPathOptions {
  /** `--kubeconfig`: overrides KUBECONFIG and must exist. */
  explicitPath?: string;
  /** Defaults to process.env; only KUBECONFIG is read from it. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to os.homedir(). */
  homeDir?: string;
  /** Defaults to process.platform: ';' separates KUBECONFIG on Windows, ':' elsewhere. */
  platform?: NodeJS.Platform;
}

export interface KubeconfigPaths {
  source: KubeconfigSource;
  /** Absolute, deduplicated, in priority order (the first file wins conflicts). */
  paths: string[];
}

export function kubeconfigPaths(options: KubeconfigPathOptions = {}): KubeconfigPaths {
  const platform = options.platform ?? process.platform;
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  if (options.explicitPath) {
    return { source: 'explicit', paths: [pathApi.resolve(options.explicitPath)] };
  }
  const list = (options.env ?? process.env).KUBECONFIG;
  // kubectl treats an empty KUBECONFIG as unset, but a list of only separators as "no files".
  if (list !== undefined && list.length > 0) {
    const separator = platform === 'win32' ? ';' : ':';
    const entries = list
      .split(separator)
      .filter((p) => p.length > 0)
      .map((p) => pathApi.resolve(p));
    return { source: 'KUBECONFIG', paths: [...new Set(entries)] };
  }
  const home = options.homeDir ?? homedir();
  return { source: 'default', paths: [pathApi.join(home, '.kube', 'config')] };
}
