// `npm run sandbox`: a sandbox cluster in the foreground with the default (or a given) scenario.
// Writes its kubeconfig to .sandbox/kubeconfig; Ctrl-C / SIGTERM removes everything it made.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox';

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string' },
      kubeconfig: { type: 'string', default: '.sandbox/kubeconfig' },
      port: { type: 'string' },
    },
  });
  const kubeconfigPath = resolve(values.kubeconfig);
  await mkdir(resolve(kubeconfigPath, '..'), { recursive: true });
  const sandbox = await startSandbox({
    kubeconfigPath,
    ...(values.scenario ? { scenario: values.scenario } : {}),
    ...(values.port ? { port: Number(values.port) } : {}),
  });
  process.stdout.write(
    [
      `sandbox cluster running at ${sandbox.url} (slot ${sandbox.network.slot})`,
      `kubeconfig: ${sandbox.kubeconfigPath}`,
      `contexts:   ${Object.values(sandbox.contexts).join(', ')}`,
      `try:        kubectl --kubeconfig ${values.kubeconfig} get pods -A -o wide`,
      'Ctrl-C stops it and removes every namespace, veth, cgroup and process it made.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox…\n`);
    sandbox.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`sandbox: cleanup failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
}

run().catch((err: unknown) => {
  process.stderr.write(`sandbox: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
