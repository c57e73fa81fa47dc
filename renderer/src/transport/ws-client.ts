// The contract over WebSocket, for the renderer in browser mode: request ids, per-call timeouts,
// reconnect with backoff, and a status the UI can show. Re-subscribing after a reconnect is the
// app's business (onReconnected). No DOM types here, so it also runs under Node in tests.
import type {
  EventName,
  EventPayload,
  MethodName,
  MethodOutput,
  WireError,
} from '../../../main/api/contract/index';
import { MISSING_TOKEN_ERROR, SnoopyClientError, transportError } from './client-error';
import type { ConnectionStatus, TransportClient } from './types';
import { CLOSE_CODES, WS_PROTOCOL, WS_TOKEN_PROTOCOL_PREFIX, readCallResult } from './wire';

/** The part of the browser's WebSocket this client uses (ws's client matches it too). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface WsClientOptions {
  /** ws://host:port/ws */
  url: string;
  /** The per-start token; undefined means the page was opened without one. */
  token: string | undefined;
  openSocket?: (url: string, protocols: string[]) => WebSocketLike;
  /** How long a call may wait for its answer (including waiting for the link). */
  requestTimeoutMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  /**
   * Asked when a connection attempt fails before opening: true when the server itself answers,
   * which means it refused us (a wrong token), not that it is down. Without it we keep retrying.
   */
  serverIsUp?: () => Promise<boolean>;
}

interface Pending {
  frame: string;
  sent: boolean;
  resolve: (value: unknown) => void;
  reject: (error: SnoopyClientError) => void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

function browserWebSocket(url: string, protocols: string[]): WebSocketLike {
  const ctor = (
    globalThis as unknown as { WebSocket?: new (u: string, p: string[]) => WebSocketLike }
  ).WebSocket;
  if (!ctor) throw new Error('this environment has no WebSocket');
  return new ctor(url, protocols);
}

/** Listener errors must not break delivery to the others; rethrown later so they are seen. */
function safely(run: () => void): void {
  try {
    run();
  } catch (err) {
    setTimeout(() => {
      throw err;
    }, 0);
  }
}

export function createWsClient(options: WsClientOptions): TransportClient {
  const openSocket = options.openSocket ?? browserWebSocket;
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const backoff = options.backoff ?? { initialMs: 250, maxMs: 10_000 };

  let status: ConnectionStatus = 'connecting';
  let lastError: WireError | undefined;
  let socket: WebSocketLike | undefined;
  let everOpened = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<
    (status: ConnectionStatus, error: WireError | undefined) => void
  >();
  const reconnectedListeners = new Set<() => void>();

  // A function, not an inline test: status changes across the awaits below.
  const finished = (): boolean => status === 'closed' || status === 'unauthorized';

  const setStatus = (next: ConnectionStatus, error?: WireError): void => {
    lastError = error;
    if (next === status && error === undefined) return;
    status = next;
    for (const listener of statusListeners) safely(() => listener(next, error));
  };

  const settle = (
    id: number,
    result: { ok: true; value: unknown } | { ok: false; error: WireError },
  ): void => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    clearTimeout(call.timer);
    if (result.ok) call.resolve(result.value);
    else call.reject(new SnoopyClientError(result.error));
  };

  const failAll = (error: WireError, onlySent: boolean): void => {
    for (const [id, call] of pending) {
      if (!onlySent || call.sent) settle(id, { ok: false, error });
    }
  };

  const flushQueued = (): void => {
    for (const call of pending.values()) {
      if (!call.sent && socket?.readyState === OPEN) {
        call.sent = true;
        socket.send(call.frame);
      }
    }
  };

  const onFrame = (data: unknown): void => {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    if ('event' in frame && typeof frame.event === 'string') {
      const payload = (frame as { payload?: unknown }).payload;
      for (const listener of eventListeners.get(frame.event) ?? []) safely(() => listener(payload));
      return;
    }
    if ('id' in frame && typeof frame.id === 'number') {
      const result = readCallResult(frame);
      const id = frame.id;
      if (result) settle(id, result);
      else
        settle(id, {
          ok: false,
          error: transportError(
            'the core sent a malformed answer',
            'This is a bug in Snoopy: please report it.',
          ),
        });
    }
  };

