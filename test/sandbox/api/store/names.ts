// Identity helpers: uids, generateName suffixes, and the DNS-1123 name rules the API validates.
import { randomBytes, randomUUID } from 'node:crypto';

export const newUid = (): string => randomUUID();

// The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels, no look-alike characters.
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(length = 5): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphanums[b % alphanums.length];
  return out;
}

const subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The real validator's message for an invalid DNS-1123 subdomain, or undefined when valid. */
export function subdomainError(name: string): string | undefined {
  if (name.length > 253) return 'must be no more than 253 characters';
  if (subdomain.test(name)) return undefined;
  return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
}

export function labelError(name: string): string | undefined {
  if (name.length > 63) return 'must be no more than 63 characters';
  if (label.test(name)) return undefined;
  return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
}

export const nowRfc3339 = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
