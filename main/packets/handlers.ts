// Contract handlers for the packet viewer (methods in main/api/contract/packets.ts).
import type { Handlers } from '../api/handlers';
import type { packetMethods } from '../api/contract/packets';

export type PacketHandlers = Pick<Handlers, keyof typeof packetMethods>;

export function createPacketHandlers(): PacketHandlers {
  return {};
}
