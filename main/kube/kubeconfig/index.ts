// The kubeconfig layer: load exactly as kubectl does, watch for changes, and prepare
// client-node configs (exec plugins with the login-shell PATH, proxies as kubectl decides).
export { buildKubeConfig, type ClientConfigOptions } from './client-config';
export {
  checkExecPlugin,
  execPluginFailed,
  resolveCommand,
  type ExecPluginCheck,
} from './exec-plugin';
export {
  loginShellEnvironment,
  type LoginShellEnvironment,
  type LoginShellOptions,
} from './login-shell-env';
export { mergeKubeconfigs, type MergedKubeconfig, type Origin } from './merge';
export {
  loadKubeconfig,
  type KubeContextInfo,
  type KubeconfigModel,
  type LoadKubeconfigOptions,
} from './model';
export {
  kubeconfigPaths,
  type KubeconfigPathOptions,
  type KubeconfigPaths,
  type KubeconfigSource,
} from './paths';
export { proxyFor } from './proxy';
export type {
  NamedCluster,
  NamedContext,
  NamedUser,
  RawCluster,
  RawConfig,
  RawContext,
  RawExec,
  RawUser,
} from './raw-config';
export { parseKubeconfig, readKubeconfigFile, type KubeconfigFile } from './read-file';
export {
  watchKubeconfig,
  type KubeconfigLoad,
  type KubeconfigWatcher,
  type WatchOptions,
} from './watch';
