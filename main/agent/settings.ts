// The agent's settings, with the defaults a user gets without touching anything. Validated with
// zod wherever they come from (settings file, CLI flags, tests).
import { z } from 'zod';

export const AGENT_CAPABILITIES = [
  'NET_ADMIN',
  'NET_RAW',
  'SYS_ADMIN',
  'SYS_PTRACE',
  'DAC_READ_SEARCH',
] as const;

// Kubernetes quantity (`1Gi`, `500M`, `1024`), checked here so a typo fails before any request.
const quantity = z.string().regex(/^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/, {
  message: 'a Kubernetes quantity such as 1Gi or 500Mi',
});

export const agentSettingsSchema = z.object({
  /** Pinned by tag; air-gapped clusters point this at a mirror of it in their registry. */
  image: z.string().min(1).default('nicolaka/netshoot:v0.13'),
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
    .default('snoopy-system'),
  /** `privileged: true`, or only the capabilities the tools need (AGENT_CAPABILITIES). */
  privileges: z.enum(['privileged', 'capabilities']).default('privileged'),
  /** activeDeadlineSeconds: the agent's hard stop whatever happens to the app (default 4 h). */
  deadlineSeconds: z
    .number()
    .int()
    .positive()
    .default(4 * 60 * 60),
  /** emptyDir sizeLimit of the spool where captures wait for the app. */
  spoolSize: quantity.default('1Gi'),
  /** How often the app renews the heartbeat. */
  heartbeatIntervalSeconds: z.number().positive().default(10),
  /** The agent exits when the heartbeat is older than this (the app is gone). */
  heartbeatTimeoutSeconds: z.number().int().positive().default(30),
  /** Optional priorityClassName (e.g. so the agent is not the first evicted). */
  priorityClassName: z.string().min(1).optional(),
  /** How long to wait for an agent to run before giving up. */
  startTimeoutSeconds: z.number().positive().default(120),
});

export type AgentSettings = z.infer<typeof agentSettingsSchema>;
export type AgentSettingsInput = z.input<typeof agentSettingsSchema>;

export function agentSettings(input: AgentSettingsInput = {}): AgentSettings {
  return agentSettingsSchema.parse(input);
}
