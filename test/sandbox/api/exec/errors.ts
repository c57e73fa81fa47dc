import { SandboxApiError } from '../../contracts';

/** The answer to a `pods/exec` request that did not ask to upgrade (the real server's 400). */
export function execUpgradeRequired(): SandboxApiError {
  return new SandboxApiError(400, 'BadRequest', 'Upgrade request required');
}
