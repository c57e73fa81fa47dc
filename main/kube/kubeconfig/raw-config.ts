// The kubeconfig file format (clientcmd v1 Config) as kubectl reads it: unknown fields are
// kept and ignored, wrong types are errors, missing names are "" (kubectl accepts them).
import { z } from 'zod';

// `clusters: null` and a missing entry body are both "empty" to kubectl, not errors.
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v): z.output<T>[] => v ?? []);
const orEmpty = <T extends z.ZodType>(body: T) => z.preprocess((v) => v ?? {}, body);

export const rawClusterSchema = z.looseObject({
  server: z.string().optional(),
  'tls-server-name': z.string().optional(),
  'insecure-skip-tls-verify': z.boolean().optional(),
  'certificate-authority': z.string().optional(),
  'certificate-authority-data': z.string().optional(),
  'proxy-url': z.string().optional(),
  'disable-compression': z.boolean().optional(),
});

export const rawExecSchema = z.looseObject({
  command: z.string().default(''),
  args: z.array(z.string()).nullish(),
  env: z.array(z.looseObject({ name: z.string(), value: z.string().default('') })).nullish(),
  apiVersion: z.string().optional(),
  installHint: z.string().optional(),
  provideClusterInfo: z.boolean().optional(),
  interactiveMode: z.string().optional(),
});

export const rawUserSchema = z.looseObject({
  'client-certificate': z.string().optional(),
  'client-certificate-data': z.string().optional(),
  'client-key': z.string().optional(),
  'client-key-data': z.string().optional(),
  token: z.string().optional(),
  // kubectl's key is camelCase `tokenFile` (client-node reads `token-file`, which kubectl ignores).
  tokenFile: z.string().optional(),
  as: z.string().optional(),
  'as-uid': z.string().optional(),
  'as-groups': z.array(z.string()).nullish(),
  username: z.string().optional(),
  password: z.string().optional(),
  'auth-provider': z
    .looseObject({ name: z.string(), config: z.record(z.string(), z.string()).nullish() })
    .optional(),
  exec: rawExecSchema.optional(),
});

export const rawContextSchema = z.looseObject({
  cluster: z.string().default(''),
  user: z.string().default(''),
  namespace: z.string().optional(),
});

export const rawConfigSchema = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  'current-context': z.string().nullish(),
  clusters: list(
    z.looseObject({ name: z.string().default(''), cluster: orEmpty(rawClusterSchema) }),
  ),
  users: list(z.looseObject({ name: z.string().default(''), user: orEmpty(rawUserSchema) })),
  contexts: list(
    z.looseObject({ name: z.string().default(''), context: orEmpty(rawContextSchema) }),
  ),
});

export type RawCluster = z.infer<typeof rawClusterSchema>;
export type RawUser = z.infer<typeof rawUserSchema>;
export type RawExec = z.infer<typeof rawExecSchema>;
export type RawContext = z.infer<typeof rawContextSchema>;
export type RawConfig = z.infer<typeof rawConfigSchema>;

export interface NamedCluster {
  name: string;
  cluster: RawCluster;
}
export interface NamedUser {
  name: string;
  user: RawUser;
}
export interface NamedContext {
  name: string;
  context: RawContext;
}
