// `npm run demo`: the app against a sandbox cluster. Electron where its binary exists; otherwise
// browser mode (`snoopy web`), which prints the URL to open. The app runs as its own process,
// exactly as a user would start it, pointed at the sandbox's kubeconfig.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { startSandbox } from './sandbox';

function electronBinary(): string | undefined {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined; // electron's package throws when its binary was never downloaded
  }
}

async function run(): Promise<void> {
  const kubeconfigPath = resolve('.sandbox/kubeconfig');
  await mkdir(resolve('.sandbox'), { recursive: true });
  const sandbox = await startSandbox({ kubeconfigPath });
  process.stdout.write(`sandbox cluster at ${sandbox.url}\nkubeconfig: ${kubeconfigPath}\n`);
  const stop = (): void => {
    void sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const electron = electronBinary();
  if (electron) {
    process.stdout.write('starting the desktop app (Electron) against the sandbox…\n');
    spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
    const app = spawn(electron, ['.'], {
      stdio: 'inherit',
      env: { ...process.env, KUBECONFIG: kubeconfigPath },
    });
    app.on('exit', stop);
    return;
  }
  process.stdout.write(
    'No Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD): starting browser mode…\n',
  );
  const web = spawn(
    process.execPath,
    [resolve('main/snoopy.mjs'), 'web', '--kubeconfig', kubeconfigPath],
    { stdio: 'inherit' },
  );
  web.on('exit', stop);
}

run().catch((err: unknown) => {
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
