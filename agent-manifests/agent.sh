#!/bin/sh
# podtracer agent: the main process of Snoopy's node-local agent pod, and the small commands the
# app runs in it through the exec API (always as argv: `sh -c "$AGENT" agent find UID ID...`,
# never a shell string holding user values). POSIX sh: runs on busybox (netshoot/Alpine) and GNU.
#
#   agent.sh run                      prepare the spool, then live while the heartbeat is fresh
#   agent.sh heartbeat                renew the heartbeat (the app does this every few seconds)
#   agent.sh age                      seconds since the last heartbeat
#   agent.sh find POD_UID [CONTAINER_ID...]
#                                     the PID to nsenter for a pod, printed as key=value lines:
#                                     pid=…, via=container|sandbox-by-uid, hostNetwork=yes|no|unknown
#
# Settings (env): SNOOPY_SPOOL (default /spool), SNOOPY_HEARTBEAT_TIMEOUT seconds (default 30),
# SNOOPY_PROC (default /proc; tests point it at a fake proc tree), SNOOPY_AGENT_HOST_NETWORK=yes
# when the agent pod runs in the node's network namespace.
#
# The cgroup rules in `find` are the same as main/agent/discovery/cgroup-match.ts: keep them in
# lockstep (test/unit/agent-discovery.test.ts runs both over the same lines).
set -u

SPOOL=${SNOOPY_SPOOL:-/spool}
TIMEOUT=${SNOOPY_HEARTBEAT_TIMEOUT:-30}
PROC=${SNOOPY_PROC:-/proc}
BEAT="$SPOOL/.heartbeat"

die() {
  echo "snoopy-agent: $2" >&2
  exit "$1"
}

now() { date +%s; }

heartbeat_age() {
  last=$(stat -c %Y "$BEAT" 2>/dev/null) || last=0
  echo $(($(now) - last))
}

run() {
  mkdir -p "$SPOOL" || die 1 "cannot create the spool $SPOOL"
  touch "$BEAT" || die 1 "cannot write the heartbeat in $SPOOL"
  # Deletion sends TERM: end at once instead of waiting out a sleep.
  trap 'exit 0' TERM INT
  echo "snoopy-agent: ready (spool $SPOOL, heartbeat timeout ${TIMEOUT}s)"
  while :; do
    if [ "$(heartbeat_age)" -gt "$TIMEOUT" ]; then
      echo "snoopy-agent: no heartbeat for more than ${TIMEOUT}s: the app is gone, exiting"
      exit 0
    fi
    sleep 1 &
    wait $!
  done
}

# --- find: a pod's process from /proc/*/cgroup --------------------------------------------------

# How the cgroup file $1 belongs to the pod: prints container, sandbox or none.
# Globals: UID_DASHED, UID_UNDER, IDS (space-separated bare container IDs).
classify() {
  match=none
  while IFS= read -r line || [ -n "$line" ]; do
    path=${line#*:}
    case $path in *:*) path=${path#*:} ;; *) continue ;; esac
    # CRI-O's conmon lives in the pod's slice but in the host netns: never a match.
    case $path in */crio-conmon-*) continue ;; esac
    old_ifs=$IFS
    IFS=/
    set -f
    # shellcheck disable=SC2086 # splitting the path into segments is the point
    set -- $path
    set +f
    IFS=$old_ifs
    for seg in "$@"; do
      for id in $IDS; do
        case $seg in
          "$id" | "cri-containerd-$id.scope" | "crio-$id.scope" | "crio-$id" | "docker-$id.scope")
            echo container
            return 0
            ;;
        esac
      done
      [ -n "$UID_DASHED" ] || continue
      case $seg in
        "pod$UID_DASHED" | "pod$UID_UNDER" | kubepods*"-pod$UID_UNDER.slice" | kubepods*"-pod$UID_DASHED.slice")
          match=sandbox
          ;;
      esac
    done
  done <"$1"
  echo "$match"
}

netns_of() { readlink "$PROC/$1/ns/net" 2>/dev/null; }

find_pod() {
  [ $# -ge 1 ] || die 2 "usage: agent.sh find POD_UID [CONTAINER_ID...]"
  UID_DASHED=$1
  shift
  case $UID_DASHED in *[!0-9a-fA-F-]*) die 2 "not a pod UID: $UID_DASHED" ;; esac
  UID_UNDER=$(echo "$UID_DASHED" | tr - _)
  IDS=
  patterns=
  for raw in "$@"; do
    id=${raw#*://}
    case $id in '' | *[!0-9a-zA-Z]*) die 2 "not a container ID: $raw" ;; esac
    IDS="$IDS $id"
    patterns="$patterns $id"
  done
  [ -n "$UID_DASHED" ] && patterns="$patterns $UID_DASHED $UID_UNDER"
  [ -n "$patterns" ] || die 2 "nothing to look for: give a pod UID or container IDs"

  # grep narrows thousands of processes to the few that mention the pod; classify decides.
  set -f
  # shellcheck disable=SC2086
  set -- $patterns
  set +f
  grep_args=
  for p in "$@"; do grep_args="$grep_args -e $p"; done
  sandbox_pid=
  # shellcheck disable=SC2086 # the patterns were validated above: hex, letters, digits, dashes
  candidates=$(grep -l -F $grep_args "$PROC"/[0-9]*/cgroup 2>/dev/null)
  for file in $candidates; do
    pid=${file%/cgroup}
    pid=${pid##*/}
    case $(classify "$file" 2>/dev/null) in
      container)
        report "$pid" container
        return 0
        ;;
      sandbox) [ -n "$sandbox_pid" ] || sandbox_pid=$pid ;;
    esac
  done
  if [ -n "$sandbox_pid" ]; then
    report "$sandbox_pid" sandbox-by-uid
    return 0
  fi
  die 3 "no process of pod $UID_DASHED (containers:${IDS:- none}) on this node: is the pod on this node and its sandbox running?"
}

report() {
  echo "pid=$1"
  echo "via=$2"
  mine=$(netns_of "$1")
  # The node's network namespace is PID 1's. Where /proc/1/ns is not readable (hardened
  # kernels, some sandboxes), the agent's own is the node's: the agent pod is hostNetwork.
  host=$(netns_of 1) || host=
  if [ -z "$host" ] && [ "${SNOOPY_AGENT_HOST_NETWORK:-}" = yes ]; then host=$(netns_of self); fi
  if [ -z "$mine" ] || [ -z "$host" ]; then
    echo "hostNetwork=unknown"
  elif [ "$mine" = "$host" ]; then
    echo "hostNetwork=yes"
  else
    echo "hostNetwork=no"
  fi
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case $cmd in
  run) run ;;
  heartbeat) touch "$BEAT" || die 1 "cannot write the heartbeat in $SPOOL" ;;
  age) heartbeat_age ;;
  find) find_pod "$@" ;;
  *) die 2 "unknown command: $cmd (run, heartbeat, age, find)" ;;
esac
