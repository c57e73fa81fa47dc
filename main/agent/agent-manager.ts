// One podtracer agent per node for one (context, app instance): created on demand, reused by
// every tool run on that node, kept alive by a heartbeat while needed, deleted on release,
// shutdown and by the start-up sweep. Everything goes through the exec and pods APIs.
import type { KubeConfig } from '@kubernetes/client-node';
import { SnoopyError, isSnoopyError } from '../errors';
import type { KubeTarget } from '../kube/errors';
import { kubeError } from '../kube/errors';
import { AGENT_CONTAINER, agentScript, buildAgentPod, type AgentIdentity } from './agent-pod';
import { agentPods, type AgentPods } from './agent-pods';
import { waitForAgentRunning, type AgentProgress } from './agent-start';
import { createAgentApi, isHttpStatus, type AgentApi } from './kube/agent-api';
import {
  runExec,
  startExec,
  type ExecHandle,
  type ExecOptions,
  type ExecResult,
} from './kube/agent-exec';
import type { PodLike } from './kube/pod-types';
import { LABEL, ownerSelector, labelSafe } from './labels';
import { agentSettings, type AgentSettings, type AgentSettingsInput } from './settings';
import { sweepAgents, type SweepResult } from './sweep';
import { parseFindOutput, targetNotFound, targetPodOf, type TargetProcess } from './target';

export interface AgentManagerOptions {
  kubeConfig: KubeConfig;
  target: KubeTarget;
  identity: Omit<AgentIdentity, 'context'>;
  settings?: AgentSettingsInput;
  /** Where non-fatal trouble goes (a missed heartbeat); default: nowhere. */
  log?: (line: string) => void;
}

export interface Agent {
  node: string;
  pod: string;
  namespace: string;
}

interface AgentEntry {
  ready: Promise<Agent>;
  heartbeat?: NodeJS.Timeout;
}

export class AgentManager {
  readonly settings: AgentSettings;
  readonly identity: AgentIdentity;
  private readonly api: AgentApi;
  private readonly pods: AgentPods;
  private readonly agents = new Map<string, AgentEntry>();
  private closed = false;

  constructor(private readonly options: AgentManagerOptions) {
    this.settings = agentSettings(options.settings);
    this.identity = { ...options.identity, context: options.target.context };
    this.api = createAgentApi(options.kubeConfig);
    this.pods = agentPods(this.api, options.target, this.settings.namespace);
  }

  /** The agent pod this manager would create on a node (preflight dry-runs exactly this). */
  agentPodFor(node: string): PodLike {
    return buildAgentPod(node, this.identity, this.settings);
  }

  /** Server-side dry-run of the agent for `node`: admission (PSA, SCC, quotas) without creating. */
  async dryRunAgent(node: string): Promise<void> {
    await this.pods.create(this.agentPodFor(node), { dryRun: true });
  }

  /** An API failure mapped with the agent namespace's fixes (RBAC Role, PSA label, SCC). */
  error(err: unknown): SnoopyError {
    return this.pods.error(err);
  }

  /** The API this manager talks to (preflight uses it for access reviews). */
  get agentApi(): AgentApi {
    return this.api;
  }

  /** The running agent on `node`, created and waited for if needed; concurrent calls share it. */
  ensureAgent(
    node: string,
    options: { onProgress?: (p: AgentProgress) => void; signal?: AbortSignal } = {},
  ): Promise<Agent> {
    if (this.closed) return Promise.reject(closedError());
    const known = this.agents.get(node);
    if (known) {
      return known.ready.then((agent) => {
        options.onProgress?.({ step: 'reused', node, pod: agent.pod });
        return agent;
      });
    }
    const entry: AgentEntry = { ready: this.start(node, options) };
    this.agents.set(node, entry);
    entry.ready.then(
      () => this.startHeartbeat(node, entry),
      () => {
        if (this.agents.get(node) === entry) this.agents.delete(node);
      },
    );
    return entry.ready;
  }

