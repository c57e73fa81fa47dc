// `snoopy pods [-A | -n NS …] [-l SELECTOR] [--context C] [--kubeconfig F] [-o wide|json]`:
// kubectl's `get pods` on the app's core. Errors print as `CODE: message — fix`, exit code 1.
import { readFileSync } from 'node:fs';
import { podWatchInputSchema } from '../api/contract/index';
import { createCore } from '../core';
import { SnoopyError, formatError } from '../errors';
import {
  UsageError,
  flagBoolean,
  flagString,
  flagStrings,
  parseFlags,
  type FlagSpec,
} from './args';
import { listPodsOnce } from './list-pods-once';
import { byNamespaceAndName, podTable } from './pod-table';

export const PODS_USAGE = `Usage: snoopy pods [-A | -n NAMESPACE …] [-l SELECTOR] [--context NAME] [--kubeconfig FILE] [-o wide|json]

List pods like \`kubectl get pods\`, through the same core as the app.
  -A, --all-namespaces   every namespace
  -n, --namespace NS     this namespace (repeat for several); default: the context's namespace
  -l, --selector SEL     label selector, evaluated by the API server (app=web,tier!=db)
      --context NAME     kubeconfig context (default: current-context)
      --kubeconfig FILE  this kubeconfig file only (default: KUBECONFIG, else ~/.kube/config)
  -o, --output FORMAT    wide (adds IP and NODE) or json (an array of pod summaries)
`;

const FLAGS: FlagSpec[] = [
  { name: 'all-namespaces', short: 'A', kind: 'boolean' },
  { name: 'namespace', short: 'n', kind: 'strings' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'context', kind: 'string' },
  { name: 'kubeconfig', kind: 'string' },
  { name: 'output', short: 'o', kind: 'string' },
  { name: 'help', short: 'h', kind: 'boolean' },
];

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const processIO: CliIO = { stdout: process.stdout, stderr: process.stderr, env: process.env };

export async function podsCommand(args: string[], io: CliIO = processIO): Promise<number> {
  let flags;
  try {
    flags = parseFlags(args, FLAGS);
    const output = flagString(flags, 'output');
    if (output !== undefined && output !== 'wide' && output !== 'json')
      throw new UsageError(`unknown output format "${output}" (wide or json)`);
    if (flagBoolean(flags, 'all-namespaces') && flagStrings(flags, 'namespace').length)
      throw new UsageError('-A and -n cannot be used together');
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`snoopy pods: ${err.message}\n\n${PODS_USAGE}`);
    return 2;
  }
  if (flagBoolean(flags, 'help')) {
    io.stdout.write(PODS_USAGE);
    return 0;
  }

  const kubeconfig = flagString(flags, 'kubeconfig');
  const core = await createCore({
    ...(kubeconfig ? { kubeconfig } : {}),
    env: io.env,
    version: packageVersion(),
    transport: 'memory',
    // A terminal already has the user's PATH: no login shell needed for exec plugins.
    execEnvironment: {},
    watchKubeconfig: false,
  });
  try {
    const contexts = await core.handlers['contexts.list']({}, silentConnection);
    if (contexts.error) throw SnoopyError.fromJSON(contexts.error);
    const context = flagString(flags, 'context') ?? contexts.currentContext;
    if (context === undefined) {
      throw new SnoopyError(
        'NO_CURRENT_CONTEXT',
        'the kubeconfig sets no current context',
        'Pass --context NAME or run `kubectl config use-context NAME`.',
      );
    }
    const allNamespaces = flagBoolean(flags, 'all-namespaces');
    const contextNamespace =
      contexts.contexts.find((c) => c.name === context)?.namespace ?? 'default';
    const namespaces = allNamespaces
      ? []
      : flagStrings(flags, 'namespace').length
        ? flagStrings(flags, 'namespace')
        : [contextNamespace];
    const input = podWatchInputSchema.safeParse({
      context,
      namespaces,
      labelSelector: flagString(flags, 'selector'),
    });
    if (!input.success) {
      throw new SnoopyError(
        'INVALID_INPUT',
        input.error.issues.map((i) => i.message).join('; '),
        'Correct the namespace or selector.',
      );
    }
    const pods = (await listPodsOnce(core.handlers, input.data)).sort(byNamespaceAndName);
    const output = flagString(flags, 'output');
    if (output === 'json') io.stdout.write(`${JSON.stringify(pods, null, 2)}\n`);
    else if (pods.length === 0) io.stderr.write(noResources(allNamespaces, namespaces));
    else
      io.stdout.write(
        podTable(pods, {
          allNamespaces: allNamespaces || namespaces.length > 1,
          wide: output === 'wide',
          now: Date.now(),
        }),
      );
    return 0;
  } catch (err) {
    io.stderr.write(`${formatError(err)}\n`);
    return 1;
  } finally {
    await core.close();
  }
}

function noResources(all: boolean, namespaces: string[]): string {
  return all || namespaces.length !== 1
    ? 'No resources found\n'
    : `No resources found in ${namespaces[0] ?? 'default'} namespace.\n`;
}

const silentConnection = { id: 'cli-main', emit: () => undefined, onClose: () => undefined };

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
