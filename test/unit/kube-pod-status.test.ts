// The STATUS, READY and RESTARTS columns, case by case, as kubectl's printPod computes them.
import { describe, expect, it } from 'vitest';
import { podStatusColumns } from '../../main/kube/pods/pod-status';
import type { RawContainerState, RawContainerStatus, RawPod } from '../../main/kube/pods/raw-pod';

const T = '2024-05-01T10:00:00Z';
const running: RawContainerState = { running: { startedAt: T } };
const waiting = (reason: string): RawContainerState => ({ waiting: { reason } });
const terminated = (
  exitCode: number,
  reason?: string,
  extra: { signal?: number; finishedAt?: string } = {},
): RawContainerState => ({
  terminated: { exitCode, ...(reason ? { reason } : {}), finishedAt: T, ...extra },
});

function status(
  name: string,
  state: RawContainerState,
  more: Partial<RawContainerStatus> = {},
): RawContainerStatus {
  return { name, ready: false, restartCount: 0, state, ...more };
}

function pod(opts: {
  phase?: string;
  reason?: string;
  containers?: RawContainerStatus[];
  init?: RawContainerStatus[];
  sidecars?: string[];
  conditions?: Array<{ type: string; status: string; reason?: string }>;
  deleting?: boolean;
  specContainers?: number;
}): RawPod {
  const containers = opts.containers ?? [];
  const init = opts.init ?? [];
  return {
    metadata: {
      name: 'p',
      namespace: 'ns',
      uid: 'u',
      ...(opts.deleting ? { deletionTimestamp: T } : {}),
    },
    spec: {
      containers: Array.from({ length: opts.specContainers ?? containers.length }, (_, i) => ({
        name: containers[i]?.name ?? `c${i}`,
      })),
      initContainers: init.map((c) => ({
        name: c.name,
        ...(opts.sidecars?.includes(c.name) ? { restartPolicy: 'Always' } : {}),
      })),
    },
    status: {
      phase: opts.phase ?? 'Running',
      ...(opts.reason ? { reason: opts.reason } : {}),
      conditions: opts.conditions ?? [],
      containerStatuses: containers,
      initContainerStatuses: init,
    },
  };
}

const statusOf = (p: RawPod): string => podStatusColumns(p).status;

