// Turns the `pods/exec` query into an ExecRequest, with the checks and wording of the real API
// server (registry/core/pod streamLocation) and kubelet (remotecommand NewOptions).
import { SandboxApiError, type ExecRequest, type Pod } from '../../contracts';

export function parseExecQuery(url: URL, pod: Pod): ExecRequest | SandboxApiError {
  const query = url.searchParams;
  const name = pod.metadata.name;
  const container = chooseContainer(query.get('container') ?? '', pod);
  if (container instanceof SandboxApiError) return container;
  if (!pod.spec.nodeName) return badRequest(`pod ${name} does not have a host assigned`);

  const tty = queryBool(query, 'tty');
  const stdin = queryBool(query, 'stdin');
  const stdout = queryBool(query, 'stdout');
  // A terminal has no separate stderr: the kubelet drops it rather than refusing.
  const stderr = queryBool(query, 'stderr') && !tty;
  if (!stdin && !stdout && !stderr) {
    return badRequest('you must specify at least 1 of stdin, stdout, stderr');
  }
  const command = query.getAll('command');
  if (command.length === 0) {
    return badRequest('you must specify at least one command for the container');
  }
  return { container, command, stdin, stdout, stderr, tty };
}

function chooseContainer(requested: string, pod: Pod): string | SandboxApiError {
  const name = pod.metadata.name;
  const containers = pod.spec.containers.map((c) => c.name);
  const initContainers = (pod.spec.initContainers ?? []).map((c) => c.name);
  if (requested !== '') {
    if (containers.includes(requested) || initContainers.includes(requested)) return requested;
    return badRequest(`container ${requested} is not valid for pod ${name}`);
  }
  const only = containers.length === 1 ? containers[0] : undefined;
  if (only !== undefined) return only;
  if (containers.length === 0)
    return badRequest(`a container name must be specified for pod ${name}`);
  let message = `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`;
  if (initContainers.length > 0) {
    message += ` or one of the init containers: [${initContainers.join(' ')}]`;
  }
  return badRequest(message);
}

/**
 * Query booleans as the API server's parameter codec reads them: absent is false, "0" and "false"
 * (any case) are false, and anything else, even an empty value, is true.
 */
function queryBool(query: URLSearchParams, key: string): boolean {
  const value = query.get(key);
  if (value === null) return false;
  return value !== '0' && value.toLowerCase() !== 'false';
}

function badRequest(message: string): SandboxApiError {
  return new SandboxApiError(400, 'BadRequest', message);
}
