// "Discovery as a unit" (DESIGN.md): does a process belong to the pod we look for? Decided from
// the text of its /proc/<pid>/cgroup alone, the way kubeshark's cgroup finder does it.
//
// agent-manifests/agent.sh implements the SAME rules in POSIX sh (it is what runs on the node);
// test/unit/agent-discovery.test.ts runs both over the same real cgroup lines, so change them
// together.
//
// Every line is `hierarchy-id:controllers:path` (cgroup v1: one line per hierarchy; v2: `0::path`).
// Only the path's segments matter, so cgroup-namespace prefixes (`/../../`) and the driver's
// nesting do not: a segment either names the container, names the pod, or neither.

export type CgroupMatch = 'container' | 'sandbox' | 'none';

/** `containerd://abc…`, `cri-o://abc…`, `docker://abc…` → `abc…` (the form cgroups use). */
export function bareContainerId(id: string): string {
  const scheme = id.indexOf('://');
  return scheme >= 0 ? id.slice(scheme + 3) : id;
}

/** The segment names a runtime gives a container's cgroup (systemd and cgroupfs drivers). */
function isContainerSegment(segment: string, id: string): boolean {
  return (
    segment === id || // cgroupfs: /kubepods/besteffort/pod<uid>/<id>, /docker/<id>
    segment === `cri-containerd-${id}.scope` || // containerd + systemd
    segment === `crio-${id}.scope` || // CRI-O + systemd
    segment === `crio-${id}` || // CRI-O + cgroupfs
    segment === `docker-${id}.scope` // Docker (+ cri-dockerd) + systemd
  );
}

/** `pod<uid>` (cgroupfs) or `kubepods[-<qos>]-pod<uid_with_underscores>.slice` (systemd). */
function isPodSegment(segment: string, podUid: string): boolean {
  const underscored = podUid.replaceAll('-', '_');
  if (segment === `pod${podUid}` || segment === `pod${underscored}`) return true;
  return (
    segment.startsWith('kubepods') &&
    (segment.endsWith(`-pod${underscored}.slice`) || segment.endsWith(`-pod${podUid}.slice`))
  );
}

/**
 * How the process whose cgroup file this is belongs to the pod:
 * - 'container': it runs in one of the containers (the best way in: the container's netns);
 * - 'sandbox': it runs elsewhere in the pod's cgroup (the pause/sandbox process), which shares
 *   the pod's network namespace — the fallback for pods whose containers are not running;
 * - 'none': it is not the pod's. CRI-O's `crio-conmon-<id>` monitor sits in the pod's slice but
 *   in the HOST's network namespace, so it is never a match, not even as the sandbox.
 */
export function matchCgroup(
  cgroupText: string,
  podUid: string,
  containerIds: readonly string[],
): CgroupMatch {
  const ids = containerIds.map(bareContainerId).filter((id) => id !== '');
  let sandbox = false;
  for (const line of cgroupText.split('\n')) {
    const segments = cgroupPath(line).split('/');
    if (segments.some((s) => s.startsWith('crio-conmon-'))) continue;
    if (segments.some((s) => ids.some((id) => isContainerSegment(s, id)))) return 'container';
    if (podUid !== '' && segments.some((s) => isPodSegment(s, podUid))) sandbox = true;
  }
  return sandbox ? 'sandbox' : 'none';
}

/** The path of `id:controllers:path` (controllers never contain ':', paths may). */
function cgroupPath(line: string): string {
  const first = line.indexOf(':');
  const second = first < 0 ? -1 : line.indexOf(':', first + 1);
  return second < 0 ? '' : line.slice(second + 1);
}
