// Minimal pods for the exec tests.
import type { ContainerStatus, Pod } from '../../../contracts';

export interface TestContainer {
  name: string;
  running?: boolean;
}

export function testPod(name: string, containers: TestContainer[], namespace = 'default'): Pod {
  const now = new Date().toISOString();
  const statuses: ContainerStatus[] = containers.map((c) => ({
    name: c.name,
    image: 'busybox',
    imageID: 'docker.io/library/busybox@sha256:0',
    ready: c.running !== false,
    restartCount: 0,
    state:
      c.running === false
        ? { waiting: { reason: 'CrashLoopBackOff' } }
        : { running: { startedAt: now } },
    lastState: {},
  }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: now },
    spec: {
      nodeName: 'node-a',
      containers: containers.map((c) => ({ name: c.name, image: 'busybox' })),
    },
    status: { phase: 'Running', containerStatuses: statuses },
  };
}
