// An in-memory SnoopyClient for development and UI tests, enabled only in dev/test builds by
// `?fake=<pods in the big context>` (see client/client-source.ts). It only ever shows fake data.
// Extra flags: `churn=0` freezes the cluster; `fakeKubeconfig=missing|invalid` shows the
// no-kubeconfig states; `fakeDisconnectAfter=<s>` drops the "transport" for a few seconds.
import type {
  Contexts,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
  PodSummary,
  PodWatchInput,
  SnoopyClient,
} from '../../../main/api/contract';
import {
  createFakeCapture,
  fakeCaptureOptionsFromUrl,
  type FakeCaptureOptions,
} from './fake-capture';
import { errors, fakeContexts, wire, type FakeContext } from './fake-contexts';
import { makeCluster, makePod, type FakeCluster } from './fake-data';
import { fakeDetails } from './fake-details';
import { seeded } from './fake-random';
import { parseSelector, SelectorError } from './fake-selector';

export interface FakeOptions {
  pods: number;
  churn: boolean;
  kubeconfig: 'ok' | 'missing' | 'invalid';
  disconnectAfterSeconds?: number;
  capture?: FakeCaptureOptions;
}

export function fakeOptionsFromUrl(params: URLSearchParams): FakeOptions {
  const pods = Math.min(200_000, Math.max(0, Number(params.get('fake')) || 5000));
  const kc = params.get('fakeKubeconfig');
  const disconnect = Number(params.get('fakeDisconnectAfter'));
  return {
    pods,
    churn: params.get('churn') !== '0',
    kubeconfig: kc === 'missing' || kc === 'invalid' ? kc : 'ok',
    ...(disconnect > 0 ? { disconnectAfterSeconds: disconnect } : {}),
    capture: fakeCaptureOptionsFromUrl(params),
  };
}

const PAGE = 5000;
const PATHS = ['/home/alice/.kube/config'];

type Listener = (payload: never) => void;

interface Watch {
  id: string;
  input: PodWatchInput;
  matches: (p: PodSummary) => boolean;
  timers: ReturnType<typeof setTimeout>[];
}

