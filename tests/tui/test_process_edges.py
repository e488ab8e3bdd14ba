"""Issue #18, LOW: closed and full outputs, and signals to the explorer: one line or a clean
exit with the terminal given back, never a traceback."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest


def test_a_closed_stdout_is_one_line(tiny_db: Path) -> None:
    done = subprocess.run(["sh", "-c", 'exec "$0" -m ktimeline --db "$1" events >&-',
                           sys.executable, str(tiny_db)], capture_output=False,
                          stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "standard output is closed" in done.stderr


def test_a_full_disk_for_stdout_is_one_line(tiny_db: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "ktimeline", "--db", str(tiny_db),
                               "timeline"], stdout=full, stderr=subprocess.PIPE, text=True,
                              timeout=60)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "cannot write the output" in done.stderr


def read_until(fd: int, wanted: bytes | None, limit: float = 30.0) -> bytes:
    """What the terminal received, until ``wanted`` arrives (None: until the end)."""
    out = b""
    while wanted is None or wanted not in out:
        ready, _, _ = select.select([fd], [], [], limit)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        out += chunk
    return out


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT", "SIGINT"])
def test_a_signal_gives_the_terminal_back(tiny_db: Path, name: str) -> None:
    signum = getattr(signal, name)
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "TEXTUAL_ANIMATIONS": "none"}
    env.pop("LC_ALL", None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the explorer on the pseudo-terminal
        os.execve(sys.executable, [sys.executable, "-m", "ktimeline", "--db", str(tiny_db)], env)
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        shown = read_until(fd, b"Vladivostok")
        assert b"Vladivostok" in shown and b"\x1b[?1049h" in shown
        os.kill(pid, signum)
        rest = read_until(fd, None)
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 128 + signum
    assert b"\x1b[?1049l" in rest  # out of the alternate screen
    assert b"\x1b[?1000l" in rest  # mouse reporting off
    assert b"Traceback" not in rest


def test_a_latin1_terminal_gets_no_escapes_drawn(tiny_db: Path) -> None:
    env = {**os.environ, "TERM": "xterm-256color", "PYTHONIOENCODING": "iso-8859-1",
           "TEXTUAL_ANIMATIONS": "none"}
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "ktimeline", "--db", str(tiny_db)], env)
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        shown = read_until(fd, b"Vladivostok")
        os.kill(pid, signal.SIGTERM)
        shown += read_until(fd, None)
        os.waitpid(pid, 0)
    finally:
        os.close(fd)
    assert b"Vladivostok" in shown
    assert b"\\u25" not in shown and b"\\u30" not in shown and b"\\x" not in shown
