// Clusters and namespaces as the renderer sees them.
import { z } from 'zod';
import { errorSchema } from './errors';

export const contextName = z.string().min(1).max(253);
export const namespaceName = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'a namespace name is lowercase letters, digits and dashes',
  )
  .max(63);

export const contextInfoSchema = z.object({
  name: z.string(),
  cluster: z.string(),
  user: z.string(),
  namespace: z.string(),
  server: z.string().optional(),
  /** Why this context cannot be used (missing cluster/user, bad proxy-url …). */
  problem: errorSchema.optional(),
});
export type ContextInfo = z.infer<typeof contextInfoSchema>;

export const contextsSchema = z.object({
  /** Where the kubeconfig came from and which files were read. */
  source: z.enum(['explicit', 'KUBECONFIG', 'default']),
  paths: z.array(z.string()),
  currentContext: z.string().optional(),
  contexts: z.array(contextInfoSchema),
  /** Set when no kubeconfig could be loaded at all (the list is then empty). */
  error: errorSchema.optional(),
});
export type Contexts = z.infer<typeof contextsSchema>;
