// The sandbox cluster's API server: the object store (ClusterState, which is the ClusterAdmin the
// composition and the tests use) and the HTTPS server kubectl and client-node talk to.
import type { NetworkPlan } from '../contracts';
import { ClusterState } from './store/cluster-state';

export { ClusterState } from './store/cluster-state';
export { startApiServer, type RunningApiServer, type StartApiServerOptions } from './server';

export function createClusterState(opts: {
  network: NetworkPlan;
  now?: () => Date;
  historyLimit?: number;
}): ClusterState {
  return new ClusterState(opts.network, opts.now, opts.historyLimit);
}
