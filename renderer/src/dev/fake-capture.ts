// Simulated capture sessions for the fake client: preflight (with an RBAC and a Pod Security
// failure on demand, `fakePreflight=rbac,psa`), progress with counts rising, hostNetwork pods
// flagged, a target that fails (pods without a running container), stop, and Wireshark missing
// (`fakeWireshark=missing`). Everything here is made up; nothing touches a cluster.
import type {
  CapturePreflight,
  CaptureProgress,
  CaptureTargetProgress,
  EventPayload,
  MethodInput,
  PodSummary,
} from '../../../main/api/contract';
import { wire } from './fake-contexts';
import { parseSelector, SelectorError } from './fake-selector';

export interface FakeCaptureOptions {
  preflightFailures: ReadonlySet<'rbac' | 'psa'>;
  wireshark: 'ok' | 'missing';
}

export function fakeCaptureOptionsFromUrl(params: URLSearchParams): FakeCaptureOptions {
  const fails = (params.get('fakePreflight') ?? '').split(',');
  return {
    preflightFailures: new Set(
      fails.filter((f): f is 'rbac' | 'psa' => f === 'rbac' || f === 'psa'),
    ),
    wireshark: params.get('fakeWireshark') === 'missing' ? 'missing' : 'ok',
  };
}

const AGENT_NS = 'snoopy-system';
const IMAGE = 'docker.io/nicolaka/netshoot:v0.14';
const TICK_MS = 500;
/** Statuses with a container whose network namespace a capture could enter. */
const CAPTURABLE = new Set(['Running', 'CrashLoopBackOff', 'Terminating', 'Completed']);

interface Session {
  progress: CaptureProgress;
  timer?: ReturnType<typeof setInterval>;
  /** Per target: packets per tick, so each pod has its own pace. */
  pace: number[];
  maxPackets?: number;
}

export interface FakeCaptureDeps {
  /** Pods of a context (undefined: a context with no fake cluster). */
  pods(context: string): readonly PodSummary[] | undefined;
  /** The context behaves like `audit-readonly`: may read pods, may create nothing. */
  readOnly(context: string): boolean;
  emit(payload: EventPayload<'capture.progress'>): void;
}

