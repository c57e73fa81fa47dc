// Contract handlers for capture sessions (methods in main/api/contract/capture.ts), and the
// registry behind them: one AgentManager per context (agents reused by every session there),
// swept once when a context first needs agents, shut down when its last session stops.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { AgentManager } from '../agent/agent-manager';
import { preflight } from '../agent/preflight';
import type { AgentSettingsInput } from '../agent/settings';
import type { CaptureProgress, CaptureStartInput } from '../api/contract/capture';
import { captureStartInputSchema } from '../api/contract/capture';
import type { Connection, Handlers } from '../api/handlers';
import type { captureMethods } from '../api/contract/capture';
import { SnoopyError } from '../errors';
import { createKubeClient } from '../kube/client/kube-client';
import { loadKubeconfig, type KubeconfigModel } from '../kube/kubeconfig/index';
import type { PodWatchTuning } from '../kube/pods/pod-watch';
import type { StreamTuning } from './resumable-stream';
import { CaptureSession } from './session';
import { defaultCapturesFolder } from './session-files';
import {
  findWireshark,
  openInWireshark,
  pipeToConsumer,
  wiresharkLiveConsumer,
  type LiveConsumer,
} from './wireshark';

export type CaptureHandlers = Pick<Handlers, keyof typeof captureMethods>;

export interface CaptureServiceOptions {
  /** `--kubeconfig`: this file only. */
  kubeconfig?: string;
  env?: NodeJS.ProcessEnv;
  /** Parent of session folders; default ~/Snoopy/captures. */
  capturesFolder?: string;
  agentSettings?: AgentSettingsInput;
  /** Who owns the agents (labels); default this host + a random instance id. */
  identity?: { owner: string; session: string };
  /** "Live in Wireshark" consumer (tests: `tshark -i -`). */
  liveConsumer?: LiveConsumer;
  stream?: Partial<StreamTuning>;
  podWatch?: Partial<PodWatchTuning>;
  log?: (line: string) => void;
}

interface ContextAgents {
  manager: AgentManager;
  model: KubeconfigModel;
  swept: Promise<void>;
}

export interface CaptureService {
  handlers: CaptureHandlers;
  /** Starts a session and reports its progress to `onProgress` (the CLI's path). */
  start(
    input: CaptureStartInput,
    onProgress: (p: CaptureProgress) => void,
  ): Promise<CaptureSession>;
  /** Quit: stop every session, delete every agent. */
  close(): Promise<void>;
}

