// The packet worker: owns one capture index and answers the client's requests. Runs in a
// worker_threads Worker so indexing and filtering never block the thread that asked.
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { PacketService } from './packet-service';
import type { Reply } from './protocol';

function serve(port: MessagePort): void {
  const service = new PacketService((event) => port.postMessage(event));
  port.on('message', (message: unknown) => {
    void service.handle(message).then((reply: Reply) => {
      const transfer: ArrayBuffer[] = [];
      // Detail bytes travel as a transferable, not a copy.
      if (reply.ok && reply.result && typeof reply.result === 'object' && 'bytes' in reply.result) {
        const bytes = (reply.result as { bytes: unknown }).bytes;
        if (bytes instanceof Uint8Array && bytes.buffer instanceof ArrayBuffer)
          transfer.push(bytes.buffer);
      }
      port.postMessage(reply, transfer);
    });
  });
}

if (parentPort) serve(parentPort);
