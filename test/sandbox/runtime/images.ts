// Images are never pulled: the sandbox only names them as a registry would, and fails the
// pulls the scenario says fail.
import { createHash } from 'node:crypto';

export function globMatches(pattern: string, value: string): boolean {
  const regex = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${regex}$`).test(value);
}

export function matchesAny(patterns: readonly string[], image: string): boolean {
  return patterns.some((p) => globMatches(p, image));
}

/** "busybox:1.36" → "docker.io/library/busybox:1.36", as containerd reports it. */
export function normalisedImage(image: string): string {
  const [first = '', ...rest] = image.split('/');
  const hasRegistry =
    rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let ref = hasRegistry
    ? image
    : rest.length === 0
      ? `docker.io/library/${image}`
      : `docker.io/${image}`;
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  if (!lastPart.includes(':') && !lastPart.includes('@')) ref += ':latest';
  return ref;
}

export function imageId(image: string): string {
  const ref = normalisedImage(image);
  const repository = ref.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  const digest = createHash('sha256').update(ref).digest('hex');
  return `${repository}@sha256:${digest}`;
}
