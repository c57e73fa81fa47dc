import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from '../sandbox/contracts';
import { humanDuration } from '../sandbox/api/printers/human-duration';
import { podRow } from '../sandbox/api/printers/pod-row';

const now = new Date('2025-01-01T01:00:00Z');

function pod(status: Partial<Pod['status']>, extra: Partial<Pod> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'p',
      uid: 'u',
      resourceVersion: '1',
      creationTimestamp: '2025-01-01T00:00:00Z',
    },
    spec: { nodeName: 'n', containers: [{ name: 'c', image: 'i' }] },
    status: { phase: 'Running', ...status },
    ...extra,
  };
}

const container = (s: Partial<ContainerStatus>): ContainerStatus => ({
  name: 'c',
  image: 'i',
  imageID: '',
  ready: false,
  restartCount: 0,
  state: { running: { startedAt: '2025-01-01T00:00:00Z' } },
  lastState: {},
  ...s,
});

describe("the pod printer's STATUS, READY and RESTARTS", () => {
  it('shows CrashLoopBackOff with restarts and when the last one was', () => {
    const row = podRow(
      pod({
        containerStatuses: [
          container({
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: {
              terminated: { exitCode: 1, reason: 'Error', finishedAt: '2025-01-01T00:55:00Z' },
            },
          }),
        ],
      }),
      now,
    );
    expect(row.cells.slice(1, 5)).toEqual(['0/1', 'CrashLoopBackOff', '4 (5m ago)', '60m']);
  });

  it('shows Completed for a finished pod, Init:0/1 while initializing, Terminating when deleted', () => {
    const done = pod({
      phase: 'Succeeded',
      containerStatuses: [
        container({
          state: {
            terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2025-01-01T00:10:00Z' },
          },
        }),
      ],
    });
    expect(podRow(done, now).cells[2]).toBe('Completed');

    const init = pod(
      {
        phase: 'Pending',
        ...({
          initContainerStatuses: [
            container({ name: 'setup', state: { waiting: { reason: 'PodInitializing' } } }),
          ],
        } as object),
      },
      {
        spec: {
          containers: [{ name: 'c', image: 'i' }],
          initContainers: [{ name: 'setup', image: 'i' }],
        },
      },
    );
    expect(podRow(init, now).cells[2]).toBe('Init:0/1');

    const running = pod({ containerStatuses: [container({ ready: true })] });
    const deleting = {
      ...running,
      metadata: { ...running.metadata, deletionTimestamp: '2025-01-01T01:00:30Z' },
    };
    expect(podRow(running, now).cells.slice(1, 3)).toEqual(['1/1', 'Running']);
    expect(podRow(deleting, now).cells[2]).toBe('Terminating');
  });

  it('shows ImagePullBackOff and the wide columns', () => {
    const row = podRow(
      pod({
        phase: 'Pending',
        containerStatuses: [container({ state: { waiting: { reason: 'ImagePullBackOff' } } })],
      }),
      now,
    );
    expect(row.cells).toEqual([
      'p',
      '0/1',
      'ImagePullBackOff',
      '0',
      '60m',
      '<none>',
      'n',
      '<none>',
      '<none>',
    ]);
  });
});

describe('AGE', () => {
  it.each([
    [5_000, '5s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [600_000, '10m'],
    [3 * 3600_000 + 5 * 60_000, '3h5m'],
    [30 * 3600_000, '30h'],
    [3 * 86400_000 + 3600_000, '3d1h'],
    [400 * 86400_000, '400d'],
  ])('%i ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
