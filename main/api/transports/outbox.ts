// Backpressure for one WebSocket. Pod batches must never be dropped or coalesced (the renderer's
// table would silently diverge), so when the socket is full we pause writing and hold frames in
// order, up to a cap; a client that cannot catch up within the cap is disconnected with a clear
// reason, and reconnects to a fresh list.
import type { WebSocket } from 'ws';
import { CLOSE_CODES, LIMITS } from './wire';

export interface Outbox {
  send(frame: string): void;
  /** Bytes held by us (not yet handed to the socket). */
  readonly queuedBytes: number;
}

export interface OutboxLimits {
  highWaterBytes: number;
  maxQueuedBytes: number;
}

export function createOutbox(socket: WebSocket, limits: OutboxLimits = LIMITS): Outbox {
  const queue: string[] = [];
  let queuedBytes = 0;
  let failed = false;

  const writable = (): boolean => socket.readyState === socket.OPEN;

  // Called whenever a write completes: the socket drained a little, so move held frames along.
  const flush = (): void => {
    while (queue.length > 0 && writable() && socket.bufferedAmount < limits.highWaterBytes) {
      const frame = queue.shift() as string;
      queuedBytes -= Buffer.byteLength(frame);
      socket.send(frame, flush);
    }
  };

  return {
    send(frame: string): void {
      if (failed || !writable()) return;
      if (queue.length === 0 && socket.bufferedAmount < limits.highWaterBytes) {
        socket.send(frame, flush);
        return;
      }
      queue.push(frame);
      queuedBytes += Buffer.byteLength(frame);
      if (queuedBytes > limits.maxQueuedBytes) {
        failed = true;
        queue.length = 0;
        queuedBytes = 0;
        const mib = Math.round(limits.maxQueuedBytes / (1024 * 1024));
        socket.close(
          CLOSE_CODES.tooSlow,
          `client too slow: more than ${mib} MiB of events waiting`,
        );
      }
    },
    get queuedBytes() {
      return queuedBytes;
    },
  };
}
