// The command line: the same core as the app (`snoopy pods|capture|run|read|cleanup|web`).
// Commands are added by the issues that build their core; each is a plain async function.
import { readFileSync } from 'node:fs';
import { captureCommand } from './cli/capture';
import { cleanupCommand } from './cli/cleanup';
import { podsCommand } from './cli/pods';
import { readCommand } from './cli/read';
import { webCommand } from './cli/web';

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, { summary: string; run: Command }> = {
  capture: {
    summary: 'capture pods into pcap files (POD… | -l SELECTOR, -n, -f, --duration, --wireshark)',
    run: captureCommand,
  },
  cleanup: {
    summary: 'delete podtracer agent pods nobody uses (--all: every one)',
    run: cleanupCommand,
  },
  pods: { summary: 'list pods like kubectl get pods (-A, -n, -l, -o wide|json)', run: podsCommand },
  read: {
    summary: 'print the packets of a pcap/pcapng file like tshark -r (-Y, --json)',
    run: readCommand,
  },
  version: {
    summary: 'print the version',
    run: async () => {
      const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        version: string;
      };
      process.stdout.write(`snoopy ${pkg.version}\n`);
      return 0;
    },
  },
  web: { summary: 'serve the app to your browser on 127.0.0.1', run: (args) => webCommand(args) },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: snoopy <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`snoopy: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}
