// The real kubectl against the sandbox API server (fake kubelet): what a user sees must look like
// a real cluster's output and errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, waitForOutput, type TestApi } from '../sandbox/api/testing/harness';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  api.state.createPod({
    metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' } },
    spec: { nodeName: 'sbx-node-a', containers: [{ name: 'web', image: 'nginx:1.27' }] },
  });
  api.state.createPod({
    metadata: { name: 'client-1', namespace: 'shop', labels: { app: 'client' } },
    spec: { nodeName: 'sbx-node-b', containers: [{ name: 'client', image: 'busybox:1.36' }] },
  });
  api.state.createPod({
    metadata: { name: 'stuck', namespace: 'default' },
    spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'db', image: 'postgres:16' }] },
  });
});

afterAll(async () => {
  await api?.close();
});

const podManifest = (name: string, extra = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
  labels:
    app: demo${extra}
spec:
  containers:
  - name: main
    image: busybox:1.36
`;

describe('kubectl against the sandbox API server', () => {
  it('lists pods in all namespaces with the wide columns a real cluster prints', async () => {
    const { code, stdout } = await api.kubectl(['get', 'pods', '-A', '-o', 'wide']);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trim().split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'NAMESPACE',
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'IP',
      'NODE',
      'NOMINATED NODE',
      'READINESS GATES',
    ]);
    const web = rows.find((r) => r.includes('web-1'))?.split(/\s+/);
    expect(web?.slice(0, 5)).toEqual(['shop', 'web-1', '1/1', 'Running', '0']);
    expect(web?.[6]).toMatch(/^10\.99\.0\.\d+$/);
    expect(web?.[7]).toBe('sbx-node-a');
    const stuck = rows.find((r) => r.includes('stuck'))?.split(/\s+/);
    expect(stuck?.slice(0, 5)).toEqual(['default', 'stuck', '0/1', 'Pending', '0']);
    expect(stuck?.[6]).toBe('<none>');
  });

  it('prints a single pod with the same server-side columns', async () => {
    const { stdout } = await api.kubectl(['get', 'pod', '-n', 'shop', 'web-1']);
    expect(stdout).toMatch(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nweb-1\s+1\/1\s+Running\s+0\s+\d+s\n$/,
    );
  });

  it('creates, labels and deletes a namespace', async () => {
    expect((await api.kubectl(['create', 'namespace', 'team-a'])).stdout).toBe(
      'namespace/team-a created\n',
    );
    expect(
      (
        await api.kubectl([
          'label',
          'ns',
          'team-a',
          'pod-security.kubernetes.io/enforce=restricted',
        ])
      ).code,
    ).toBe(0);
    const { stdout } = await api.kubectl(['get', 'ns', 'team-a', '--show-labels']);
    expect(stdout).toMatch(
      /team-a\s+Active\s+\S+\s+kubernetes.io\/metadata.name=team-a,pod-security.kubernetes.io\/enforce=restricted/,
    );
    expect((await api.kubectl(['delete', 'ns', 'team-a'])).stdout).toBe(
      'namespace "team-a" deleted\n',
    );
    expect(api.state.namespaces.get('', 'team-a')).toBeUndefined();
  });

  it('filters pods by label selector', async () => {
    const { stdout } = await api.kubectl([
      'get',
      'pods',
      '-n',
      'shop',
      '-l',
      'app=web',
      '-o',
      'name',
    ]);
    expect(stdout.trim()).toBe('pod/web-1');
    const notin = await api.kubectl([
      'get',
      'pods',
      '-n',
      'shop',
      '-l',
      'app notin (web)',
      '-o',
      'name',
    ]);
    expect(notin.stdout.trim()).toBe('pod/client-1');
  });

  it('shows nodes with roles, versions and runtimes', async () => {
    const { stdout } = await api.kubectl(['get', 'nodes', '-o', 'wide']);
    expect(stdout).toMatch(
      /sbx-node-c\s+Ready\s+infra\s+\S+\s+v1\.32\.\d+\s+192\.168\.109\.13\s+<none>.*cri-o:\/\/1\.32/,
    );
  });

  it('describes an unschedulable pod with its FailedScheduling event', async () => {
    const { code, stdout } = await api.kubectl(['describe', 'pod', '-n', 'default', 'stuck']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Status:\s+Pending/);
    expect(stdout).toMatch(
      /Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/3 nodes are available: 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/infra: \}, 2 node\(s\) didn't match Pod's node affinity\/selector\./,
    );
  });

  it('lists events like a real cluster', async () => {
    const { stdout } = await api.kubectl(['get', 'events', '-n', 'default']);
    expect(stdout.split('\n')[0]?.split(/\s{2,}/)).toEqual([
      'LAST SEEN',
      'TYPE',
      'REASON',
      'OBJECT',
      'MESSAGE',
    ]);
    expect(stdout).toMatch(/Warning\s+FailedScheduling\s+pod\/stuck/);
  });

  it('creates, re-applies and deletes a pod from a manifest', async () => {
    const created = await api.kubectl(['create', '-f', '-'], { stdin: podManifest('from-file') });
    expect(created).toMatchObject({ code: 0, stdout: 'pod/from-file created\n' });
    const again = await api.kubectl(['create', '-f', '-'], { stdin: podManifest('from-file') });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      'Error from server (AlreadyExists): error when creating "STDIN": pods "from-file" already exists',
    );

    const applied = await api.kubectl(['apply', '-f', '-'], { stdin: podManifest('applied') });
    expect(applied.stdout).toBe('pod/applied created\n');
    const reapplied = await api.kubectl(['apply', '-f', '-'], {
      stdin: podManifest('applied', '\n    tier: edge'),
    });
    expect(reapplied).toMatchObject({ code: 0, stdout: 'pod/applied configured\n' });
    expect(api.state.getPod('shop', 'applied')?.metadata.labels).toEqual({
      app: 'demo',
      tier: 'edge',
    });

    const labelled = await api.kubectl(['label', 'pod', '-n', 'shop', 'applied', 'team=net']);
    expect(labelled.stdout).toBe('pod/applied labeled\n');
    expect(api.state.getPod('shop', 'applied')?.metadata.labels?.['team']).toBe('net');

    const deleted = await api.kubectl(['delete', '-f', '-'], { stdin: podManifest('from-file') });
    expect(deleted).toMatchObject({ code: 0, stdout: 'pod "from-file" deleted\n' });
    expect(api.state.getPod('shop', 'from-file')).toBeUndefined();
    expect(api.kubelet.terminated.map((t) => t.pod.metadata.name)).toContain('from-file');
  });

  it('watches pods and sees one added and deleted', async () => {
    const watch = api.spawnKubectl(['get', 'pods', '-n', 'shop', '-w']);
    await waitForOutput(watch, (out) => out.includes('web-1'));
    api.state.createPod({
      metadata: { name: 'watched', namespace: 'shop' },
      spec: { nodeName: 'sbx-node-a', containers: [{ name: 'c', image: 'busybox:1.36' }] },
    });
    await waitForOutput(watch, (out) => /watched\s+1\/1\s+Running/.test(out));
    api.state.deletePod('shop', 'watched');
    const out = await waitForOutput(watch, (o) => /watched\s+\S+\s+Terminating/.test(o));
    expect(out.split('\n').filter((l) => l.startsWith('NAME')).length).toBeLessThanOrEqual(1);
    watch.kill('SIGKILL');
  });

  it('answers auth can-i with yes for the admin and no (exit 1) for the viewer', async () => {
    const admin = await api.kubectl(['auth', 'can-i', 'create', 'pods', '-n', 'snoopy-system']);
    expect(admin).toMatchObject({ code: 0, stdout: 'yes\n' });
    const viewer = await api.kubectl(['auth', 'can-i', 'create', 'pods', '-n', 'snoopy-system'], {
      user: 'viewer',
    });
    expect(viewer).toMatchObject({ code: 1, stdout: 'no\n' });
    const dev = await api.kubectl(
      ['auth', 'can-i', 'create', 'pods', '--subresource=exec', '-n', 'shop'],
      { user: 'shop-dev' },
    );
    expect(dev.stdout).toBe('yes\n');
  });

  it('prints an RBAC denial as kubectl prints a real one', async () => {
    const { code, stderr } = await api.kubectl(
      ['run', 'nope', '-n', 'snoopy-system', '--image=busybox'],
      { user: 'viewer' },
    );
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Error from server (Forbidden): pods is forbidden: User "viewer" cannot create resource "pods" in API group "" in the namespace "snoopy-system"',
    );
    const nodes = await api.kubectl(['get', 'nodes'], { user: 'shop-dev' });
    expect(nodes.stderr.trim()).toBe(
      'Error from server (Forbidden): nodes is forbidden: User "shop-dev" cannot list resource "nodes" in API group "" at the cluster scope',
    );
  });

  it('prints a Pod Security rejection as kubectl prints a real one', async () => {
    const manifest = `apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: shop}
