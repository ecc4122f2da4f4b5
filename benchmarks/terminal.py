"""A program in a pseudo-terminal, watched frame by frame: what a runner's terminal sees, and when.

The app draws each frame between the "synchronized update" marks (it asks the
terminal whether it has them, and this terminal says yes), so a frame is known
whole. `wait_for` returns the time the first frame arrived that, with the
frames since the key press, shows every text asked for: from the key press to
the first frame that shows the data, with nothing of Textual's own timing in
the figure.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import re
import select
import struct
import subprocess
import termios
import time

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_ANSWER = b"\x1b[?2026;1$y"  # "set": the terminal has synchronized output
FRAME_END = b"\x1b[?2026l"
ESCAPE = re.compile(rb"\x1b(\[[0-9;?<>=$ ]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[@-Z\\-_])")

KEYS = {
    "f2": b"\x1bOQ",
    "f3": b"\x1bOR",
    "f4": b"\x1bOS",
    "f5": b"\x1b[15~",
    "f6": b"\x1b[17~",
    "f7": b"\x1b[18~",
    "alt+left": b"\x1b[1;3D",
    "alt+right": b"\x1b[1;3C",
    "ctrl+q": b"\x11",
}


def text_of(frame: bytes) -> str:
    """The characters a frame writes, without its escape sequences."""
    return ESCAPE.sub(b"", frame).decode("utf-8", "replace")


class Terminal:
    """`command` running in a new pseudo-terminal of `columns` x `lines`."""

    def __init__(self, command: list[str], env: dict[str, str], columns: int = 100, lines: int = 30) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm-256color", "COLORTERM": "truecolor"},
            start_new_session=True,
        )
        os.close(slave)
        self.pending = b""  # read, not yet a whole frame
        RUNNING.add(self)

    def kill(self) -> None:
        """End the program, if it still runs (a measurement that failed leaves nothing behind)."""
        RUNNING.discard(self)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def press(self, key: str) -> float:
        """Send a key as the terminal would; the time it was sent."""
        sent = time.monotonic()
        os.write(self.master, KEYS[key])
        return sent

    def wait_for(self, *texts: str, timeout: float = 30.0) -> float:
        """The time of the first whole frame by which every one of `texts` has been drawn (since this call)."""
        missing = set(texts)
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"not drawn within {timeout} s: {sorted(missing)}")
            ready, _, _ = select.select([self.master], [], [], remaining)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError as error:  # the program ended
                raise RuntimeError(f"the program ended before drawing {sorted(missing)}") from error
            arrived = time.monotonic()
            if SYNC_QUERY in chunk:
                os.write(self.master, SYNC_ANSWER)
            self.pending += chunk
            *frames, self.pending = self.pending.split(FRAME_END)
            for frame in frames:
                drawn = text_of(frame)
                missing = {text for text in missing if text not in drawn}
            if not missing and frames:
                return arrived

    def settle(self, quiet: float = 0.3) -> None:
        """Read until nothing has been drawn for `quiet` seconds (timers, a load after the first frame)."""
        while select.select([self.master], [], [], quiet)[0]:
            try:
                chunk = os.read(self.master, 1 << 16)
            except OSError:
                return
            if SYNC_QUERY in chunk:
                os.write(self.master, SYNC_ANSWER)
        self.pending = b""

    def quit(self) -> int:
        """Press ctrl+q and wait for the program to end; its peak resident memory, in kilobytes."""
        self.press("ctrl+q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            pid, _status, usage = os.wait4(self.process.pid, os.WNOHANG)
            if pid:
                self.process.returncode = 0
                RUNNING.discard(self)
                os.close(self.master)
                return usage.ru_maxrss
            self.settle(0.05)
        self.kill()
        raise TimeoutError("the program did not quit on ctrl+q")


RUNNING: set[Terminal] = set()


@atexit.register
def _kill_the_rest() -> None:
    for terminal in list(RUNNING):
        terminal.kill()
