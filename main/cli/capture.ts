// `snoopy capture (POD… | -l SELECTOR) -n NS [-f FILTER] [-i IFACE] [--duration D] [--count N]
// [-o DIR] [--wireshark] [--context C] [--kubeconfig F]`: the app's capture session from a
// terminal. Prints a line per target when its state changes and every few seconds while it
// captures, then the folder. Ctrl-C (or TERM) stops cleanly: all bytes saved, agents deleted.
import type { CaptureProgress, CaptureTargetProgress } from '../api/contract/capture';
import { createCaptureService } from '../capture/handlers';
import { SnoopyError, formatError } from '../errors';
import { loadKubeconfig } from '../kube/kubeconfig/index';
import { UsageError, flagBoolean, flagString, parseFlags, type FlagSpec } from './args';

export const CAPTURE_USAGE = `Usage: snoopy capture (POD... | -l SELECTOR) -n NS [options]

Capture the packets of pods into a folder: one pcap per pod, session.pcapng, session.json.
  -n, --namespace NS      the pods' namespace (default: the context's)
  -l, --selector SEL      every pod matching this label selector, following new ones
  -f, --filter FILTER     BPF capture filter, e.g. "tcp port 80"
  -i, --interface IFACE   interface in the pod (default: any)
  -s, --snaplen BYTES     bytes kept per packet
      --duration D        stop after D (e.g. 30s, 5m, 1h)
  -c, --count N           stop each pod after N packets
      --max-bytes N       stop once N bytes were received
  -o, --output DIR        parent folder for the session (default: ~/Snoopy/captures)
      --wireshark         pipe the live capture into Wireshark
      --context NAME      kubeconfig context (default: current-context)
      --kubeconfig FILE   this kubeconfig file only
`;

const FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'filter', short: 'f', kind: 'string' },
  { name: 'interface', short: 'i', kind: 'string' },
  { name: 'snaplen', short: 's', kind: 'string' },
  { name: 'duration', kind: 'string' },
  { name: 'count', short: 'c', kind: 'string' },
  { name: 'max-bytes', kind: 'string' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'wireshark', kind: 'boolean' },
  { name: 'context', kind: 'string' },
  { name: 'kubeconfig', kind: 'string' },
  { name: 'help', short: 'h', kind: 'boolean' },
];

/** `30s`, `5m`, `1h30m`, `90` (seconds). */
export function parseDuration(text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let end = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const unit = { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    total += Number(m[1]) * unit;
    end = re.lastIndex;
  }
  if (end !== text.length || total <= 0)
    throw new UsageError(`not a duration: ${text} (e.g. 30s, 5m, 1h)`);
  return total;
}

function positiveInt(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) <= 0)
    throw new UsageError(`${flag} needs a positive number`);
  return Number(text);
}

export function targetLine(t: CaptureTargetProgress): string {
  const parts = [
    `${t.namespace}/${t.pod}`.padEnd(40),
    t.state.padEnd(14),
    `${t.packets} packets`,
    `${t.bytes} bytes`,
    `${t.drops} dropped`,
  ];
  if (t.hostNetwork) parts.push('[hostNetwork]');
  if (t.note) parts.push(`(${t.note})`);
  if (t.error) parts.push(`\n    ${t.error.code}: ${t.error.message}\n    fix: ${t.error.fix}`);
  return parts.join('  ');
}