export function createFakeCapture(options: FakeCaptureOptions, deps: FakeCaptureDeps) {
  const sessions = new Map<string, Session>();
  let nextId = 1;

  function resolveTargets(input: MethodInput<'capture.preflight'>): PodSummary[] {
    const all = deps.pods(input.context) ?? [];
    const t = input.targets;
    if (t.kind === 'pods') {
      const want = new Set(t.pods.map((p) => `${p.namespace}/${p.name}`));
      const found = all.filter((p) => want.has(`${p.namespace}/${p.name}`));
      if (found.length === 0)
        throw wire(
          'TARGET_NOT_FOUND',
          'none of the selected pods exists any more',
          'Pick pods again; the table drops deleted pods as the watch reports them.',
        );
      return found;
    }
    try {
      const reqs = parseSelector(t.labelSelector);
      return all.filter((p) => p.namespace === t.namespace && reqs.every((r) => r(p.labels)));
    } catch (e) {
      if (!(e instanceof SelectorError)) throw e;
      throw wire(
        'INVALID_INPUT',
        `invalid label selector "${t.labelSelector}": ${e.message}`,
        "Use kubectl's syntax: app=web,tier!=db or env in (prod,staging).",
      );
    }
  }

  function preflight(input: MethodInput<'capture.preflight'>): CapturePreflight {
    const pods = resolveTargets(input);
    const nodes = [...new Set(pods.map((p) => p.node ?? '').filter(Boolean))].sort();
    const namespaces = [...new Set(pods.map((p) => p.namespace))].sort();
    const rbac = options.preflightFailures.has('rbac') || deps.readOnly(input.context);
    const psa = options.preflightFailures.has('psa');
    const checks: CapturePreflight['checks'] = [
      rbac
        ? {
            name: `create pods in ${AGENT_NS}`,
            ok: false,
            error: wire(
              'RBAC_DENIED',
              `you may not create pods in ${AGENT_NS}`,
              'Ask a cluster admin for the RoleBinding in agent-manifests/rbac.yaml (kubectl apply -f agent-manifests/rbac.yaml, with your user as subject).',
            ),
          }
        : { name: `create pods in ${AGENT_NS}`, ok: true },
      {
        name: 'create pods/exec',
        ok: !rbac,
        ...(rbac
          ? {
              error: wire(
                'RBAC_DENIED',
                `you may not create pods/exec in ${AGENT_NS}`,
                'The same RoleBinding (agent-manifests/rbac.yaml) grants pods/exec.',
              ),
            }
          : {}),
      },
      { name: `get pods in ${namespaces.join(', ') || input.context}`, ok: true },
      psa
        ? {
            name: `Pod Security of ${AGENT_NS}`,
            ok: false,
            error: wire(
              'POD_SECURITY_REJECTED',
              `namespace ${AGENT_NS} enforces Pod Security "baseline"; the agent needs "privileged" (hostPID, privileged container)`,
              `kubectl label --overwrite ns ${AGENT_NS} pod-security.kubernetes.io/enforce=privileged (or apply agent-manifests/namespace.yaml)`,
            ),
          }
        : { name: `Pod Security of ${AGENT_NS}`, ok: true },
      { name: 'server-side dry-run of the agent pod', ok: !psa && !rbac },
    ];
    return {
      ok: checks.every((c) => c.ok),
      willCreate: {
        namespace: AGENT_NS,
        nodes,
        image: IMAGE,
        privileges: 'privileged, hostPID, hostNetwork',
      },
      pods: pods.map((p) => ({
        namespace: p.namespace,
        name: p.name,
        node: p.node ?? '',
        hostNetwork: p.hostNetwork,
      })),
      checks,
    };
  }

  function tick(s: Session): void {
    const p = s.progress;
    p.targets = p.targets.map((t, i) => {
      if (t.state === 'starting-agent') return { ...t, state: 'finding-pod' };
      if (t.state === 'finding-pod') {
        if (t.error) return { ...t, state: 'failed' };
        return { ...t, state: 'capturing', file: `${p.folder}/${t.namespace}_${t.pod}.pcap` };
      }
      if (t.state !== 'capturing') return t;
      const more = Math.round((s.pace[i] ?? 10) * (0.6 + Math.random() * 0.8));
      const packets = t.packets + more;
      const bytes = t.bytes + more * (t.hostNetwork ? 420 : 180) + Math.floor(Math.random() * 900);
      if (s.maxPackets && packets >= s.maxPackets)
        return { ...t, packets: s.maxPackets, bytes, state: 'done' };
      return { ...t, packets, bytes };
    });
    if (p.state === 'starting') p.state = 'capturing';
    p.files = [
      ...p.targets.flatMap((t) => (t.file ? [t.file] : [])),
      p.merged,
      `${p.folder}/session.json`,
    ];
    if (p.targets.every((t) => t.state === 'done' || t.state === 'failed')) finish(s);
    deps.emit(structuredClone(p));
  }

  function finish(s: Session): void {
    clearInterval(s.timer);
    const p = s.progress;
    p.state = 'stopped';
    p.stoppedAt = new Date().toISOString();
    p.targets = p.targets.map((t) =>
      t.state === 'failed'
        ? t
        : {
            ...t,
            state: 'done',
            // tcpdump reports kernel drops at exit: a busy hostNetwork capture loses a few.
            drops: t.hostNetwork ? Math.ceil(t.packets / 900) : 0,
          },
    );
  }

  function start(input: MethodInput<'capture.start'>): CaptureProgress {
    const pre = preflight(input);
    const first = pre.checks.find((c) => !c.ok);
    if (first?.error) throw first.error;
    const filter = input.options?.filter ?? '';
    if (/[;`$]|\bbogus\b/.test(filter) || /\(\s*$/.test(filter))
      throw wire(
        'INVALID_BPF_FILTER',
        `tcpdump: can't parse filter expression: syntax error in filter expression: ${filter}`,
        'Fix the filter: tcpdump (pcap-filter(7)) syntax, e.g. "tcp port 80 and host 10.0.0.7".',
      );
    const id = `fake-${Date.now().toString(36)}-${nextId++}`;
    const startedAt = new Date();
    const folder = `/home/alice/Snoopy/captures/${startedAt.toISOString().replace(/[:.]/g, '-').slice(0, 19)}-${id}`;
    const byName = new Map(
      (deps.pods(input.context) ?? []).map((p) => [`${p.namespace}/${p.name}`, p]),
    );
    const targets: CaptureTargetProgress[] = pre.pods.map((p) => {
      const pod = byName.get(`${p.namespace}/${p.name}`);
      const capturable = pod && CAPTURABLE.has(pod.status);
      return {
        namespace: p.namespace,
        pod: p.name,
        node: p.node,
        state: 'starting-agent',
        packets: 0,
        bytes: 0,
        drops: 0,
        hostNetwork: p.hostNetwork,
        ...(capturable
          ? {}
          : {
              error: wire(
                'TARGET_NOT_FOUND',
                `pod ${p.namespace}/${p.name} has no running container (${pod?.status ?? 'gone'}): no network namespace to enter`,
                'Capture it once it is Running; crash-looping pods can be captured between restarts.',
              ),
            }),
      };
    });
    const session: Session = {
      progress: {
        sessionId: id,
        context: input.context,
        state: 'starting',
        targets,
        folder,
        files: [],
        merged: `${folder}/session.pcapng`,
        startedAt: startedAt.toISOString(),
      },
      pace: targets.map((t, i) => (t.hostNetwork ? 90 : 12 + ((i * 7) % 25))),
      ...(input.options?.maxPackets ? { maxPackets: input.options.maxPackets } : {}),
    };
    sessions.set(id, session);
    session.timer = setInterval(() => tick(session), TICK_MS);
    const seconds = input.options?.durationSeconds;
    if (seconds)
      setTimeout(() => {
        if (session.progress.state !== 'stopped') {
          finish(session);
          deps.emit(structuredClone(session.progress));
        }
      }, seconds * 1000);
    return structuredClone(session.progress);
  }

  function known(sessionId: string): Session {
    const s = sessions.get(sessionId);
    if (!s)
      throw wire('NOT_FOUND', `no capture session ${sessionId}`, 'Pick a session from the list.');
    return s;
  }

  return {
    preflight,
    start,
    stop(sessionId: string): CaptureProgress {
      const s = known(sessionId);
      if (s.progress.state !== 'stopped') finish(s);
      return structuredClone(s.progress);
    },
    list: () => ({ sessions: [...sessions.values()].map((s) => structuredClone(s.progress)) }),
    wireshark(sessionId: string, live: boolean): { wireshark: string } {
      const s = known(sessionId);
      if (options.wireshark === 'missing')
        throw wire(
          'WIRESHARK_NOT_FOUND',
          'Wireshark is not installed (looked for wireshark on PATH, /usr/bin/wireshark, /Applications/Wireshark.app)',
          'Install Wireshark (apt install wireshark, brew install --cask wireshark, or wireshark.org) and try again; the capture is saved either way.',
        );
      if (live && s.progress.state === 'stopped')
        throw wire(
          'INVALID_INPUT',
          'the session has stopped: there is nothing live to pipe',
          'Use Open in Wireshark to open the saved file.',
        );
      return { wireshark: '/usr/bin/wireshark' };
    },
  };
}
