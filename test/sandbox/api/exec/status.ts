// What the server writes on the error channel (3) when an exec ends, worded as a real cluster
// words it. The two paths of protocols.ts word exit codes differently, because on the v5 path the
// API server re-wraps the error its own SPDY client decoded from the kubelet's v4 status:
//   kubelet (v4):     "command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3"
//   translator (v5):  "command terminated with non-zero exit code: command terminated with exit code 3"
// Clients read the code from details.causes[reason=ExitCode], never from the message.
import { constants } from 'node:os';
import type { ExecPath, StatusStyle } from './protocols';

/** metav1.Status as the Go API server marshals it: no kind/apiVersion, fields in Go order. */
export interface ChannelStatus {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { causes: Array<{ reason?: string; message?: string }> };
  code?: number;
}

export interface ExecOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

export function successStatus(): ChannelStatus {
  return { metadata: {}, status: 'Success' };
}

export function exitCodeStatus(path: ExecPath, command: string[], exitCode: number): ChannelStatus {
  // Go prints a []string with %v as "[a b c]".
  const inner =
    path === 'kubelet'
      ? `error executing command [${command.join(' ')}], exit code ${exitCode}`
      : `command terminated with exit code ${exitCode}`;
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: ${inner}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

/** apierrors.NewInternalError(err). */
export function internalErrorStatus(cause: string): ChannelStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${cause}`,
    reason: 'InternalError',
    details: { causes: [{ message: cause }] },
    code: 500,
  };
}

/** The status for a finished process; a signal death reads as 128+n, as container runtimes report it. */
export function outcomeStatus(
  path: ExecPath,
  command: string[],
  outcome: ExecOutcome,
): ChannelStatus {
  const code = exitCodeOf(outcome);
  if (code === undefined) {
    return internalErrorStatus('error executing command in container: no exit status');
  }
  return code === 0 ? successStatus() : exitCodeStatus(path, command, code);
}

function exitCodeOf(outcome: ExecOutcome): number | undefined {
  if (outcome.exitCode !== null) return outcome.exitCode;
  if (outcome.signal !== null) return 128 + (constants.signals[outcome.signal] ?? 0);
  return undefined;
}

/**
 * The error channel payload, or undefined when nothing is written: v4+ writes the Status as JSON
 * every time; v1-style protocols write only a failure's message, as plain text.
 */
export function encodeStatus(style: StatusStyle, status: ChannelStatus): Buffer | undefined {
  if (style === 'v1') {
    return status.status === 'Success' ? undefined : Buffer.from(status.message ?? '', 'utf8');
  }
  return Buffer.from(goJson(status), 'utf8');
}

/** JSON.stringify with encoding/json's HTML-safe escapes, so bytes match the Go server's. */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