describe('kubectl STATUS column', () => {
  it('Running with every container ready', () => {
    const cols = podStatusColumns(
      pod({
        containers: [status('a', running, { ready: true }), status('b', running, { ready: true })],
      }),
    );
    expect(cols).toMatchObject({
      status: 'Running',
      readyContainers: 2,
      totalContainers: 2,
      restarts: 0,
    });
  });

  it('Pending with no container status yet', () => {
    expect(statusOf(pod({ phase: 'Pending', specContainers: 1 }))).toBe('Pending');
  });

  it('ContainerCreating while the container waits', () => {
    expect(
      statusOf(pod({ phase: 'Pending', containers: [status('a', waiting('ContainerCreating'))] })),
    ).toBe('ContainerCreating');
  });

  it('CrashLoopBackOff with restarts and the last restart time', () => {
    const cols = podStatusColumns(
      pod({
        containers: [
          status('a', waiting('CrashLoopBackOff'), {
            restartCount: 5,
            lastState: terminated(1, 'Error', { finishedAt: '2024-05-01T10:05:00Z' }),
          }),
        ],
      }),
    );
    expect(cols).toMatchObject({
      status: 'CrashLoopBackOff',
      readyContainers: 0,
      restarts: 5,
      lastRestartAt: '2024-05-01T10:05:00.000Z',
    });
  });

  it('ImagePullBackOff and ErrImagePull', () => {
    expect(
      statusOf(pod({ phase: 'Pending', containers: [status('a', waiting('ImagePullBackOff'))] })),
    ).toBe('ImagePullBackOff');
    expect(
      statusOf(pod({ phase: 'Pending', containers: [status('a', waiting('ErrImagePull'))] })),
    ).toBe('ErrImagePull');
  });

  it('Completed and Error from terminated containers', () => {
    expect(
      statusOf(pod({ phase: 'Succeeded', containers: [status('a', terminated(0, 'Completed'))] })),
    ).toBe('Completed');
    expect(
      statusOf(pod({ phase: 'Failed', containers: [status('a', terminated(1, 'Error'))] })),
    ).toBe('Error');
  });

  it('OOMKilled', () => {
    expect(statusOf(pod({ containers: [status('a', terminated(137, 'OOMKilled'))] }))).toBe(
      'OOMKilled',
    );
  });

  it('ExitCode:N and Signal:N when the runtime gives no reason', () => {
    expect(statusOf(pod({ containers: [status('a', terminated(3))] }))).toBe('ExitCode:3');
    expect(
      statusOf(pod({ containers: [status('a', terminated(0, undefined, { signal: 9 }))] })),
    ).toBe('Signal:9');
  });

  it('the first container’s reason wins (kubectl walks them backwards)', () => {
    expect(
      statusOf(
        pod({
          containers: [
            status('a', waiting('CrashLoopBackOff')),
            status('b', waiting('ImagePullBackOff')),
          ],
        }),
      ),
    ).toBe('CrashLoopBackOff');
  });

  it('Running or NotReady, not Completed, while another container still runs', () => {
    const containers = [
      status('a', running, { ready: true }),
      status('b', terminated(0, 'Completed')),
    ];
    expect(statusOf(pod({ containers, conditions: [{ type: 'Ready', status: 'True' }] }))).toBe(
      'Running',
    );
    expect(statusOf(pod({ containers, conditions: [{ type: 'Ready', status: 'False' }] }))).toBe(
      'NotReady',
    );
  });

  it('Evicted from the pod reason', () => {
    expect(statusOf(pod({ phase: 'Failed', reason: 'Evicted', specContainers: 1 }))).toBe(
      'Evicted',
    );
  });

  it('Terminating while deleting a pod that has not finished', () => {
    expect(
      statusOf(pod({ deleting: true, containers: [status('a', running, { ready: true })] })),
    ).toBe('Terminating');
    // A finished pod being deleted keeps its final status.
    expect(
      statusOf(
        pod({
          deleting: true,
          phase: 'Succeeded',
          containers: [status('a', terminated(0, 'Completed'))],
        }),
      ),
    ).toBe('Completed');
  });

  it('Unknown for a deleted pod of a lost node (NodeLost)', () => {
    expect(statusOf(pod({ deleting: true, reason: 'NodeLost', specContainers: 1 }))).toBe(
      'Unknown',
    );
  });

  it('NodeLost without deletion stays NodeLost', () => {
    expect(statusOf(pod({ reason: 'NodeLost', specContainers: 1 }))).toBe('NodeLost');
  });

  it('Init:N/M while init containers run', () => {
    const p = pod({
      phase: 'Pending',
      init: [status('i1', terminated(0, 'Completed')), status('i2', running)],
      containers: [status('a', waiting('PodInitializing'))],
    });
    expect(statusOf(p)).toBe('Init:1/2');
  });

  it('Init:0/1 while the init container waits to initialize', () => {
    expect(
      statusOf(
        pod({
          phase: 'Pending',
          init: [status('i1', waiting('PodInitializing'))],
          specContainers: 1,
        }),
      ),
    ).toBe('Init:0/1');
  });

  it('Init:CrashLoopBackOff, Init:Error, Init:ExitCode and Init:Signal', () => {
    const initPod = (s: RawContainerState, more: Partial<RawContainerStatus> = {}) =>
      pod({ phase: 'Pending', init: [status('i1', s, more)], specContainers: 1 });
    expect(statusOf(initPod(waiting('CrashLoopBackOff'), { restartCount: 3 }))).toBe(
      'Init:CrashLoopBackOff',
    );
    expect(
      podStatusColumns(initPod(waiting('CrashLoopBackOff'), { restartCount: 3 })).restarts,
    ).toBe(3);
    expect(statusOf(initPod(terminated(1, 'Error')))).toBe('Init:Error');
    expect(statusOf(initPod(terminated(2)))).toBe('Init:ExitCode:2');
    expect(statusOf(initPod(terminated(0, undefined, { signal: 15 })))).not.toMatch(/^Init:Signal/);
    expect(statusOf(initPod(terminated(143, undefined, { signal: 15 })))).toBe('Init:Signal:15');
  });

  it('counts a started sidecar (restartable init container) as ready and in the total', () => {
    const cols = podStatusColumns(
      pod({
        init: [status('proxy', running, { started: true, ready: true, restartCount: 2 })],
        sidecars: ['proxy'],
        containers: [status('a', running, { ready: true, restartCount: 1 })],
        conditions: [{ type: 'Initialized', status: 'True' }],
      }),
    );
    expect(cols).toMatchObject({
      status: 'Running',
      readyContainers: 2,
      totalContainers: 2,
      restarts: 3,
    });
  });

  it('SchedulingGated from the PodScheduled condition', () => {
    expect(
      statusOf(
        pod({
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
          specContainers: 1,
        }),
      ),
    ).toBe('SchedulingGated');
  });
});