export async function captureCommand(args: string[]): Promise<number> {
  let flags;
  const pods: string[] = [];
  try {
    // Positional pod names may come anywhere: pick them out, parse the rest as flags.
    const rest: string[] = [];
    const spec = new Map(
      FLAGS.flatMap((f) => [[`--${f.name}`, f], ...(f.short ? [[`-${f.short}`, f] as const] : [])]),
    );
    for (let i = 0; i < args.length; i++) {
      const a = args[i] ?? '';
      if (!a.startsWith('-')) {
        pods.push(a);
        continue;
      }
      rest.push(a);
      const f = spec.get(a);
      if (f && f.kind !== 'boolean' && !a.includes('=') && i + 1 < args.length)
        rest.push(args[++i] ?? '');
    }
    flags = parseFlags(rest, FLAGS);
    if (flagBoolean(flags, 'help')) {
      process.stdout.write(CAPTURE_USAGE);
      return 0;
    }
    const selector = flagString(flags, 'selector');
    if ((pods.length === 0) === (selector === undefined)) {
      throw new UsageError('name pods or give a label selector (-l), not both');
    }
    const duration = flagString(flags, 'duration');
    const options = {
      ...(flagString(flags, 'filter') ? { filter: flagString(flags, 'filter') } : {}),
      ...(flagString(flags, 'interface') ? { interface: flagString(flags, 'interface') } : {}),
      ...(duration ? { durationSeconds: parseDuration(duration) } : {}),
      ...optional('snaplen', positiveInt(flagString(flags, 'snaplen'), '--snaplen')),
      ...optional('maxPackets', positiveInt(flagString(flags, 'count'), '--count')),
      ...optional('maxBytes', positiveInt(flagString(flags, 'max-bytes'), '--max-bytes')),
    };
    return await capture(flags, pods, selector, options);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`snoopy capture: ${err.message}\n\n${CAPTURE_USAGE}`);
      return 2;
    }
    process.stderr.write(`${formatError(err)}\n`);
    return 1;
  }
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

async function capture(
  flags: ReturnType<typeof parseFlags>,
  pods: string[],
  selector: string | undefined,
  options: Record<string, string | number | undefined>,
): Promise<number> {
  const kubeconfig = flagString(flags, 'kubeconfig');
  const model = await loadKubeconfig({
    ...(kubeconfig ? { explicitPath: kubeconfig } : {}),
    env: process.env,
  });
  const context = flagString(flags, 'context') ?? model.currentContext;
  if (context === undefined) {
    throw new SnoopyError(
      'NO_CURRENT_CONTEXT',
      'the kubeconfig sets no current context',
      'Pass --context NAME or run `kubectl config use-context NAME`.',
    );
  }
  const namespace = flagString(flags, 'namespace') ?? model.context(context).namespace ?? 'default';
  const service = createCaptureService({
    ...(kubeconfig ? { kubeconfig } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const lastState = new Map<string, string>();
  let lastPrint = 0;
  let final: CaptureProgress | undefined;
  const onProgress = (p: CaptureProgress): void => {
    const now = Date.now();
    const periodic = now - lastPrint > 5000;
    for (const t of p.targets) {
      const key = `${t.namespace}/${t.pod}`;
      if (lastState.get(key) !== t.state || periodic) {
        lastState.set(key, t.state);
        process.stdout.write(`${targetLine(t)}\n`);
      }
    }
    if (periodic) lastPrint = now;
    if (p.state === 'stopped' || p.state === 'failed') final = p;
  };
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write('stopping: saving the last bytes and deleting the agents…\n');
    void service.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const session = await service.start(
      {
        context,
        targets: selector
          ? { kind: 'selector', namespace, labelSelector: selector }
          : { kind: 'pods', pods: pods.map((name) => ({ namespace, name })) },
        options,
        ...(flagString(flags, 'output') ? { folder: flagString(flags, 'output') } : {}),
      },
      onProgress,
    );
    process.stdout.write(`capturing into ${session.progress().folder} (Ctrl-C to stop)\n`);
    if (flagBoolean(flags, 'wireshark')) {
      await service.handlers['capture.liveInWireshark'](
        { sessionId: session.id },
        {
          id: 'cli',
          emit: () => undefined,
          onClose: () => undefined,
        },
      );
    }
    // Ends on Ctrl-C, --duration, --count on every pod, --max-bytes or a fatal error.
    while (!final) await new Promise((r) => setTimeout(r, 200));
    const done = session.progress();
    for (const t of done.targets) process.stdout.write(`${targetLine(t)}\n`);
    await service.close();
    process.stdout.write(`saved in ${done.folder}\n`);
    if (done.error) {
      process.stderr.write(`${done.error.code}: ${done.error.message}\n  fix: ${done.error.fix}\n`);
      return 1;
    }
    return done.targets.some((t) => t.state === 'failed') ? 1 : 0;
  } catch (err) {
    await service.close().catch(() => undefined);
    throw err;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
