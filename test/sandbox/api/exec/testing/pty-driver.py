# Runs a command (kubectl) on a fresh pseudo-terminal, as a person at a terminal would, because
# `kubectl exec -it` refuses to allocate a TTY unless its stdin is one. Commands on our stdin:
#   resize COLS ROWS   change the window size (the kernel sends SIGWINCH to the command)
#   type TEXT          type TEXT and a newline
# Everything the command writes to the terminal is copied to our stderr as it comes; when our
# stdin ends we wait for the command and exit with its exit code.
import fcntl
import os
import struct
import subprocess
import sys
import termios
import threading


def set_size(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def main():
    master, slave = os.openpty()
    set_size(slave, int(os.environ.get("PTY_COLS", "80")), int(os.environ.get("PTY_ROWS", "24")))

    def become_terminal_owner():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    child = subprocess.Popen(
        sys.argv[1:], stdin=slave, stdout=slave, stderr=slave, preexec_fn=become_terminal_owner
    )
    os.close(slave)

    def copy_output():
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO once the terminal's last user is gone
                return
            if not data:
                return
            sys.stderr.buffer.write(data)
            sys.stderr.buffer.flush()

    reader = threading.Thread(target=copy_output)
    reader.start()
    for line in sys.stdin:
        verb, _, rest = line.rstrip("\n").partition(" ")
        if verb == "resize":
            cols, rows = rest.split()
            set_size(master, int(cols), int(rows))
        elif verb == "type":
            os.write(master, (rest + "\n").encode())
    code = child.wait()
    reader.join()
    sys.exit(code)


main()
