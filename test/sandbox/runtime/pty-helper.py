#!/usr/bin/python3
"""Runs a command on a fresh pseudo-terminal for `kubectl exec -t`.

usage: pty-helper.py RESIZE_FD STATUS_FD WITH_STDIN(0|1) -- ARGV...
Relays stdin to the terminal and the terminal to stdout, byte for byte. Lines "COLS ROWS" on
RESIZE_FD set the window size (TIOCSWINSZ, so the command gets SIGWINCH). Writes
"pid <child pid>" on STATUS_FD; the child leads its own session and process group.
"""
import errno
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios


def write_all(fd, data):
    while data:
        written = os.write(fd, data)
        data = data[written:]


def main():
    resize_fd, status_fd = int(sys.argv[1]), int(sys.argv[2])
    with_stdin = sys.argv[3] == "1"
    argv = sys.argv[5:]
    pid, master = pty.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        except OSError as error:
            sys.stderr.write("exec %s: %s\n" % (argv[0], error.strerror))
            os._exit(127)
    os.write(status_fd, b"pid %d\n" % pid)
    os.close(status_fd)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)

    inputs = [resize_fd, 0, master] if with_stdin else [resize_fd, master]
    pending_resize = b""
    while True:
        readable, _, _ = select.select(inputs, [], [])
        # Window changes first: a resize sent before keystrokes must apply before them.
        if resize_fd in readable:
            chunk = os.read(resize_fd, 1024)
            if not chunk:
                inputs.remove(resize_fd)
            pending_resize += chunk
            while b"\n" in pending_resize:
                line, pending_resize = pending_resize.split(b"\n", 1)
                cols, rows = (int(v) for v in line.split())
                fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        if 0 in readable:
            chunk = os.read(0, 65536)
            if chunk:
                write_all(master, chunk)
            else:
                inputs.remove(0)
                write_all(master, b"\x04")
        if master in readable:
            try:
                chunk = os.read(master, 65536)
            except OSError as error:
                if error.errno != errno.EIO:
                    raise
                chunk = b""
            if not chunk:
                break
            write_all(1, chunk)

    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
        os.kill(os.getpid(), os.WTERMSIG(status))
    sys.exit(os.WEXITSTATUS(status))


main()