export function createFakeClient(options: FakeOptions): SnoopyClient {
  const contexts = fakeContexts(options.pods);
  const clusters = new Map<string, FakeCluster>();
  const listeners = new Map<EventName, Set<Listener>>();
  const watches = new Map<string, Watch>();
  const random = seeded(99);
  let nextWatch = 1;
  let down = false;

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const l of listeners.get(event) ?? []) (l as (p: EventPayload<E>) => void)(payload);
  };
  const ctx = (name: string): FakeContext => {
    const c = contexts.find((x) => x.info.name === name);
    if (!c)
      throw wire(
        'CONTEXT_NOT_FOUND',
        `context "${name}" is not in your kubeconfig`,
        'Pick another context.',
      );
    if (c.info.problem) throw c.info.problem;
    return c;
  };
  const cluster = (c: FakeContext): FakeCluster | undefined => {
    const known = clusters.get(c.info.name);
    if (known) return known;
    const b = c.behaviour;
    let made: FakeCluster;
    if (b.kind === 'cluster')
      made = makeCluster({
        ...b,
        nodePrefix: c.info.name.split('-')[0] ?? 'node',
        ipBase: 10 + b.seed,
      });
    else if (b.kind === 'rbac') {
      // The only namespace this user may read.
      const base = makeCluster({
        seed: 7,
        pods: 20,
        namespaces: 2,
        nodes: 3,
        nodePrefix: 'audit',
        ipBase: 10,
      });
      made = {
        nodes: base.nodes,
        namespaces: [b.allowedNamespace],
        pods: base.pods.map((p) => ({ ...p, namespace: b.allowedNamespace })),
      };
    } else return undefined;
    clusters.set(c.info.name, made);
    performance.mark(`fake:cluster-ready:${c.info.name}`);
    return made;
  };

  const capture = createFakeCapture(
    options.capture ?? { preflightFailures: new Set(), wireshark: 'ok' },
    {
      pods: (name) => {
        const c = ctx(name);
        return cluster(c)?.pods;
      },
      readOnly: (name) => ctx(name).behaviour.kind === 'rbac',
      emit: (payload) => emit('capture.progress', payload),
    },
  );

  function contextsList(): Contexts {
    if (options.kubeconfig === 'missing')
      return {
        source: 'default',
        paths: PATHS,
        contexts: [],
        error: wire(
          'KUBECONFIG_NOT_FOUND',
          'no kubeconfig found: KUBECONFIG is not set and /home/alice/.kube/config does not exist',
          "Create one with your cloud's CLI (e.g. `aws eks update-kubeconfig`, `gcloud container clusters get-credentials`) or point KUBECONFIG at an existing file, then restart Snoopy.",
        ),
      };
    if (options.kubeconfig === 'invalid')
      return {
        source: 'KUBECONFIG',
        paths: ['/home/alice/.kube/config', '/home/alice/.kube/lab.yaml'],
        contexts: [],
        error: wire(
          'KUBECONFIG_INVALID',
          '/home/alice/.kube/lab.yaml: YAML parse error at line 14, column 3: bad indentation of a mapping entry',
          'Fix the file (`kubectl config view` shows the same error) or remove it from KUBECONFIG; Snoopy reloads it when it changes.',
        ),
      };
    return {
      source: 'default',
      paths: PATHS,
      currentContext: 'prod-eu-west',
      contexts: contexts.map((c) => c.info),
    };
  }

  function startWatch(input: PodWatchInput): string {
    const c = ctx(input.context);
    const id = `fake-${nextWatch++}`;
    let matchesSelector: (p: PodSummary) => boolean = () => true;
    let selectorError: string | undefined;
    try {
      const reqs = parseSelector(input.labelSelector ?? '');
      matchesSelector = (p) => reqs.every((r) => r(p.labels));
    } catch (e) {
      if (!(e instanceof SelectorError)) throw e;
      selectorError = e.message;
    }
    const ns = new Set(input.namespaces);
    const watch: Watch = {
      id,
      input,
      timers: [],
      matches: (p) => (ns.size === 0 || ns.has(p.namespace)) && matchesSelector(p),
    };
    watches.set(id, watch);
    const later = (ms: number, fn: () => void) =>
      watch.timers.push(setTimeout(() => watches.has(id) && fn(), ms));
    const state = (s: Omit<EventPayload<'pods.state'>, 'watchId'>) =>
      emit('pods.state', { watchId: id, ...s });

    later(0, () => state({ state: 'listing', loaded: 0 }));
    const b = c.behaviour;
    if (selectorError) {
      later(60, () =>
        state({
          state: 'failed',
          loaded: 0,
          error: wire(
            'INVALID_INPUT',
            `invalid label selector "${input.labelSelector ?? ''}": ${selectorError}`,
            "Use kubectl's syntax: app=web,tier!=db or env in (prod,staging).",
          ),
        }),
      );
    } else if (b.kind === 'unreachable' || b.kind === 'unauthorized') {
      const error =
        b.kind === 'unreachable'
          ? errors.unreachable(c.info.server ?? '')
          : errors.unauthorized(c.info.user);
      let backoff = 5;
      const fail = () => {
        state({
          state: 'retrying',
          loaded: 0,
          error,
          retryAt: new Date(Date.now() + backoff * 1000).toISOString(),
        });
        later(backoff * 1000, () => {
          state({ state: 'listing', loaded: 0 });
          backoff = Math.min(backoff * 2, 60);
          later(400, fail);
        });
      };
      later(300, fail);
    } else if (
      b.kind === 'rbac' &&
      !(input.namespaces.length > 0 && input.namespaces.every((n) => n === b.allowedNamespace))
    ) {
      const denied = input.namespaces.find((n) => n !== b.allowedNamespace) ?? '';
      later(200, () =>
        state({ state: 'failed', loaded: 0, error: errors.rbacPods(c.info.user, denied) }),
      );
    } else {
      const pods = (cluster(c)?.pods ?? []).filter(watch.matches);
      // A chunked list: pages of 5000 (limit/continue), then the watch is live.
      for (let i = 0, page = 0; i < pods.length || page === 0; i += PAGE, page++) {
        const chunk = pods.slice(i, i + PAGE);
        const loaded = i + chunk.length;
        later(20 + page * 25, () => {
          emit('pods.batch', { watchId: id, reset: page === 0, upserted: chunk, removed: [] });
          state({ state: 'listing', loaded });
        });
      }
      later(40 + Math.ceil(pods.length / PAGE) * 25, () =>
        state({ state: 'synced', loaded: pods.length }),
      );
      if (options.churn) scheduleChurn(c, watch);
    }
    return id;
  }

  /** Live changes: a pod terminates and goes, a new one is created and starts, one crash-loops again. */
  function scheduleChurn(c: FakeContext, watch: Watch): void {
    const cl = cluster(c);
    if (!cl || cl.pods.length === 0) return;
    const tick = () => {
      if (!watches.has(watch.id)) return;
      const victimIndex = Math.floor(random() * cl.pods.length);
      const victim = cl.pods[victimIndex];
      const template = cl.pods[Math.floor(random() * cl.pods.length)];
      const upserted: PodSummary[] = [];
      if (victim && !victim.deleting) {
        const terminating = { ...victim, status: 'Terminating', deleting: true };
        cl.pods[victimIndex] = terminating;
        if (watch.matches(terminating)) upserted.push(terminating);
        watch.timers.push(
          setTimeout(() => {
            const at = cl.pods.findIndex((p) => p.uid === victim.uid);
            if (at >= 0) cl.pods.splice(at, 1);
            for (const w of watches.values())
              if (w.input.context === c.info.name && w.matches(terminating))
                emit('pods.batch', {
                  watchId: w.id,
                  reset: false,
                  upserted: [],
                  removed: [victim.uid],
                });
          }, 4000),
        );
      }
      if (template && template.owner) {
        const fresh = makePod(
          random,
          {
            ns: template.namespace,
            app: template.labels.app ?? 'app',
            name: `${template.owner.name}-${Math.floor(random() * 1e6).toString(36)}`,
            kind: template.owner.kind,
            owner: template.owner.name,
            containers: template.totalContainers,
            version: template.labels['app.kubernetes.io/version'] ?? 'v1',
            nodes: cl.nodes,
            shape: { seed: 0, pods: 0, namespaces: 0, nodes: 0, nodePrefix: '', ipBase: 10 },
            now: Date.now(),
          },
          'ContainerCreating',
        );
        const created = {
          ...fresh,
          createdAt: new Date().toISOString(),
          restarts: 0,
          lastRestartAt: undefined,
        };
        cl.pods.push(created);
        if (watch.matches(created)) upserted.push(created);
        watch.timers.push(
          setTimeout(() => {
            const at = cl.pods.findIndex((p) => p.uid === created.uid);
            if (at < 0) return;
            const running = {
              ...created,
              status: 'Running',
              phase: 'Running',
              readyContainers: created.totalContainers,
              podIP:
                created.podIP ?? `10.1.${Math.floor(random() * 250)}.${Math.floor(random() * 250)}`,
            };
            cl.pods[at] = running;
            if (watch.matches(running))
              emit('pods.batch', {
                watchId: watch.id,
                reset: false,
                upserted: [running],
                removed: [],
              });
          }, 2500),
        );
      }
      const crashing = cl.pods.find(
        (p, i) => i % 7 === Math.floor(random() * 7) && p.status === 'CrashLoopBackOff',
      );
      if (crashing) {
        const again = {
          ...crashing,
          restarts: crashing.restarts + 1,
          lastRestartAt: new Date().toISOString(),
        };
        cl.pods[cl.pods.indexOf(crashing)] = again;
        if (watch.matches(again)) upserted.push(again);
      }
      if (upserted.length)
        emit('pods.batch', { watchId: watch.id, reset: false, upserted, removed: [] });
      watch.timers.push(setTimeout(tick, 1500));
    };
    watch.timers.push(setTimeout(tick, 3000));
  }

  async function handle<M extends MethodName>(method: M, input: MethodInput<M>): Promise<unknown> {
    await new Promise((ok) => setTimeout(ok, 15)); // a round trip, so loading states are real
    if (down)
      throw wire(
        'TRANSPORT_CLOSED',
        'lost connection to Snoopy',
        'Snoopy is reconnecting; if it does not, restart `snoopy web`.',
      );
    switch (method) {
      case 'app.info':
        return { version: '0.1.0-fake', transport: 'memory' };
      case 'contexts.list':
        return contextsList();
      case 'namespaces.list': {
        const c = ctx((input as MethodInput<'namespaces.list'>).context);
        if (c.behaviour.kind === 'unreachable') throw errors.unreachable(c.info.server ?? '');
        if (c.behaviour.kind === 'unauthorized') throw errors.unauthorized(c.info.user);
        if (c.behaviour.kind === 'rbac') throw errors.rbacNamespaces(c.info.user);
        return { namespaces: cluster(c)?.namespaces ?? [] };
      }
      case 'pods.watch':
        return { watchId: startWatch(input as PodWatchInput) };
      case 'pods.unwatch': {
        const w = watches.get((input as MethodInput<'pods.unwatch'>).watchId);
        if (w) {
          w.timers.forEach(clearTimeout);
          watches.delete(w.id);
        }
        return {};
      }
      case 'pods.details': {
        const ref = input as MethodInput<'pods.details'>;
        const c = ctx(ref.context);
        const pod = cluster(c)?.pods.find(
          (p) => p.namespace === ref.namespace && p.name === ref.name,
        );
        if (!pod)
          throw wire(
            'NOT_FOUND',
            `pod ${ref.namespace}/${ref.name} not found (it may just have been deleted)`,
            'Pick another pod; the table drops deleted pods as the watch reports them.',
          );
        return fakeDetails(pod);
      }
      case 'capture.preflight':
        return capture.preflight(input as MethodInput<'capture.preflight'>);
      case 'capture.start':
        return capture.start(input as MethodInput<'capture.start'>);
      case 'capture.stop':
        return capture.stop((input as MethodInput<'capture.stop'>).sessionId);
      case 'capture.list':
        return capture.list();
      case 'capture.openInWireshark':
        return capture.wireshark(
          (input as MethodInput<'capture.openInWireshark'>).sessionId,
          false,
        );
      case 'capture.liveInWireshark':
        return capture.wireshark((input as MethodInput<'capture.liveInWireshark'>).sessionId, true);
    }
    throw wire('INVALID_INPUT', `unknown method "${String(method)}"`, 'Update the fake client.');
  }

  if (options.disconnectAfterSeconds) {
    setTimeout(() => {
      down = true;
      for (const w of watches.values()) {
        w.timers.forEach(clearTimeout);
        emit('pods.state', {
          watchId: w.id,
          state: 'stopped',
          loaded: 0,
          error: wire('TRANSPORT_CLOSED', 'lost connection to Snoopy', 'Snoopy is reconnecting.'),
        });
      }
      watches.clear();
      setTimeout(() => (down = false), 6000);
    }, options.disconnectAfterSeconds * 1000);
  }

  return {
    call: <M extends MethodName>(method: M, input: MethodInput<M>) =>
      handle(method, input) as Promise<MethodOutput<M>>,
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  };
}
