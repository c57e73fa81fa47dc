// The core side of the contract: one plain async function per method ("one operation, two
// callers": the CLI calls them directly, transports call them through dispatch()).
import type { z } from 'zod';
import type { EventName, EventPayload, MethodName, MethodOutput, Methods } from './contract/index';

/** One connected client (an Electron window, a browser tab, a test): where its events go. */
export interface Connection {
  readonly id: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Run when the client goes away (window closed, socket dropped): stop its watches. */
  onClose(cleanup: () => void): void;
}

export type Handler<M extends MethodName> = (
  input: z.output<Methods[M]['input']>,
  connection: Connection,
) => Promise<MethodOutput<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };
