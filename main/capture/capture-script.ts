// The agent side of captures: a small POSIX sh script (busybox and GNU) sent with each exec as
// `sh -c <script> capture <command> <args…>`. It lives apart from agent-manifests/agent.sh on
// purpose: every exec carries its script in the URL (one `command=` parameter per argv
// element), and agent.sh plus these commands passed the API servers' header limit (Node's
// 16 KiB in the sandbox, 8 KiB on some ingress proxies). User values are argv elements only.
//
//   start ID PID -- TCPDUMP_ARG...  detached `nsenter -t PID -n tcpdump -U -w SPOOL/ID.pcap ARG...`
//   stop ID                         ends tcpdump (INT: it prints its stats), waits, prints stat
//   stat ID                         key=value lines: size, running, captured, dropped
//   stream ID OFFSET [KEEPALIVE]    the spool file from byte OFFSET on stdout, following it until
//                                   tcpdump ended and every byte was sent (exit 0). stdout carries
//                                   file bytes only; keep-alives are "keepalive" lines on stderr,
//                                   so they can never be mistaken for pcap bytes.
// Exit codes: 2 usage, 4 tcpdump failed to start, 5 no such capture, 6 offset past the end.
// String.raw keeps the sh text as written; `\${` (escaped for the template) becomes `${`.
export const CAPTURE_SCRIPT = String.raw`set -u
S=\${SNOOPY_SPOOL:-/spool}
die() { echo "snoopy-capture: $2" >&2; exit "$1"; }
vid() { case \${1:-} in '' | *[!a-z0-9-]*) die 2 "not a capture id: \${1:-}" ;; esac; }
alive() {
p=$(cat "$S/$1.pid" 2>/dev/null) || return 1
kill -0 "$p" 2>/dev/null || return 1
st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$p/status" 2>/dev/null)
[ "$st" != Z ]
}
stat_() {
vid "\${1:-}"; b="$S/$1"
[ -e "$b.pcap" ] || die 5 "no capture $1 in the spool"
echo "size=$(stat -c %s "$b.pcap")"
if alive "$1"; then echo running=yes; else echo running=no; fi
echo "captured=$(sed -n 's/^\([0-9][0-9]*\) packets\{0,1\} captured.*/\1/p' "$b.log" 2>/dev/null)"
echo "dropped=$(sed -n 's/^\([0-9][0-9]*\) packets\{0,1\} dropped by kernel.*/\1/p' "$b.log" 2>/dev/null)"
}
start() {
[ $# -ge 3 ] || die 2 "usage: start ID PID -- TCPDUMP_ARG..."
vid "$1"; b="$S/$1"; pid=$2
case $pid in '' | *[!0-9]*) die 2 "not a PID: $pid" ;; esac
[ "$3" = -- ] || die 2 "start: expected -- before the tcpdump arguments"
shift 3
[ -e "$b.pcap" ] && die 2 "capture exists already"
: >"$b.pcap" || die 1 "cannot write in the spool $S"
# setsid: the capture outlives this exec. setsid may fork (when it leads a process group), so
# the process writes its own PID, then execs nsenter, which execs tcpdump: same PID. The inline
# script is constant; user values stay positional parameters.
rm -f "$b.pid"
setsid sh -c 'echo $$ >"$1"; shift; exec "$@"' sh "$b.pid" nsenter -t "$pid" -n tcpdump -U -w "$b.pcap" "$@" </dev/null >/dev/null 2>"$b.log" &
i=0
while [ ! -s "$b.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
i=0
while [ $i -lt 100 ]; do
grep -q 'listening on' "$b.log" 2>/dev/null && { echo started; return 0; }
alive "$(basename "$b")" || { cat "$b.log" >&2; die 4 "tcpdump ended at once"; }
sleep 0.1; i=$((i + 1))
done
echo started
}
stop() {
vid "\${1:-}"
[ -e "$S/$1.pcap" ] || die 5 "no capture $1 in the spool"
if alive "$1"; then
kill -INT "$(cat "$S/$1.pid")" 2>/dev/null
i=0
while alive "$1" && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
alive "$1" && kill -KILL "$(cat "$S/$1.pid")" 2>/dev/null
fi
stat_ "$1"
}
stream() {
vid "\${1:-}"; off=\${2:-0}; keep=\${3:-10}; f="$S/$1.pcap"
case $off in '' | *[!0-9]*) die 2 "not an offset: $off" ;; esac
case $keep in '' | *[!0-9]*) die 2 "not a keep-alive interval: $keep" ;; esac
[ -e "$f" ] || die 5 "no capture $1 in the spool"
[ "$(stat -c %s "$f")" -lt "$off" ] && die 6 "offset $off is past the end of the capture"
# One open file, positioned once (dd seeks): each cat sends from there to the end and moves
# the shared offset on, so no byte is sent twice or skipped, without re-reading the file.
exec 3<"$f"
dd bs=1 skip="$off" count=0 <&3 2>/dev/null || die 1 "cannot seek to $off"
idle=0; last=-1
while :; do
# "running" before reading: whatever tcpdump wrote before it ended is then sent.
if alive "$1"; then a=yes; else a=no; fi
cat <&3 || exit 1
[ $a = no ] && exit 0
size=$(stat -c %s "$f")
if [ "$size" != "$last" ]; then last=$size; idle=0; continue; fi
idle=$((idle + 1))
[ $idle -ge $((keep * 20)) ] && { echo keepalive >&2; idle=0; }
sleep 0.05
done
}
c=\${1:-}; [ $# -gt 0 ] && shift
case $c in
start) start "$@" ;; stop) stop "$@" ;; stat) stat_ "$@" ;; stream) stream "$@" ;;
*) die 2 "unknown command: $c (start, stop, stat, stream)" ;;
esac
`.replaceAll('\\${', '${');

/** argv for `sh -c CAPTURE_SCRIPT capture <command> <args…>` in the agent. */
export function captureArgv(
  command: 'start' | 'stop' | 'stat' | 'stream',
  args: readonly string[],
): string[] {
  return ['sh', '-c', CAPTURE_SCRIPT, 'capture', command, ...args];
}