  const scheduleReconnect = (error: WireError): void => {
    setStatus('reconnecting', error);
    const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** attempt);
    attempt++;
    // ±20 % jitter so many tabs do not reconnect in lockstep after a restart.
    const delay = base * (0.8 + Math.random() * 0.4);
    retryTimer = setTimeout(connect, delay);
  };

  const onClosed = async (code: number, reason: string, opened: boolean): Promise<void> => {
    socket = undefined;
    if (finished()) return;
    const lost = transportError(
      code === CLOSE_CODES.tooSlow
        ? `the connection to Snoopy was reset: ${reason || 'this page could not keep up with events'}`
        : `lost the connection to Snoopy${reason ? `: ${reason}` : ''}`,
      'Snoopy reconnects by itself; if it does not, check that `snoopy web` is still running.',
    );
    failAll(lost, true);
    // Refused before opening while the server answers HTTP: our token was not accepted.
    if (!opened && options.serverIsUp && (await options.serverIsUp().catch(() => false))) {
      if (finished()) return; // close() was called while we asked
      setStatus('unauthorized', MISSING_TOKEN_ERROR);
      failAll(MISSING_TOKEN_ERROR, false);
      return;
    }
    scheduleReconnect(lost);
  };

  function connect(): void {
    retryTimer = undefined;
    if (status === 'closed' || options.token === undefined) return;
    let opened = false;
    let ws: WebSocketLike;
    try {
      ws = openSocket(options.url, [WS_PROTOCOL, `${WS_TOKEN_PROTOCOL_PREFIX}${options.token}`]);
    } catch (err) {
      scheduleReconnect(
        transportError(`cannot open ${options.url}: ${String(err)}`, 'Check the address.'),
      );
      return;
    }
    socket = ws;
    ws.onopen = () => {
      opened = true;
      attempt = 0;
      const reconnected = everOpened;
      everOpened = true;
      setStatus('open');
      flushQueued();
      if (reconnected) for (const listener of reconnectedListeners) safely(listener);
    };
    ws.onmessage = (event) => onFrame(event.data);
    ws.onerror = () => undefined; // always followed by onclose, which decides what to do
    ws.onclose = (event) => void onClosed(event.code, event.reason, opened);
  }

  const client: TransportClient = {
    transport: 'browser',
    get status() {
      return status;
    },
    get error() {
      return lastError;
    },
    call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
      if (status === 'closed' || status === 'unauthorized') {
        const error =
          status === 'unauthorized'
            ? (lastError ?? MISSING_TOKEN_ERROR)
            : transportError('the client is closed', 'Reload the page.');
        return Promise.reject(new SnoopyClientError(error));
      }
      const id = ++nextId;
      return new Promise<MethodOutput<M>>((resolve, reject) => {
        const timer = setTimeout(() => {
          settle(id, {
            ok: false,
            error: transportError(
              `no answer to ${method} within ${Math.round(timeoutMs / 1000)} s`,
              'Check that `snoopy web` is still running, then try again.',
            ),
          });
        }, timeoutMs);
        pending.set(id, {
          frame: JSON.stringify({ id, method, input }),
          sent: false,
          resolve: resolve as (value: unknown) => void,
          reject,
          timer,
        });
        flushQueued();
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = eventListeners.get(event) ?? new Set();
      eventListeners.set(event, set);
      const untyped = listener as (payload: unknown) => void;
      set.add(untyped);
      return () => set.delete(untyped);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    onReconnected(listener) {
      reconnectedListeners.add(listener);
      return () => reconnectedListeners.delete(listener);
    },
    close() {
      if (retryTimer) clearTimeout(retryTimer);
      setStatus('closed');
      failAll(transportError('the client was closed', 'Reload the page.'), false);
      socket?.close(1000, 'client closed');
      socket = undefined;
    },
  };

  if (options.token === undefined) {
    status = 'unauthorized';
    lastError = MISSING_TOKEN_ERROR;
  } else {
    connect();
  }
  return client;
}
