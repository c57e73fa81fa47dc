// What every handler gets: the cluster, the node agent, the caller and its parsed request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kubelet } from '../../contracts';
import type { ExecRegistry } from '../exec';
import type { ClusterState } from '../store/cluster-state';
import type { SandboxUser } from './rbac';
import type { RequestInfo } from './request-info';

export interface ServerContext {
  state: ClusterState;
  kubelet: Kubelet;
  execRegistry: ExecRegistry;
  /** How often watches that allow bookmarks get one (the real server: about a minute). */
  bookmarkIntervalMs: number;
}

export interface RequestContext {
  server: ServerContext;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  info: RequestInfo;
  user: SandboxUser;
}
