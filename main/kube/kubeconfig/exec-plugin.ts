// Exec credential plugins (aws, gke-gcloud-auth-plugin, kubelogin): find the command before
// the first request so the user reads "install X" rather than a bare ENOENT, and turn a
// plugin's failure into an error that quotes its (redacted) stderr.
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { SnoopyError, redactText } from '../../errors';
import type { NamedUser } from './raw-config';

export type ExecPluginCheck =
  | { status: 'no-plugin' }
  | { status: 'found'; command: string; path: string }
  | { status: 'missing'; command: string; error: SnoopyError };

/** Resolves `user.exec.command` on env.PATH (paths are expected resolved by the loader). */
export async function checkExecPlugin(
  user: NamedUser,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): Promise<ExecPluginCheck> {
  const exec = user.user.exec;
  if (!exec) return { status: 'no-plugin' };
  const command = exec.command;
  const found = command ? await resolveCommand(command, env, platform) : undefined;
  if (found) return { status: 'found', command, path: found };
  const hint = exec.installHint?.trim();
  return {
    status: 'missing',
    command,
    error: new SnoopyError(
      'EXEC_PLUGIN_NOT_FOUND',
      `the credential plugin "${command}" of user "${user.name}" was not found${command.includes('/') ? '' : ' on PATH'}`,
      hint ||
        `Install "${command}" (or fix users[].user.exec.command in the kubeconfig); Snoopy looks it up on your login shell's PATH.`,
      { details: { user: user.name, command, ...(hint ? { installHint: hint } : {}) } },
    ),
  };
}

export async function resolveCommand(
  command: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): Promise<string | undefined> {
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const extensions =
    platform === 'win32' ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';')] : [''];
  const candidates =
    command.includes('/') || (platform === 'win32' && command.includes('\\'))
      ? [command]
      : (env.PATH ?? '')
          .split(platform === 'win32' ? ';' : ':')
          .filter(Boolean)
          .map((dir) => pathApi.join(dir, command));
  for (const candidate of candidates) {
    for (const ext of extensions) {
      if (await isExecutable(candidate + ext, platform)) return candidate + ext;
    }
  }
  return undefined;
}

async function isExecutable(file: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    await access(file, platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Wraps what client-node rejects with when a plugin fails (its Error message is the stderr). */
export function execPluginFailed(user: NamedUser, err: unknown): SnoopyError {
  const command = user.user.exec?.command ?? '';
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    return new SnoopyError(
      'EXEC_PLUGIN_NOT_FOUND',
      `the credential plugin "${command}" of user "${user.name}" was not found`,
      user.user.exec?.installHint?.trim() || `Install "${command}" or fix the kubeconfig.`,
      { details: { user: user.name, command }, cause: err },
    );
  }
  const stderr = redactText(err instanceof Error ? err.message : String(err))
    .trim()
    .slice(0, 2000);
  return new SnoopyError(
    'EXEC_PLUGIN_FAILED',
    `the credential plugin "${command}" of user "${user.name}" failed${stderr ? `: ${stderr}` : ''}`,
    `Run \`${command}\` with the same arguments in a terminal to see why (often: log in again, e.g. \`aws sso login\` or \`gcloud auth login\`).`,
    { details: { user: user.name, command, stderr }, cause: err },
  );
}
