// A sandbox scenario: the nodes, namespaces, users, services and pods a sandbox cluster starts
// with. A default one ships (scenarios/default.yaml); tests may bring their own.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const labels = z.record(z.string(), z.string());

const rule = z.object({
  verbs: z.array(z.string()).min(1),
  apiGroups: z.array(z.string()).default(['']),
  resources: z.array(z.string()).min(1),
  /** Namespaces the rule applies to; omitted means every namespace and cluster scope. */
  namespaces: z.array(z.string()).optional(),
});
export type RbacRule = z.infer<typeof rule>;

const user = z.object({
  name: z.string(),
  groups: z.array(z.string()).default([]),
  rules: z.array(rule),
  /** Name of the kubeconfig context written for this user (default: sandbox-<name>). */
  context: z.string().optional(),
});
export type ScenarioUser = z.infer<typeof user>;

const container = z.object({
  name: z.string(),
  image: z.string().default('registry.sandbox.local/busybox:1.36'),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  ports: z
    .array(
      z.object({
        containerPort: z.number().int(),
        name: z.string().optional(),
        protocol: z.enum(['TCP', 'UDP']).optional(),
      }),
    )
    .optional(),
});

const pod = z.object({
  name: z.string(),
  namespace: z.string(),
  node: z.string(),
  labels: labels.default({}),
  annotations: labels.default({}),
  hostNetwork: z.boolean().default(false),
  restartPolicy: z.enum(['Always', 'OnFailure', 'Never']).default('Always'),
  /** Owner shown in metadata.ownerReferences, e.g. { kind: ReplicaSet, name: web-7d4b9 }. */
  owner: z.object({ kind: z.string(), name: z.string() }).optional(),
  containers: z.array(container).min(1),
});
export type ScenarioPod = z.infer<typeof pod>;

export const scenarioSchema = z.object({
  nodes: z
    .array(
      z.object({
        name: z.string(),
        cgroupDriver: z.enum(['systemd', 'cgroupfs']),
        runtime: z.enum(['containerd', 'cri-o', 'docker']).default('containerd'),
        labels: labels.default({}),
        taints: z
          .array(
            z.object({
              key: z.string(),
              value: z.string().optional(),
              effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']),
            }),
          )
          .default([]),
      }),
    )
    .min(1),
  namespaces: z.array(z.object({ name: z.string(), labels: labels.default({}) })).default([]),
  users: z.array(user).min(1),
  services: z
    .array(
      z.object({
        name: z.string(),
        namespace: z.string(),
        selector: labels,
        ports: z
          .array(
            z.object({
              port: z.number().int(),
              targetPort: z.number().int().optional(),
              protocol: z.enum(['TCP', 'UDP']).default('TCP'),
              name: z.string().optional(),
            }),
          )
          .min(1),
      }),
    )
    .default([]),
  pods: z.array(pod).default([]),
  /** Objects-only pods (no processes) for scale tests: spread over the given namespaces and nodes. */
  virtualPods: z
    .object({
      count: z.number().int().min(0),
      namespaces: z.array(z.string()).min(1),
      namePrefix: z.string().default('virt'),
    })
    .optional(),
  /** Image references (glob with *) whose pull fails with ErrImagePull, then ImagePullBackOff. */
  failingImages: z.array(z.string()).default(['*.invalid/*', '*/does-not-exist*']),
  /**
   * Image references (glob) whose userland is busybox (Alpine-based images such as netshoot):
   * their commands run with Debian's busybox applets first on PATH, except the listed real tools.
   */
  busyboxImages: z.array(z.string()).default(['*netshoot*', '*alpine*', '*busybox*']),
  /** Seconds of the first CrashLoopBackOff delay (Kubernetes: 10, doubling up to 300). */
  crashLoopBackoffSeconds: z.number().min(0).default(10),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const defaultScenarioPath = fileURLToPath(
  new URL('./scenarios/default.yaml', import.meta.url),
);

export async function loadScenario(path: string = defaultScenarioPath): Promise<Scenario> {
  const text = await readFile(path, 'utf8');
  const result = scenarioSchema.safeParse(parse(text));
  if (!result.success) {
    throw new Error(`scenario ${path} is invalid: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}
