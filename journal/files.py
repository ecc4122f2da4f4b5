"""The runner's own files, read only when they are regular files: a pipe or a device never hangs a command.

Opening a named pipe (FIFO) for reading waits for a writer, and reading
/dev/zero never ends, so every file the journal is handed is looked at with
os.stat first, and opened without blocking and checked again once open.
"""

from __future__ import annotations

import io
import os
import re
import stat
import time
from pathlib import Path

# The files SQLite keeps beside a database while it is open or being written.
SQLITE_COMPANIONS = ("-journal", "-wal", "-shm")


def with_companions(path: Path) -> list[Path]:
    """`path` and the files SQLite keeps beside it: `journal.db`, `journal.db-wal` and the like."""
    return [path, *(path.with_name(path.name + suffix) for suffix in SQLITE_COMPANIONS)]


class NotAFile(OSError):
    """A path that is there but is not a regular file (a folder, a pipe, a device): it was not read."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(f"{path} is {kind}, not a file")
        self.path = path
        self.kind = kind


class TooLarge(OSError):
    """A file far larger than its kind ever is: it was not read."""


def kind_of(mode: int) -> str | None:
    """What a file of this mode is, in words, when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def check_regular(path: Path) -> None:
    """Raise NotAFile when `path` is there (through symbolic links) but is not a regular file; a missing one passes."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing or out of reach: the caller's own message says so
    kind = kind_of(mode)
    if kind:
        raise NotAFile(path, kind)


def open_regular(path: Path) -> io.BufferedReader:
    """`path` opened for reading in binary, or NotAFile: a pipe swapped in after a check still does not block."""
    check_regular(path)
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        kind = kind_of(os.fstat(descriptor).st_mode)
        if kind:
            raise NotAFile(path, kind)
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_text(path: Path, *, limit: int) -> str:
    """The UTF-8 text of a regular file of at most `limit` bytes (OSError or UnicodeDecodeError otherwise)."""
    with open_regular(path) as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"{path} is over {limit // 1024} KiB, too large to read")
    return data.decode("utf-8")


STALE_AFTER = 10 * 60  # seconds untouched after which a half-written file is taken for abandoned


def remove_abandoned(folder: Path, pattern: re.Pattern[str], *, folders: bool = False) -> None:
    """Remove what a killed writer left in `folder`: names that fit `pattern` (its `pid` group names the
    writer) whose writer is gone, or that are long untouched; folders too only when the writer makes
    folders. Nothing else is touched."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if not match or entry.is_symlink() or (entry.is_dir(follow_symlinks=False) and not folders):
            continue
        try:
            untouched = time.time() - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if untouched > STALE_AFTER or not _running(int(match["pid"])):
            if entry.is_dir(follow_symlinks=False):
                import shutil  # only for a folder left behind: every command opens this module

                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                Path(entry.path).unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):  # gone, or a number no process can have
        return False
    except OSError:  # there, but another user's
        return True
    return True