export function createCaptureService(options: CaptureServiceOptions = {}): CaptureService {
  const sessions = new Map<string, CaptureSession>();
  const contexts = new Map<string, ContextAgents>();
  const lives = new Map<string, ChildProcess>();
  const identity = options.identity ?? {
    owner: `app-${hostname()}`
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 40),
    session: randomBytes(4).toString('hex'),
  };
  let modelPromise: Promise<KubeconfigModel> | undefined;
  let generation = 0;
  // Agent releases under way: close() waits for them, and their failures are logged, not thrown.
  const pending = new Set<Promise<void>>();
  const track = (p: Promise<void>): void => {
    const tracked = p.catch((err: unknown) =>
      options.log?.(`releasing agents failed: ${String(err)}`),
    );
    pending.add(tracked);
    void tracked.finally(() => pending.delete(tracked));
  };

  const agentsFor = async (context: string): Promise<ContextAgents> => {
    const known = contexts.get(context);
    if (known) return known;
    modelPromise ??= loadKubeconfig({
      ...(options.kubeconfig ? { explicitPath: options.kubeconfig } : {}),
      env: options.env ?? process.env,
    });
    const model = await modelPromise;
    const manager = new AgentManager({
      kubeConfig: model.kubeConfig(context),
      target: { context, server: model.context(context).server ?? '', user: model.user(context) },
      // A fresh run id per manager: a manager still shutting down (its session ended) can never
      // delete the agents of its successor in the same context, and the successor's sweep may
      // remove the predecessor's leftovers as "another run".
      identity: {
        owner: identity.owner,
        session: `${identity.session}-${(++generation).toString(36)}`,
      },
      ...(options.agentSettings ? { settings: options.agentSettings } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    // Start-up sweep, the first time this context needs agents: litter of dead app runs goes.
    const swept = manager.sweepStale().then(
      () => undefined,
      (err: unknown) => options.log?.(`sweep failed: ${String(err)}`),
    );
    const entry = { manager, model, swept };
    contexts.set(context, entry);
    return entry;
  };

  /** The last session of a context ended: its agents go (nothing is left behind). */
  const releaseIfIdle = async (context: string): Promise<void> => {
    const busy = [...sessions.values()].some((s) => s.running && s.progress().context === context);
    const entry = contexts.get(context);
    if (busy || !entry) return;
    contexts.delete(context);
    await entry.manager.shutdown();
  };

  const start = async (
    raw: CaptureStartInput,
    onProgress: (p: CaptureProgress) => void,
  ): Promise<CaptureSession> => {
    const input = captureStartInputSchema.parse(raw);
    const ctx = await agentsFor(input.context);
    await ctx.swept;
    const kubeConfig = ctx.model.kubeConfig(input.context);
    const session = new CaptureSession(
      {
        agents: ctx.manager,
        client: createKubeClient(kubeConfig),
        target: {
          context: input.context,
          server: ctx.model.context(input.context).server ?? '',
          user: ctx.model.user(input.context),
        },
        context: input.context,
        capturesFolder: input.folder ?? options.capturesFolder ?? defaultCapturesFolder(),
        emit: (p) => {
          onProgress(p);
          if (p.state === 'stopped' || p.state === 'failed') {
            lives.get(p.sessionId)?.stdin?.end();
            track(releaseIfIdle(p.context));
          }
        },
        ...(options.stream ? { stream: options.stream } : {}),
        ...(options.podWatch ? { podWatch: options.podWatch } : {}),
      },
      input.targets,
      input.options,
    );
    sessions.set(session.id, session);
    try {
      await session.start();
    } catch (err) {
      sessions.delete(session.id);
      await releaseIfIdle(input.context);
      throw err;
    }
    return session;
  };

  const sessionOf = (id: string): CaptureSession => {
    const s = sessions.get(id);
    if (!s) {
      throw new SnoopyError(
        'NOT_FOUND',
        `no capture session ${id}`,
        'Pick a session from capture.list.',
      );
    }
    return s;
  };

  const handlers: CaptureHandlers = {
    'capture.preflight': async (input) => {
      const ctx = await agentsFor(input.context);
      const client = createKubeClient(ctx.model.kubeConfig(input.context));
      const session = await client.session();
      const pods: Array<{ namespace: string; name: string; node: string; hostNetwork: boolean }> =
        [];
      interface Lite {
        metadata: { name: string; namespace?: string };
        spec?: { nodeName?: string; hostNetwork?: boolean };
      }
      const add = (p: Lite): void => {
        pods.push({
          namespace: p.metadata.namespace ?? '',
          name: p.metadata.name,
          node: p.spec?.nodeName ?? '',
          hostNetwork: p.spec?.hostNetwork === true,
        });
      };
      if (input.targets.kind === 'pods') {
        for (const p of input.targets.pods) {
          add(
            await session.getJson<Lite>(
              `/api/v1/namespaces/${encodeURIComponent(p.namespace)}/pods/${encodeURIComponent(p.name)}`,
            ),
          );
        }
      } else {
        const list = await session.getJson<{ items?: Lite[] }>(
          `/api/v1/namespaces/${encodeURIComponent(input.targets.namespace)}/pods`,
          { labelSelector: input.targets.labelSelector },
        );
        for (const p of list.items ?? []) add(p);
      }
      const nodes = [...new Set(pods.map((p) => p.node).filter(Boolean))];
      const report = await preflight(ctx.manager, ctx.manager.agentApi, {
        nodes,
        targetNamespaces: [...new Set(pods.map((p) => p.namespace))],
      });
      return { ...report, pods };
    },
    'capture.start': async (input, connection: Connection) => {
      const session = await start(input, (p) => connection.emit('capture.progress', p));
      return session.progress();
    },
    'capture.stop': async ({ sessionId }) => sessionOf(sessionId).stop(),
    'capture.list': async () => ({ sessions: [...sessions.values()].map((s) => s.progress()) }),
    'capture.openInWireshark': async ({ sessionId }) => {
      const s = sessionOf(sessionId);
      const ws = findWireshark(options.env ?? process.env);
      openInWireshark(s.progress().merged, ws);
      return { wireshark: ws.command };
    },
    'capture.liveInWireshark': async ({ sessionId }) => {
      const s = sessionOf(sessionId);
      let consumer = options.liveConsumer;
      let name = 'custom';
      if (!consumer) {
        const ws = findWireshark(options.env ?? process.env);
        consumer = wiresharkLiveConsumer(ws);
        name = ws.command;
      }
      const child = consumer();
      lives.set(sessionId, child);
      pipeToConsumer(child, (sink) => s.subscribeMerged(sink));
      // A finished session: the stream is complete, the consumer gets EOF.
      if (!s.running) child.stdin?.end();
      return { wireshark: name };
    },
  };

  return {
    handlers,
    start,
    async close() {
      await Promise.all([...sessions.values()].map((s) => s.stop()));
      await Promise.all(pending);
      await Promise.all([...contexts.values()].map((c) => c.manager.shutdown()));
      contexts.clear();
    },
  };
}

export function createCaptureHandlers(options: CaptureServiceOptions = {}): CaptureHandlers {
  return createCaptureService(options).handlers;
}
