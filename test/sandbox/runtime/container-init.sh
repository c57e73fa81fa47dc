#!/bin/sh
# The last step before a container's (or an exec's) command: runs inside the container's
# namespaces, moves itself into the container's cgroups, sets up the mounts, then execs.
# It takes a fixed list of steps as argv and never evaluates any of it as shell code.
# usage: container-init.sh MOUNT_BIN MKDIR_BIN STEP... (exec|run) ARGV...
set -eu
mount_bin=$1
mkdir_bin=$2
shift 2
while [ "$#" -gt 0 ]; do
  step=$1
  shift
  case "$step" in
    cgroup) echo 0 > "$1"; shift ;;
    hostname) echo "$1" > /proc/sys/kernel/hostname; shift ;;
    bind) "$mount_bin" --bind "$1" "$2"; shift 2 ;;
    tmpfs) "$mount_bin" -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$1"; shift ;;
    move) "$mkdir_bin" -p "$2"; "$mount_bin" --move "$1" "$2"; shift 2 ;;
    readonly) "$mount_bin" -o remount,bind,ro "$1"; shift ;;
    cd) cd "$1"; shift ;;
    # A container start: tell the runtime on fd 3 that the command is about to run.
    exec) echo started >&3; exec 3>&-; exec "$@" ;;
    # An exec into a running container: nothing to report.
    run) exec "$@" ;;
    *) echo "container-init: unknown step $step" >&2; exit 126 ;;
  esac
done
echo "container-init: no command" >&2
exit 126
