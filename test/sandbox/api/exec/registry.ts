// Every open exec WebSocket, so that tests can cut them like a dropped network would.
import type { WebSocket } from 'ws';

export interface ExecTarget {
  namespace: string;
  pod: string;
}

export interface ExecRegistry {
  register(ws: WebSocket, target: ExecTarget): void;
  /**
   * Destroys the matching sockets without a close frame, as when the laptop loses its VPN; the
   * client sees an abnormal closure (1006) and each process ends as its stream died. Returns how
   * many were cut.
   */
  severAll(target?: ExecTarget): number;
}

export function createExecRegistry(): ExecRegistry {
  const open = new Map<WebSocket, ExecTarget>();
  return {
    register(ws, target) {
      if (ws.readyState !== ws.OPEN) return;
      open.set(ws, target);
      ws.once('close', () => open.delete(ws));
    },
    severAll(target) {
      let count = 0;
      for (const [ws, at] of [...open]) {
        if (target && (at.namespace !== target.namespace || at.pod !== target.pod)) continue;
        open.delete(ws);
        ws.terminate();
        count++;
      }
      return count;
    },
  };
}
