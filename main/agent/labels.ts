// The labels that find an app instance's agents (sweeps, cleanup, `kubectl get -l`), and the
// names of agent pods. Label values are limited to 63 of [A-Za-z0-9_.-]: anything else (a
// context called `arn:aws:eks:…/prod`) goes into an annotation and a label-safe digest.
import { createHash } from 'node:crypto';

export const LABEL = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  managedBy: 'app.kubernetes.io/managed-by',
  partOf: 'app.kubernetes.io/part-of',
  owner: 'snoopy.dev/owner',
  session: 'snoopy.dev/session',
  context: 'snoopy.dev/context',
} as const;

export const ANNOTATION = {
  context: 'snoopy.dev/context',
  ownerHost: 'snoopy.dev/owner-host',
  node: 'snoopy.dev/node',
} as const;

/** Every Snoopy agent, whoever started it. */
export const AGENT_SELECTOR = `${LABEL.name}=podtracer,${LABEL.managedBy}=snoopy`;

export function digest(text: string, length = 10): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** A label value that stays readable when it can, and unique always. */
export function labelSafe(value: string): string {
  if (/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/.test(value)) return value;
  const readable = value
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 40)
    .replace(/[^A-Za-z0-9]+$/, '');
  return readable ? `${readable}-${digest(value)}` : digest(value);
}

export function ownerSelector(owner: string): string {
  return `${AGENT_SELECTOR},${LABEL.owner}=${labelSafe(owner)}`;
}

/** `podtracer-<node>-<digest>`: readable in `kubectl get pods`, unique per node and app run. */
export function agentPodName(node: string, owner: string, session: string): string {
  const readable = node
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `podtracer-${readable ? `${readable}-` : ''}${digest(`${owner}/${session}/${node}`, 8)}`;
}
