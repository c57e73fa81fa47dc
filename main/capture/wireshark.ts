// Finding Wireshark on Linux, macOS and Windows, opening a file in it, and piping a live
// pcapng stream into `wireshark -k -i -`. Always spawned with an argv array, never a shell.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SnoopyError } from '../errors';

export interface WiresharkCommand {
  command: string;
  /** Arguments before ours (flatpak run org.wireshark.Wireshark). */
  prefix: string[];
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) if (executable(join(dir, name + ext))) return join(dir, name + ext);
  }
  return undefined;
}

export function findWireshark(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): WiresharkCommand {
  const found = onPath('wireshark', env) ?? onPath('Wireshark', env);
  if (found) return { command: found, prefix: [] };
  const candidates =
    platform === 'darwin'
      ? ['/Applications/Wireshark.app/Contents/MacOS/Wireshark']
      : platform === 'win32'
        ? [env['ProgramFiles'], env['ProgramFiles(x86)'], 'C:\\Program Files']
            .filter((d): d is string => Boolean(d))
            .map((d) => join(d, 'Wireshark', 'Wireshark.exe'))
        : ['/usr/bin/wireshark', '/usr/local/bin/wireshark', '/snap/bin/wireshark'];
  for (const c of candidates) if (executable(c)) return { command: c, prefix: [] };
  if (platform === 'linux') {
    const flatpak = onPath('flatpak', env);
    for (const dir of ['/var/lib/flatpak', join(env['HOME'] ?? '', '.local/share/flatpak')]) {
      if (flatpak && executable(join(dir, 'exports/bin/org.wireshark.Wireshark'))) {
        return { command: flatpak, prefix: ['run', 'org.wireshark.Wireshark'] };
      }
    }
  }
  throw new SnoopyError(
    'WIRESHARK_NOT_FOUND',
    'Wireshark is not installed (looked on PATH, in the usual install folders and in flatpak)',
    platform === 'darwin'
      ? 'Install it from https://www.wireshark.org/download.html (or `brew install --cask wireshark`), then retry.'
      : platform === 'win32'
        ? 'Install it from https://www.wireshark.org/download.html, then retry.'
        : 'Install it with your package manager (e.g. `sudo apt install wireshark`) or flatpak, then retry.',
  );
}

export function openInWireshark(
  file: string,
  ws: WiresharkCommand = findWireshark(),
): ChildProcess {
  const child = spawn(ws.command, [...ws.prefix, file], { detached: true, stdio: 'ignore' });
  child.unref();
  return child;
}

/** What reads the live stream: by default `wireshark -k -i -`; tests pass `tshark -i -`. */
export type LiveConsumer = () => ChildProcess;

export function wiresharkLiveConsumer(ws: WiresharkCommand = findWireshark()): LiveConsumer {
  return () =>
    spawn(ws.command, [...ws.prefix, '-k', '-i', '-'], { stdio: ['pipe', 'ignore', 'ignore'] });
}

/** Pipes chunks into the consumer's stdin; ends quietly when the consumer goes away. */
export function pipeToConsumer(
  consumer: ChildProcess,
  subscribe: (sink: (chunk: Uint8Array) => void) => () => void,
): () => void {
  const stdin = consumer.stdin;
  if (!stdin) throw new Error('the live consumer has no stdin pipe');
  let closed = false;
  const unsubscribe = subscribe((chunk) => {
    if (!closed) stdin.write(chunk);
  });
  const end = (): void => {
    if (closed) return;
    closed = true;
    unsubscribe();
    stdin.end();
  };
  stdin.on('error', end);
  consumer.on('exit', end);
  return end;
}
