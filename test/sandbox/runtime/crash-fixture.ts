// Test fixture: starts a runtime with a running pod, prints "ready", and waits to be killed
// (SIGKILL, like a crash) so a test can check that sweepStaleSlot removes what it left.
import { startTestCluster } from './test-cluster';

const slot = Number(process.argv[2] ?? 9);
const cluster = await startTestCluster(slot);
const plain = await cluster.runPod('orphan', {
  containers: [
    { name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1000 & exec sleep 1000'] },
  ],
});
const hostPid = await cluster.runPod('orphan-host-pid', {
  nodeName: 'node-b',
  hostPID: true,
  containers: [
    { name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 1000 & exec sleep 1000'] },
  ],
});
process.stdout.write(`ready ${plain.metadata.uid} ${hostPid.metadata.uid}\n`);
setInterval(() => undefined, 1 << 30);
