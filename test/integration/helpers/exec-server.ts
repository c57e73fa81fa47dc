// The exec tests' shared fixture: one exec test server per file, over a fake kubelet with a
// running pod `p` and a pod `crashing` whose container is not running.
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Pod } from '../../sandbox/contracts';
import { FakeKubelet } from '../../sandbox/api/exec/testing/fake-kubelet';
import {
  startExecTestServer,
  type ExecTestServer,
} from '../../sandbox/api/exec/testing/mini-server';
import { testPod } from '../../sandbox/api/exec/testing/pods';

export function useExecTestServer(
  pods: () => Pod[] = () => [
    testPod('p', [{ name: 'main' }]),
    testPod('crashing', [{ name: 'main', running: false }]),
  ],
): { kubelet: FakeKubelet; server: ExecTestServer } {
  const kubelet = new FakeKubelet();
  // Filled in by beforeAll; the tests only touch it from their own bodies, which run later.
  const server = {} as ExecTestServer;
  beforeAll(async () => {
    Object.assign(server, await startExecTestServer({ kubelet, pods: pods() }));
  });
  afterEach(() => kubelet.killAll());
  afterAll(async () => {
    await server.close?.();
  });
  return { kubelet, server };
}
