// The whole contract between the renderer and the core: every method the renderer may call and
// every event it may receive. Importable by the renderer (zod only, no Node).
import { z } from 'zod';
import { captureEvents, captureMethods } from './capture';
import { event, method } from './define';
import { packetEvents, packetMethods } from './packets';
import { errorSchema } from './errors';
import { contextName, contextsSchema, namespaceName } from './kube';
import {
  podBatchSchema,
  podDetailsSchema,
  podRefSchema,
  podWatchInputSchema,
  podWatchStateSchema,
} from './pods';

export * from './capture';
export * from './define';
export * from './packets';
export * from './error-codes';
export * from './errors';
export * from './kube';
export * from './pods';

export const methods = {
  'app.info': method(
    'versions and the transport in use',
    z.object({}),
    z.object({ version: z.string(), transport: z.enum(['electron', 'browser', 'memory']) }),
  ),
  'contexts.list': method(
    'the kubeconfig contexts (reloaded when the files change)',
    z.object({}),
    contextsSchema,
  ),
  'namespaces.list': method(
    'namespace names of a context',
    z.object({ context: contextName }),
    z.object({
      namespaces: z.array(namespaceName),
      /** Listing was forbidden: `namespaces` is only the context's namespace, and this says why. */
      warning: errorSchema.optional(),
    }),
  ),
  'pods.watch': method(
    'start a live pod list; changes arrive as pods.batch events',
    podWatchInputSchema,
    z.object({ watchId: z.string() }),
  ),
  'pods.unwatch': method(
    'stop a pod watch',
    z.object({ watchId: z.string().min(1).max(100) }),
    z.object({}),
  ),
  'pods.details': method(
    'labels, annotations, containers, conditions, owners and events of one pod',
    podRefSchema,
    podDetailsSchema,
  ),
  ...captureMethods,
  ...packetMethods,
} as const;

export const events = {
  'contexts.changed': event('the kubeconfig files changed', contextsSchema),
  'pods.batch': event('changes to a pod watch', podBatchSchema),
  'pods.state': event(
    'the state of a pod watch (listing, synced, retrying …)',
    podWatchStateSchema,
  ),
  ...captureEvents,
  ...packetEvents,
} as const;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods;
export type EventName = keyof Events;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

/** What a client (renderer, CLI, tests) sees: one typed async function per method, and events. */
export interface SnoopyClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
