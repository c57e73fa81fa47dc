#!/usr/bin/python3
"""Creates a container's fresh namespaces, forks its first process and reports on fd STATUS_FD.

usage: pod-init.py STATUS_FD NAMESPACES -- ARGV...
NAMESPACES is a comma list of mount,uts,ipc,pid (or "-"). Reports, one per line:
"pid <host pid of the container process>", then "exit <code>" or "signal <number>".
It stays outside the container's cgroup (the child moves itself), so a cgroup scan finds only
container processes, and it gives the runtime the real exit status of a PID-namespace init.
"""
import ctypes
import os
import signal
import sys

CLONE_FLAGS = {"mount": 0x00020000, "uts": 0x04000000, "ipc": 0x08000000, "pid": 0x20000000}
MS_REC, MS_PRIVATE = 0x4000, 0x40000
MS_NOSUID, MS_NODEV, MS_NOEXEC = 0x2, 0x4, 0x8
PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36

libc = ctypes.CDLL(None, use_errno=True)


def fail(what):
    err = ctypes.get_errno()
    sys.stderr.write("pod-init: %s: %s\n" % (what, os.strerror(err)))
    sys.exit(126)


def main():
    status_fd = int(sys.argv[1])
    namespaces = [] if sys.argv[2] == "-" else sys.argv[2].split(",")
    if sys.argv[3] != "--":
        sys.exit("usage: pod-init.py STATUS_FD NAMESPACES -- ARGV...")
    argv = sys.argv[4:]

    flags = 0
    for name in namespaces:
        flags |= CLONE_FLAGS[name]
    if flags and libc.unshare(flags) != 0:
        fail("unshare(%s)" % ",".join(namespaces))
    if "mount" in namespaces and libc.mount(None, b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        fail("make / private")

    parent = os.getpid()
    # Like a containerd shim: orphans of a hostPID container come back to us, not to PID 1.
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1)
    pid = os.fork()
    if pid == 0:
        # Die with the runtime's watcher rather than live on unobserved.
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        # (In a new PID namespace the parent is outside it and getppid() reads 0.)
        if os.getppid() not in (parent, 0):
            os._exit(137)
        if "pid" in namespaces and libc.mount(b"proc", b"/proc", b"proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, None) != 0:
            fail("mount /proc")
        try:
            os.execv(argv[0], argv)
        except OSError as error:
            sys.stderr.write("pod-init: exec %s: %s\n" % (argv[0], error.strerror))
            os._exit(127)

    os.write(status_fd, b"pid %d\n" % pid)
    for sig in (signal.SIGINT, signal.SIGHUP, signal.SIGPIPE):
        signal.signal(sig, signal.SIG_IGN)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        os.write(status_fd, b"signal %d\n" % os.WTERMSIG(status))
        code = 128 + os.WTERMSIG(status)
    else:
        os.write(status_fd, b"exit %d\n" % os.WEXITSTATUS(status))
        code = os.WEXITSTATUS(status)
    reap_leftovers()
    sys.exit(code)


def reap_leftovers():
    """When the first process ends, the rest of the container goes too (as runc does)."""
    me = os.getpid()
    while True:
        try:
            with open("/proc/%d/task/%d/children" % (me, me)) as f:
                for child in f.read().split():
                    try:
                        os.kill(int(child), signal.SIGKILL)
                    except ProcessLookupError:
                        pass
        except OSError:
            pass
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


main()
