// A pod's life as a kubelet reports it: restarts and CrashLoopBackOff, failing pulls,
// deadlines, completion, NotReady nodes, termination, and the logs of each instance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAll, startTestCluster, type TestCluster } from '../sandbox/runtime/test-cluster';
import { SandboxApiError, type Pod } from '../sandbox/contracts';

const busybox = 'registry.sandbox.local/busybox:1.36';

function waitingReason(pod: Pod): string | undefined {
  const state = pod.status.containerStatuses?.[0]?.state;
  return state && 'waiting' in state ? state.waiting.reason : undefined;
}

describe('runtime pod lifecycle', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster(9, 0.5);
  });
  afterAll(async () => {
    await cluster?.close();
  });

  function admit(name: string, spec: Pod['spec']): Pod {
    const pod = cluster.store.makePod(name, 'default', {
      nodeName: 'node-a',
      terminationGracePeriodSeconds: 0,
      ...spec,
    });
    cluster.kubelet.admit(pod);
    return pod;
  }

  it('backs off a crash-looping container with CrashLoopBackOff and keeps the previous logs', async () => {
    const pod = admit('crashy', {
      containers: [
        {
          name: 'app',
          image: busybox,
          command: ['sh', '-c', 'echo starting; echo "fatal: config missing" >&2; exit 1'],
        },
      ],
    });
    const looping = await cluster.store.waitForPod(
      'default',
      'crashy',
      'CrashLoopBackOff after 2 restarts',
      (p) =>
        waitingReason(p) === 'CrashLoopBackOff' &&
        (p.status.containerStatuses?.[0]?.restartCount ?? 0) >= 2,
    );
    const status = looping.status.containerStatuses?.[0];
    expect(looping.status.phase).toBe('Running');
    expect(status?.lastState).toMatchObject({ terminated: { exitCode: 1, reason: 'Error' } });
    const state = status?.state;
    expect(state && 'waiting' in state ? state.waiting.message : '').toMatch(
      new RegExp(
        `^back-off \\d+(ms|s) restarting failed container=app pod=crashy_default\\(${pod.metadata.uid}\\)$`,
      ),
    );
    expect(
      cluster.store.events.some(
        (e) => e.pod === 'default/crashy' && e.reason === 'BackOff' && e.type === 'Warning',
      ),
    ).toBe(true);
    const previous = await readAll(
      await cluster.kubelet.logs(looping, {
        container: 'app',
        follow: false,
        previous: true,
        timestamps: false,
      }),
    );
    expect(previous.toString()).toBe('starting\nfatal: config missing\n');
    const stamped = await readAll(
      await cluster.kubelet.logs(looping, {
        container: 'app',
        follow: false,
        previous: false,
        timestamps: true,
        tailLines: 1,
      }),
    );
    expect(stamped.toString()).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z fatal: config missing\n$/);
  });

  it('reports ErrImagePull then ImagePullBackOff for an image that cannot be pulled', async () => {
    admit('bad-image', {
      containers: [{ name: 'app', image: 'registry.invalid/nope:1', command: ['sleep', '1'] }],
    });
    const pulling = await cluster.store.waitForPod(
      'default',
      'bad-image',
      'ErrImagePull',
      (p) => waitingReason(p) === 'ErrImagePull',
    );
    expect(pulling.status.phase).toBe('Pending');
    const state = pulling.status.containerStatuses?.[0]?.state;
    expect(state && 'waiting' in state ? state.waiting.message : '').toContain(
      'failed to pull and unpack image "registry.invalid/nope:1"',
    );
    const backoff = await cluster.store.waitForPod(
      'default',
      'bad-image',
      'ImagePullBackOff',
      (p) => waitingReason(p) === 'ImagePullBackOff',
    );
    const backoffState = backoff.status.containerStatuses?.[0]?.state;
    expect(backoffState && 'waiting' in backoffState ? backoffState.waiting.message : '').toBe(
      'Back-off pulling image "registry.invalid/nope:1"',
    );
    const reasons = cluster.store.events
      .filter((e) => e.pod === 'default/bad-image')
      .map((e) => `${e.type}/${e.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining(['Normal/Pulling', 'Warning/Failed', 'Normal/BackOff']),
    );
    await expect(
      cluster.kubelet.logs(backoff, {
        container: 'app',
        follow: false,
        previous: false,
        timestamps: false,
      }),
    ).rejects.toThrow(
      'container "app" in pod "bad-image" is waiting to start: trying and failing to pull image',
    );
  });

  it('fails a pod that outlives activeDeadlineSeconds with DeadlineExceeded', async () => {
    admit('deadline', {
      activeDeadlineSeconds: 1,
      containers: [{ name: 'app', image: busybox, command: ['sleep', '3600'] }],
    });
    const failed = await cluster.store.waitForPod(
      'default',
      'deadline',
      'Failed',
      (p) => p.status.phase === 'Failed',
    );
    expect(failed.status.reason).toBe('DeadlineExceeded');
    expect(failed.status.message).toBe(
      'Pod was active on the node longer than the specified deadline',
    );
    expect(failed.status.containerStatuses?.[0]?.state).toHaveProperty('terminated');
  });

  it('completes a restartPolicy Never pod as Succeeded and refuses exec into it', async () => {
    admit('job', {
      restartPolicy: 'Never',
      containers: [{ name: 'app', image: busybox, command: ['sh', '-c', 'echo done'] }],
    });
    const done = await cluster.store.waitForPod(
      'default',
      'job',
      'Succeeded',
      (p) => p.status.phase === 'Succeeded',
    );
    expect(done.status.containerStatuses?.[0]?.state).toMatchObject({
      terminated: { exitCode: 0, reason: 'Completed' },
    });
    const logs = await readAll(
      await cluster.kubelet.logs(done, {
        container: 'app',
        follow: false,
        previous: false,
        timestamps: false,
      }),
    );
    expect(logs.toString()).toBe('done\n');
    await expect(
      cluster.kubelet.exec(done, {
        container: 'app',
        command: ['true'],
        stdin: false,
        stdout: true,
        stderr: true,
        tty: false,
      }),
    ).rejects.toThrow(
      'cannot exec into a container in a completed pod; current phase is Succeeded',
    );
  });

  it('keeps a pod on a NotReady node Pending until the node is Ready again', async () => {
    cluster.kubelet.setNodeReady('node-b', false);
    const pod = cluster.store.makePod('late', 'default', {
      nodeName: 'node-b',
      terminationGracePeriodSeconds: 0,
      containers: [{ name: 'app', image: busybox, command: ['sleep', '3600'] }],
    });
    cluster.kubelet.admit(pod);
    await new Promise((r) => setTimeout(r, 300));
    expect(cluster.store.getPod('default', 'late')?.status.phase).toBe('Pending');
    expect(cluster.store.getPod('default', 'late')?.status.podIP).toBeUndefined();
    cluster.kubelet.setNodeReady('node-b', true);
    await cluster.store.waitForPod(
      'default',
      'late',
      'Running',
      (p) => p.status.phase === 'Running',
    );
  });

  it('follows a running container log until the container ends', async () => {
    const pod = admit('talker', {
      restartPolicy: 'Never',
      containers: [
        {
          name: 'app',
          image: busybox,
          command: ['sh', '-c', 'for i in 1 2 3; do echo line $i; sleep 0.2; done'],
        },
      ],
    });
    await cluster.store.waitForPod(
      'default',
      'talker',
      'started',
      (p) => p.status.phase !== 'Pending',
    );
    const followed = await readAll(
      await cluster.kubelet.logs(pod, {
        container: 'app',
        follow: true,
        previous: false,
        timestamps: false,
      }),
    );
    expect(followed.toString()).toBe('line 1\nline 2\nline 3\n');
  });

  it('terminates a pod: SIGTERM, then SIGKILL after the grace period, then finalizes its deletion', async () => {
    const pod = admit('stubborn', {
      containers: [
        {
          name: 'app',
          image: busybox,
          command: ['sh', '-c', 'trap "" TERM; while true; do sleep 0.1; done'],
        },
      ],
    });
    await cluster.store.waitForPod(
      'default',
      'stubborn',
      'Running',
      (p) => p.status.phase === 'Running',
    );
    cluster.kubelet.terminate(pod, 1);
    await cluster.store.waitFor('deletion finalized', () =>
      cluster.store.deleted.includes('default/stubborn'),
    );
    expect(cluster.store.getPod('default', 'stubborn')).toBeUndefined();
    expect(
      cluster.store.events.some((e) => e.pod === 'default/stubborn' && e.reason === 'Killing'),
    ).toBe(true);
  });

  it('answers exec and logs for an unknown container as the API server does', async () => {
    const pod = admit('named', {
      containers: [{ name: 'app', image: busybox, command: ['sleep', '3600'] }],
    });
    await cluster.store.waitForPod(
      'default',
      'named',
      'Running',
      (p) => p.status.phase === 'Running',
    );
    const error = await cluster.kubelet
      .exec(pod, {
        container: 'nope',
        command: ['true'],
        stdin: false,
        stdout: true,
        stderr: true,
        tty: false,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxApiError);
    expect((error as SandboxApiError).code).toBe(400);
    expect((error as SandboxApiError).message).toBe('container nope is not valid for pod named');
    await expect(
      cluster.kubelet.logs(pod, {
        container: 'app',
        follow: false,
        previous: true,
        timestamps: false,
      }),
    ).rejects.toThrow('previous terminated container "app" in pod "named" not found');
  });
});
