// kubectl resolves file references relative to the kubeconfig file that defined the entry
// (clientcmd.ResolveLocalPaths), never relative to the working directory.
import path from 'node:path';
import type { RawCluster, RawUser } from './raw-config';

function resolveFrom(dir: string, file: string | undefined): string | undefined {
  if (!file) return file;
  return path.isAbsolute(file) ? file : path.join(dir, file);
}

export function resolveClusterPaths(cluster: RawCluster, originFile: string): RawCluster {
  const dir = path.dirname(originFile);
  return {
    ...cluster,
    'certificate-authority': resolveFrom(dir, cluster['certificate-authority']),
  };
}

export function resolveUserPaths(user: RawUser, originFile: string): RawUser {
  const dir = path.dirname(originFile);
  const resolved: RawUser = {
    ...user,
    'client-certificate': resolveFrom(dir, user['client-certificate']),
    'client-key': resolveFrom(dir, user['client-key']),
    tokenFile: resolveFrom(dir, user.tokenFile),
  };
  // A bare command name ("aws") is looked up on PATH; only "./bin/x" or "bin/x" is a file path.
  if (user.exec && user.exec.command.includes(path.sep)) {
    resolved.exec = { ...user.exec, command: resolveFrom(dir, user.exec.command) ?? '' };
  }
  return resolved;
}
