// `snoopy cleanup [--context C] [--kubeconfig F] [--namespace NS] [--all]`: the start-up sweep by
// hand. Removes agents nobody uses (ended, stale heartbeat, never started, left by an earlier
// run); with --all, every Snoopy agent in the agent namespace, live ones included. Prints each
// pod it removed and why.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { AgentManager } from '../agent/agent-manager';
import { SnoopyError, formatError } from '../errors';
import { loadKubeconfig } from '../kube/kubeconfig/index';
import { UsageError, flagBoolean, flagString, parseFlags, type FlagSpec } from './args';

export const CLEANUP_USAGE = `Usage: snoopy cleanup [--context NAME] [--kubeconfig FILE] [--namespace NS] [--all]

Delete podtracer agent pods that nobody uses any more (what every start of Snoopy does).
      --context NAME     kubeconfig context (default: current-context)
      --kubeconfig FILE  this kubeconfig file only (default: KUBECONFIG, else ~/.kube/config)
  -n, --namespace NS     the agent namespace (default: snoopy-system)
      --all              delete every Snoopy agent, even those a running Snoopy still uses
`;

const FLAGS: FlagSpec[] = [
  { name: 'context', kind: 'string' },
  { name: 'kubeconfig', kind: 'string' },
  { name: 'namespace', short: 'n', kind: 'string' },
  { name: 'all', kind: 'boolean' },
  { name: 'help', short: 'h', kind: 'boolean' },
];

export async function cleanupCommand(args: string[]): Promise<number> {
  let flags;
  try {
    flags = parseFlags(args, FLAGS);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`snoopy cleanup: ${err.message}\n\n${CLEANUP_USAGE}`);
    return 2;
  }
  if (flagBoolean(flags, 'help')) {
    process.stdout.write(CLEANUP_USAGE);
    return 0;
  }
  try {
    const explicitPath = flagString(flags, 'kubeconfig');
    const model = await loadKubeconfig({
      ...(explicitPath ? { explicitPath } : {}),
      env: process.env,
    });
    const context = flagString(flags, 'context') ?? model.currentContext;
    if (context === undefined) {
      throw new SnoopyError(
        'NO_CURRENT_CONTEXT',
        'the kubeconfig sets no current context',
        'Pass --context NAME or run `kubectl config use-context NAME`.',
      );
    }
    const namespace = flagString(flags, 'namespace');
    const manager = new AgentManager({
      kubeConfig: model.kubeConfig(context),
      target: { context, server: model.context(context).server ?? '', user: model.user(context) },
      // The CLI is not an app instance: it owns no agent, so it judges every one by its state.
      identity: { owner: `cli-${hostname()}`, session: randomBytes(4).toString('hex') },
      settings: namespace ? { namespace } : {},
    });
    const result = await manager.sweepStale({ everything: flagBoolean(flags, 'all') });
    for (const r of result.removed) {
      process.stdout.write(
        `removed pod/${r.pod} (node ${r.node || '-'}, owner ${r.owner || '-'}): ${r.reason}\n`,
      );
    }
    for (const k of result.kept) {
      process.stdout.write(
        `kept    pod/${k.pod} (node ${k.node || '-'}, owner ${k.owner || '-'}): ${k.reason}\n`,
      );
    }
    if (result.removed.length === 0 && result.kept.length === 0) {
      process.stdout.write(`no agent pods in ${manager.settings.namespace}\n`);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`${formatError(err)}\n`);
    return 1;
  }
}
