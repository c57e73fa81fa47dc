// One exec over an upgraded WebSocket: the process's streams on channels 0-2, resizes from
// channel 4, the v5 half-close signal, the final status on channel 3, then a normal close.
import type { Readable } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { ExecProcess, ExecRequest } from '../../contracts';
import { Channel, decodeFrame, encodeFrame, type ExecProtocol } from './protocols';
import { ResizeDecoder } from './resize';
import { encodeStatus, outcomeStatus, type ChannelStatus } from './status';

/** Bytes handed to the socket but not yet flushed to the kernel, above which output pauses. */
const HIGH_WATER = 4 * 1024 * 1024;
const LOW_WATER = 1024 * 1024;

export interface ExecSessionOptions {
  protocol: ExecProtocol;
  exec: ExecRequest;
}

/**
 * The real server sends one empty frame on the lowest writable channel as soon as the socket is
 * open (clients ignore it; it proves the stream is up before the command has printed anything).
 */
export function sendReadyFrame(ws: WebSocket, protocol: ExecProtocol, exec: ExecRequest): void {
  const channel = exec.stdout ? Channel.stdout : exec.stderr ? Channel.stderr : Channel.error;
  ws.send(encodeFrame(protocol, channel, Buffer.alloc(0)));
}

/** Writes the status (if the protocol writes one) and closes normally, status first. */
export function finishWithStatus(
  ws: WebSocket,
  protocol: ExecProtocol,
  status: ChannelStatus,
): void {
  if (ws.readyState !== ws.OPEN) return;
  const payload = encodeStatus(protocol.statusStyle, status);
  if (payload) ws.send(encodeFrame(protocol, Channel.error, payload));
  ws.close(1000);
}

/** Runs the session to its end; resolves once the process is gone and the socket closed. */
export async function runExecSession(
  ws: WebSocket,
  proc: ExecProcess,
  { protocol, exec }: ExecSessionOptions,
): Promise<void> {
  let inFlight = 0;
  let outputPaused = false;
  let finished = false;
  const outputs = [
    { stream: exec.stdout ? proc.stdout : null, channel: Channel.stdout },
    { stream: exec.stderr ? proc.stderr : null, channel: Channel.stderr },
  ];
  const socketClosed = new Promise<void>((resolve) => ws.once('close', () => resolve()));

  const setOutputPaused = (paused: boolean): void => {
    outputPaused = paused;
    for (const { stream } of outputs) {
      if (paused) stream?.pause();
      else stream?.resume();
    }
  };

  const send = (channel: number, data: Buffer): void => {
    if (ws.readyState !== ws.OPEN) return;
    const frame = encodeFrame(protocol, channel, data);
    inFlight += frame.length;
    ws.send(frame, { binary: !protocol.base64 }, () => {
      inFlight -= frame.length;
      if (outputPaused && inFlight <= LOW_WATER) setOutputPaused(false);
    });
    if (!outputPaused && inFlight > HIGH_WATER) setOutputPaused(true);
  };

  // Output the client did not ask for still has to be read, or the process would block on it.
  for (const stream of [proc.stdout, proc.stderr]) {
    if (stream && !outputs.some((o) => o.stream === stream)) stream.resume();
  }
  for (const { stream, channel } of outputs) {
    stream?.on('data', (chunk: Buffer) => send(channel, chunk));
  }

  const stdin = exec.stdin ? proc.stdin : null;
  // EPIPE once the process is gone is expected; the status tells the client what happened.
  proc.stdin?.on('error', () => undefined);
  if (proc.stdin && !stdin) proc.stdin.end();
  const resizes = exec.tty ? new ResizeDecoder() : undefined;
  let waitingForStdin = false;

  ws.on('message', (raw: RawData) => {
    const frame = decodeFrame(protocol, toBuffer(raw));
    if (frame.kind === 'protocol-error') {
      // wsstream stops reading and closes the connection; nothing else reaches the client.
      ws.close(1000);
      return;
    }
    if (frame.kind === 'close') {
      if (frame.channel === Channel.stdin) stdin?.end();
      return;
    }
    if (frame.kind !== 'data') return;
    if (frame.channel === Channel.stdin && stdin && stdin.writable) {
      // A full pipe stops the whole read loop, as Go's io.Pipe does in the real server.
      if (!stdin.write(frame.data) && !waitingForStdin) {
        waitingForStdin = true;
        ws.pause();
        stdin.once('drain', () => {
          waitingForStdin = false;
          ws.resume();
        });
      }
    } else if (frame.channel === Channel.resize && resizes) {
      for (const size of resizes.push(frame.data)) proc.resize(size.width, size.height);
    }
  });

  // The client left before the command ended: a real kubelet loses the stream and the process
  // with it.
  void socketClosed.then(() => {
    if (finished) return;
    proc.kill(); // before touching stdin, so the process cannot take the EOF and exit cleanly
    proc.stdin?.destroy();
    setOutputPaused(false);
  });

  const [outcome] = await Promise.all([
    proc.exited,
    ...outputs.map(({ stream }) => drained(stream)),
  ]);
  finished = true;
  ws.resume(); // a pause for a full stdin pipe must not keep us from reading the close reply
  finishWithStatus(ws, protocol, outcomeStatus(protocol.path, exec.command, outcome));
  await socketClosed;
}

function drained(stream: Readable | null): Promise<void> {
  return new Promise((resolve) => {
    if (!stream || stream.readableEnded || stream.destroyed) {
      resolve();
      return;
    }
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
}

function toBuffer(raw: RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  if (Array.isArray(raw)) return Buffer.concat(raw);
  return Buffer.from(raw);
}