  private async start(
    node: string,
    options: { onProgress?: (p: AgentProgress) => void; signal?: AbortSignal },
  ): Promise<Agent> {
    const pod = this.agentPodFor(node);
    const name = pod.metadata.name;
    options.onProgress?.({ step: 'creating', node, pod: name });
    try {
      await this.pods.create(pod);
    } catch (err) {
      // Same run, same node, same name: an agent from an earlier ensure that we lost track of.
      if (!(isSnoopyError(err) && err.details?.['httpStatus'] === 409)) throw err;
    }
    try {
      await waitForAgentRunning({
        node,
        image: this.settings.image,
        deadlineSeconds: this.settings.deadlineSeconds,
        timeoutSeconds: this.settings.startTimeoutSeconds,
        getPod: async () => {
          const current = await this.pods.get(name);
          if (!current)
            throw new SnoopyError(
              'AGENT_EXITED',
              `the agent ${name} was deleted while starting`,
              'Retry: a new agent is created.',
            );
          return current;
        },
        nodeReady: () => this.nodeReady(node),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (err) {
      // A pod that will never run is litter: remove it before reporting why.
      await this.pods.deleteAndWait(name).catch(() => undefined);
      throw err;
    }
    return { node, pod: name, namespace: this.settings.namespace };
  }

  /** undefined when the node cannot be read (RBAC: Snoopy does not need nodes otherwise). */
  private async nodeReady(node: string): Promise<{ ready: boolean; why: string } | undefined> {
    interface NodeLike {
      status?: {
        conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
      };
    }
    try {
      const n = await this.api.request<NodeLike>(
        'GET',
        `/api/v1/nodes/${encodeURIComponent(node)}`,
      );
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready) return undefined;
      return { ready: ready.status === 'True', why: ready.message ?? ready.reason ?? '' };
    } catch {
      return undefined;
    }
  }

  private startHeartbeat(node: string, entry: AgentEntry): void {
    if (this.agents.get(node) !== entry || this.closed) return;
    const beat = async (): Promise<void> => {
      try {
        const result = await this.agentCommand(node, ['heartbeat'], { ensure: false });
        if (result.exitCode !== 0)
          this.options.log?.(`heartbeat on ${node}: ${result.stderr.trim()}`);
      } catch (err) {
        this.options.log?.(`heartbeat on ${node} failed: ${String(err)}`);
      }
    };
    entry.heartbeat = setInterval(() => void beat(), this.settings.heartbeatIntervalSeconds * 1000);
    // The heartbeat alone must never keep a CLI process alive.
    entry.heartbeat.unref();
  }

  /** A command in the agent on `node` (argv only), streaming; the agent is created if needed. */
  async exec(
    node: string,
    argv: readonly string[],
    options: ExecOptions = {},
  ): Promise<ExecHandle> {
    const agent = await this.ensureAgent(node);
    try {
      return await startExec(this.options.kubeConfig, this.execTarget(agent), argv, options);
    } catch (err) {
      throw this.execError(err, agent);
    }
  }

  /** A short command in the agent on `node`, its output collected. */
  async run(node: string, argv: readonly string[], timeoutMs = 30_000): Promise<ExecResult> {
    const agent = await this.ensureAgent(node);
    return this.runIn(agent, argv, timeoutMs);
  }

  private async runIn(
    agent: Agent,
    argv: readonly string[],
    timeoutMs: number,
  ): Promise<ExecResult> {
    try {
      return await runExec(this.options.kubeConfig, this.execTarget(agent), argv, timeoutMs);
    } catch (err) {
      throw this.execError(err, agent);
    }
  }

  /** `sh -c <agent.sh> agent <args…>`: the script travels as one argv element, args as theirs. */
  async agentCommand(
    node: string,
    args: readonly string[],
    options: { ensure?: boolean } = {},
  ): Promise<ExecResult> {
    const argv = ['sh', '-c', agentScript(), 'agent', ...args];
    if (options.ensure === false) {
      const entry = this.agents.get(node);
      if (!entry) throw closedError();
      return this.runIn(await entry.ready, argv, 30_000);
    }
    return this.run(node, argv);
  }

  /** The process to nsenter for a pod: its container's, else its sandbox's (crash loops). */
  async findTarget(namespace: string, name: string): Promise<TargetProcess> {
    let pod: PodLike;
    try {
      pod = await this.api.request<PodLike>(
        'GET',
        `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`,
      );
    } catch (err) {
      throw kubeError(err, this.options.target);
    }
    const target = targetPodOf(pod);
    const agent = await this.ensureAgent(target.node);
    const result = await this.runIn(
      agent,
      ['sh', '-c', agentScript(), 'agent', 'find', target.uid, ...target.containerIds],
      30_000,
    );
    if (result.exitCode === 3) throw targetNotFound(target, result.stderr);
    if (result.exitCode !== 0) {
      throw new SnoopyError(
        'AGENT_EXEC_FAILED',
        `the agent on ${target.node} could not look for ${namespace}/${name}: ${result.stderr.trim() || `exit ${String(result.exitCode)}`}`,
        'Check the agent image setting (agent.image): it needs sh, grep and nsenter.',
      );
    }
    return parseFindOutput(target, agent.pod, result.stdout);
  }

  /** Deletes this manager's agent on `node` (or all of them) and waits until they are gone. */
  async release(node?: string): Promise<string[]> {
    const nodes = node === undefined ? [...this.agents.keys()] : [node];
    const removed: string[] = [];
    await Promise.all(
      nodes.map(async (n) => {
        const entry = this.agents.get(n);
        if (!entry) return;
        this.agents.delete(n);
        clearInterval(entry.heartbeat);
        const agent = await entry.ready.catch(() => undefined);
        const name = agent?.pod ?? this.agentPodFor(n).metadata.name;
        if (await this.pods.deleteAndWait(name)) removed.push(name);
      }),
    );
    return removed;
  }

  /** Quit / context switch: no new agents, every agent of this run deleted and gone. */
  async shutdown(): Promise<string[]> {
    this.closed = true;
    const removed = await this.release();
    // Also any agent of this run we lost track of (an ensure that failed half-way).
    const leftovers = await this.pods
      .list(
        `${ownerSelector(this.identity.owner)},${LABEL.session}=${labelSafe(this.identity.session)}`,
      )
      .catch(() => []);
    for (const pod of leftovers) {
      if (await this.pods.deleteAndWait(pod.metadata.name)) removed.push(pod.metadata.name);
    }
    return removed;
  }

  /** Start-up: delete agents of this owner's earlier runs and of any dead app instance. */
  sweepStale(options: { allOwners?: boolean; everything?: boolean } = {}): Promise<SweepResult> {
    return sweepAgents({
      pods: this.pods,
      identity: this.identity,
      settings: this.settings,
      allOwners: options.allOwners ?? true,
      everything: options.everything ?? false,
      heartbeatAge: async (pod) => {
        const argv = ['sh', '-c', agentScript(), 'agent', 'age'];
        const agent = { node: '', pod: pod.metadata.name, namespace: this.settings.namespace };
        const result = await this.runIn(agent, argv, 15_000);
        const age = Number(result.stdout.trim());
        return result.exitCode === 0 && Number.isFinite(age) ? age : undefined;
      },
    });
  }

  private execTarget(agent: Agent): { namespace: string; pod: string; container: string } {
    return { namespace: agent.namespace, pod: agent.pod, container: AGENT_CONTAINER };
  }

  private execError(err: unknown, agent: Agent): SnoopyError {
    if (isHttpStatus(err, 403) || isSnoopyError(err)) return this.pods.error(err);
    const mapped = kubeError(err, this.options.target);
    if (mapped.code !== 'INTERNAL') return mapped;
    return new SnoopyError(
      'AGENT_EXEC_FAILED',
      `exec into the agent ${agent.pod} failed: ${mapped.message}`,
      'Retry; if it persists, check that the agent pod still runs (kubectl get pods in the agent namespace).',
      { cause: err },
    );
  }
}

function closedError(): SnoopyError {
  return new SnoopyError(
    'AGENT_EXITED',
    'the agents of this context were shut down',
    'Start the operation again.',
  );
}
