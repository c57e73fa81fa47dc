// Capture sessions (issue 4): preflight, start/stop, progress per target, Wireshark.
// Methods and events are spread into the contract in ./index.ts. Importable by the renderer
// (zod only): the capture UI is built against exactly these shapes, so keep them stable.
import { z } from 'zod';
import { event, method } from './define';
import { errorSchema } from './errors';
import { contextName, namespaceName } from './kube';

const podName = z.string().min(1).max(253);

/** What to capture: named pods, or every pod matching a selector (followed while it runs). */
export const captureTargetsSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pods'),
    pods: z
      .array(z.object({ namespace: namespaceName, name: podName }))
      .min(1)
      .max(500),
  }),
  z.object({
    kind: z.literal('selector'),
    namespace: namespaceName,
    /** kubectl's label selector syntax, e.g. `app=web,tier!=db`. */
    labelSelector: z.string().min(1).max(4096),
  }),
]);
export type CaptureTargets = z.infer<typeof captureTargetsSchema>;

export const captureOptionsSchema = z.object({
  /** BPF filter (tcpdump syntax), checked with `tcpdump -d` in the agent before anything starts. */
  filter: z.string().max(8192).optional(),
  /** Interface inside the pod's network namespace; default `any` (all of them). */
  interface: z
    .string()
    .regex(/^[A-Za-z0-9._:@-]+$/, 'an interface name is letters, digits and . _ : @ -')
    .max(64)
    .optional(),
  /** Bytes kept per packet (tcpdump -s); default tcpdump's (262144). */
  snaplen: z.number().int().min(64).max(262144).optional(),
  /** Stop after this many seconds. */
  durationSeconds: z
    .number()
    .positive()
    .max(7 * 24 * 3600)
    .optional(),
  /** Stop each target after this many packets (tcpdump -c). */
  maxPackets: z.number().int().positive().max(1e12).optional(),
  /** Stop the session once this many bytes (all per-pod files together) were received. */
  maxBytes: z.number().int().positive().max(1e15).optional(),
});
export type CaptureOptions = z.infer<typeof captureOptionsSchema>;

export const captureStartInputSchema = z.object({
  context: contextName,
  targets: captureTargetsSchema,
  options: captureOptionsSchema.default({}),
  /** Parent folder for the session folder; default the captures folder setting (~/Snoopy/captures). */
  folder: z.string().min(1).max(4096).optional(),
});
export type CaptureStartInput = z.input<typeof captureStartInputSchema>;

export const captureTargetStateSchema = z.enum([
  'starting-agent',
  'finding-pod',
  'capturing',
  'reconnecting',
  'done',
  'failed',
]);
export type CaptureTargetState = z.infer<typeof captureTargetStateSchema>;

export const captureTargetProgressSchema = z.object({
  namespace: z.string(),
  pod: z.string(),
  /** Empty until the pod's node is known. */
  node: z.string(),
  state: captureTargetStateSchema,
  /** Packets received in the app (written to disk). */
  packets: z.number().int(),
  /** Bytes of the per-pod pcap received so far (the file's size). */
  bytes: z.number().int(),
  /** Packets dropped by the kernel, as tcpdump reports them (at stop). */
  drops: z.number().int(),
  /** The pod shares the node's network namespace: its capture sees the node's traffic. */
  hostNetwork: z.boolean(),
  /** Why the target failed, with its fix. */
  error: errorSchema.optional(),
  /** A non-error remark, e.g. "the pod was deleted during the capture; packets kept". */
  note: z.string().optional(),
  /** The per-pod pcap file (absolute path), once created. */
  file: z.string().optional(),
});
export type CaptureTargetProgress = z.infer<typeof captureTargetProgressSchema>;

export const captureSessionStateSchema = z.enum([
  'starting',
  'capturing',
  'stopping',
  'stopped',
  'failed',
]);
export type CaptureSessionState = z.infer<typeof captureSessionStateSchema>;

export const captureProgressSchema = z.object({
  sessionId: z.string(),
  context: z.string(),
  state: captureSessionStateSchema,
  targets: z.array(captureTargetProgressSchema),
  /** The session folder (absolute path). */
  folder: z.string(),
  /** Files in the folder (absolute paths): per-pod pcaps, session.pcapng, session.json. */
  files: z.array(z.string()),
  /** The merged pcapng (absolute path). */
  merged: z.string(),
  /** RFC 3339. */
  startedAt: z.string(),
  stoppedAt: z.string().optional(),
  /** Why the whole session failed (disk full, agents denied …). */
  error: errorSchema.optional(),
});
export type CaptureProgress = z.infer<typeof captureProgressSchema>;

const sessionId = z
  .string()
  .regex(/^[a-z0-9-]+$/)
  .max(100);

const preflightCheckSchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  error: errorSchema.optional(),
});

export const capturePreflightSchema = z.object({
  ok: z.boolean(),
  willCreate: z.object({
    namespace: z.string(),
    nodes: z.array(z.string()),
    image: z.string(),
    privileges: z.string(),
  }),
  /** The pods the capture would start on now (a selector may gain more later). */
  pods: z.array(
    z.object({
      namespace: z.string(),
      name: z.string(),
      node: z.string(),
      hostNetwork: z.boolean(),
    }),
  ),
  checks: z.array(preflightCheckSchema),
});
export type CapturePreflight = z.infer<typeof capturePreflightSchema>;

export const captureMethods = {
  'capture.preflight': method(
    'what a capture would create (agent namespace, nodes, image, privileges) and whether the user may',
    z.object({ context: contextName, targets: captureTargetsSchema }),
    capturePreflightSchema,
  ),
  'capture.start': method(
    'start a capture session; its progress arrives as capture.progress events',
    captureStartInputSchema,
    captureProgressSchema,
  ),
  'capture.stop': method(
    'stop a capture session: every byte received stays on disk, agents are released',
    z.object({ sessionId }),
    captureProgressSchema,
  ),
  'capture.list': method(
    'the capture sessions of this app run (running and finished)',
    z.object({}),
    z.object({ sessions: z.array(captureProgressSchema) }),
  ),
  'capture.openInWireshark': method(
    "open a session's merged pcapng in Wireshark",
    z.object({ sessionId }),
    z.object({ wireshark: z.string() }),
  ),
  'capture.liveInWireshark': method(
    "pipe a running session's merged pcapng stream into `wireshark -k -i -`",
    z.object({ sessionId }),
    z.object({ wireshark: z.string() }),
  ),
} as const;

export const captureEvents = {
  'capture.progress': event(
    'state, per-target counts and files of a capture session (at most a few per second)',
    captureProgressSchema,
  ),
} as const;
