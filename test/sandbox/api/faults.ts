// Faults the tests inject: cut exec streams, make the API unreachable, flip a node's readiness.
import type { Socket } from 'node:net';
import type { Faults } from '../contracts';
import type { ExecRegistry } from './exec';
import type { ClusterState } from './store/cluster-state';

/** Every open connection of the API server, and whether new ones are refused for now. */
export class ConnectionGate {
  private readonly sockets = new Set<Socket>();
  private refuseUntil = 0;
  private restoreTimer: NodeJS.Timeout | undefined;

  /** stop/start the listener, so connection attempts meet ECONNREFUSED as with a dead server. */
  constructor(
    private readonly listener: { stop(): void; start(): void } = { stop() {}, start() {} },
  ) {}

  admit(socket: Socket): void {
    if (Date.now() < this.refuseUntil) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  get refusing(): boolean {
    return Date.now() < this.refuseUntil;
  }

  refuseFor(ms: number): void {
    this.refuseUntil = Date.now() + ms;
    this.destroyAll();
    this.listener.stop();
    clearTimeout(this.restoreTimer);
    this.restoreTimer = setTimeout(() => this.listener.start(), ms);
    this.restoreTimer.unref();
  }

  dispose(): void {
    clearTimeout(this.restoreTimer);
    this.destroyAll();
  }

  destroyAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
}

export function createFaults(
  state: ClusterState,
  execRegistry: ExecRegistry,
  gate: ConnectionGate,
): Faults {
  return {
    severExecStreams: (target) => execRegistry.severAll(target),
    makeApiUnreachable: (seconds) => gate.refuseFor(seconds * 1000),
    setNodeReady: (name, ready) => state.setNodeReady(name, ready),
  };
}
