// Bearer-token authentication against the scenario's users.
import type { IncomingMessage } from 'node:http';
import type { SandboxUser } from './rbac';

export interface TokenUser extends SandboxUser {
  token: string;
}

export class Authenticator {
  private readonly byToken = new Map<string, SandboxUser>();

  constructor(users: TokenUser[]) {
    for (const u of users)
      this.byToken.set(u.token, {
        name: u.name,
        groups: [...u.groups, 'system:authenticated'],
        rules: u.rules,
      });
  }

  /** The user behind the request's bearer token, or undefined (the server answers 401). */
  authenticate(req: IncomingMessage): SandboxUser | undefined {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m?.[1] ? this.byToken.get(m[1]) : undefined;
  }
}
