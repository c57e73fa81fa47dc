// `npm run demo`: the app against a sandbox cluster. Electron where its binary exists; otherwise
// browser mode — which arrives with the pod browser issue, so for now the demo says so and keeps
// the sandbox running for kubectl.
import { spawn } from 'node:child_process';
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
    const app = spawn(electron, ['.'], {
      stdio: 'inherit',
      env: { ...process.env, KUBECONFIG: kubeconfigPath },
    });
    app.on('exit', stop);
    return;
  }
  process.stdout.write(
    [
      'No Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD).',
      'Browser mode is NOT BUILT YET (pod browser issue): the sandbox stays up for kubectl:',
      `  kubectl --kubeconfig ${kubeconfigPath} get pods -A -o wide`,
      'Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
}

run().catch((err: unknown) => {
  process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
