// Pods as the renderer sees them: a small summary per pod for the table (tens of thousands of
// rows), and the full details of one pod on demand.
import { z } from 'zod';
import { errorSchema } from './errors';
import { contextName, namespaceName } from './kube';

export const podSummarySchema = z.object({
  uid: z.string(),
  namespace: z.string(),
  name: z.string(),
  /** What a user needs to read, computed like kubectl's STATUS column: Running, CrashLoopBackOff, ImagePullBackOff, Completed, Terminating, Init:0/1 … */
  status: z.string(),
  phase: z.string(),
  readyContainers: z.number().int(),
  totalContainers: z.number().int(),
  restarts: z.number().int(),
  /** RFC 3339 time of the most recent restart, when any. */
  lastRestartAt: z.string().optional(),
  createdAt: z.string(),
  node: z.string().optional(),
  podIP: z.string().optional(),
  hostIP: z.string().optional(),
  hostNetwork: z.boolean(),
  labels: z.record(z.string(), z.string()),
  /** The controlling owner, e.g. { kind: 'ReplicaSet', name: 'web-7d4b9' }. */
  owner: z.object({ kind: z.string(), name: z.string() }).optional(),
  deleting: z.boolean(),
});
export type PodSummary = z.infer<typeof podSummarySchema>;

const containerDetailsSchema = z.object({
  name: z.string(),
  image: z.string(),
  imageID: z.string().optional(),
  containerID: z.string().optional(),
  init: z.boolean(),
  ready: z.boolean(),
  restartCount: z.number().int(),
  state: z.string(),
  stateReason: z.string().optional(),
  stateMessage: z.string().optional(),
  ports: z.array(
    z.object({
      name: z.string().optional(),
      containerPort: z.number().int(),
      protocol: z.string(),
    }),
  ),
});

export const podDetailsSchema = z.object({
  summary: podSummarySchema,
  annotations: z.record(z.string(), z.string()),
  containers: z.array(containerDetailsSchema),
  conditions: z.array(
    z.object({
      type: z.string(),
      status: z.string(),
      reason: z.string().optional(),
      message: z.string().optional(),
      lastTransitionTime: z.string().optional(),
    }),
  ),
  owners: z.array(z.object({ kind: z.string(), name: z.string(), controller: z.boolean() })),
  qosClass: z.string().optional(),
  serviceAccount: z.string().optional(),
  events: z.array(
    z.object({
      type: z.string(),
      reason: z.string(),
      message: z.string(),
      count: z.number().int(),
      firstSeen: z.string().optional(),
      lastSeen: z.string().optional(),
      source: z.string().optional(),
    }),
  ),
});
export type PodDetails = z.infer<typeof podDetailsSchema>;

export const podWatchInputSchema = z.object({
  context: contextName,
  /** Empty list: all namespaces. */
  namespaces: z.array(namespaceName).max(500),
  /** Sent to the server as labelSelector (kubectl's syntax). */
  labelSelector: z.string().max(4096).optional(),
});
export type PodWatchInput = z.infer<typeof podWatchInputSchema>;

/** A batch of changes to one watch, sent at most every few tens of milliseconds. */
export const podBatchSchema = z.object({
  watchId: z.string(),
  /** True on the first batch after a (re)list: the renderer replaces its rows with `upserted`. */
  reset: z.boolean(),
  upserted: z.array(podSummarySchema),
  removed: z.array(z.string()),
});
export type PodBatch = z.infer<typeof podBatchSchema>;

export const podWatchStateSchema = z.object({
  watchId: z.string(),
  /** listing: first pages arriving; synced: list complete, watching; retrying: lost the watch, backing off. */
  state: z.enum(['listing', 'synced', 'retrying', 'failed', 'stopped']),
  /** Pods received so far in the current list (progress while listing a big cluster). */
  loaded: z.number().int(),
  error: errorSchema.optional(),
  /** When retrying: when the next attempt starts (RFC 3339). */
  retryAt: z.string().optional(),
});
export type PodWatchState = z.infer<typeof podWatchStateSchema>;

export const podRefSchema = z.object({
  context: contextName,
  namespace: namespaceName,
  name: z.string().min(1).max(253),
});
export type PodRef = z.infer<typeof podRefSchema>;
