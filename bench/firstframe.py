#!/usr/bin/env python3
"""bench/firstframe.py MARKER CMD...: runs CMD on a pseudo-terminal (160x50),
prints the seconds from the fork to the first output holding MARKER (the
dashboard's first frame), then presses q and waits for it to exit. Standard
library only; part of `make bench`, never of `make check`."""
import fcntl, os, pty, select, struct, sys, termios, time

marker = sys.argv[1].encode()
t0 = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm-256color"
    os.execvp(sys.argv[2], sys.argv[2:])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
buf = b""
found = None
deadline = t0 + 20
while time.monotonic() < deadline:
    r, _, _ = select.select([fd], [], [], 0.5)
    if not r:
        continue
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    buf += chunk
    if marker in buf:
        found = time.monotonic() - t0
        break
os.write(fd, b"q")
end = time.monotonic() + 10
while time.monotonic() < end:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    done, _ = os.waitpid(pid, os.WNOHANG)
    if done:
        break
print("%.4f" % found if found is not None else "timeout")
