// A stand-in app instance for the sweep tests: starts an agent on a node, says "ready", then
// waits to be SIGKILLed (no shutdown, no cleanup: exactly what a crash leaves behind).
// argv: kubeconfig owner session node heartbeatTimeoutSeconds
import { KubeConfig } from '@kubernetes/client-node';
import { AgentManager } from '../../../main/agent/agent-manager';

const [kubeconfig = '', owner = '', session = '', node = '', timeout = '30'] =
  process.argv.slice(2);
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
kc.setCurrentContext('sandbox');
const manager = new AgentManager({
  kubeConfig: kc,
  target: { context: 'sandbox', server: kc.getCurrentCluster()?.server ?? '', user: undefined },
  identity: { owner, session },
  settings: { heartbeatIntervalSeconds: 1, heartbeatTimeoutSeconds: Number(timeout) },
});
const agent = await manager.ensureAgent(node);
process.stdout.write(`ready ${agent.pod}\n`);
setInterval(() => undefined, 60_000);