spec:
  hostPID: true
  containers:
  - name: agent
    image: busybox
    securityContext: {privileged: true}
`;
    const { code, stderr } = await api.kubectl(['apply', '-f', '-'], { stdin: manifest });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "agent" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostPID=true), privileged (container "agent" must not set securityContext.privileged=true)',
    );
    const dryRun = await api.kubectl(['apply', '--dry-run=server', '-f', '-'], {
      stdin: manifest.replace('namespace: shop', 'namespace: snoopy-system'),
    });
    expect(dryRun).toMatchObject({ code: 0, stdout: 'pod/agent created (server dry run)\n' });
    expect(api.state.getPod('snoopy-system', 'agent')).toBeUndefined();
  });

  it('pages through a list with limit and continue', async () => {
    const { code, stdout } = await api.kubectl([
      'get',
      'pods',
      '-A',
      '--chunk-size=1',
      '-o',
      'name',
    ]);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').length).toBe(api.state.listPods().length);
  });

  it('hands exec upgrades to the exec module, after RBAC', async () => {
    const ok = await api.kubectl(['exec', '-n', 'shop', 'web-1', '--', 'echo', 'hi'], {
      user: 'shop-dev',
    });
    expect(ok).toMatchObject({ code: 0, stdout: 'echo hi\n' });
    expect(api.kubelet.execs.at(-1)?.req).toMatchObject({
      container: 'web',
      command: ['echo', 'hi'],
    });
    const denied = await api.kubectl(['exec', '-n', 'shop', 'web-1', '--', 'true'], {
      user: 'viewer',
    });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain(
      'pods "web-1" is forbidden: User "viewer" cannot create resource "pods/exec" in API group "" in the namespace "shop"',
    );
  });

  it('streams container logs', async () => {
    api.kubelet.logText = { web: 'line one\nline two\n' };
    const { stdout } = await api.kubectl(['logs', '-n', 'shop', 'web-1']);
    expect(stdout).toBe('line one\nline two\n');
  });
});
