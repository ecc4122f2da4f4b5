"""Backups with SQLite's online backup API: safe while the app has the journal open.

A backup is a whole journal file. By default it goes to the user-data folder's
`backups/`, named after the journal and the moment it was taken. Before a
schema upgrade, and before a restore, the journal backs itself up there too,
and keeps the last few of each. A copy is written to a hidden `.partial` file
and renamed when whole; one left by a copy that was killed is removed by the
next copy into the same folder.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from journal.errors import InvalidInput, JournalFileError
from journal.files import remove_abandoned, with_companions

KEEP_AUTOMATIC = 5  # automatic backups kept per journal, of each kind (before an upgrade, before a restore)
# `.{backup}.{pid}.partial`, and the files SQLite keeps beside it while it is written.
_PARTIAL = re.compile(r"\..+\.(?P<pid>[0-9]+)\.partial(?:-journal|-wal|-shm)?")


def backups_dir() -> Path:
    from platformdirs import user_data_path

    from journal.config import APP_NAME

    return user_data_path(APP_NAME, appauthor=False) / "backups"


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Copy the database behind `source` to a new file `target`, whole or not at all."""
    target = target.expanduser()
    if os.path.lexists(target):
        raise InvalidInput(f"{target} exists already: choose a new file for the backup")
    return copy_into(source, target)


def copy_into(source: sqlite3.Connection, target: Path) -> Path:
    """Copy the database behind `source` over `target` (an empty file may stand there), through a partial
    file renamed into place: `target` is whole or as it was."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise JournalFileError(f"cannot create the folder {target.parent}: {error.strerror}") from None
    remove_abandoned(target.parent, _PARTIAL)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            # One self-contained file: reading it later leaves no -wal or -shm beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        for leftover in with_companions(partial):
            leftover.unlink(missing_ok=True)
        raise JournalFileError(f"cannot write the backup {target}: {error} (nothing was changed)") from None
    return target


def backup_journal(conn: sqlite3.Connection, journal_path: Path, target: Path | None = None) -> Path:
    """Back the journal up to `target`, or to a new timestamped file in the backups folder."""
    if target is None:
        return copy_database(conn, _new_name(backups_dir(), f"{journal_path.stem}-{_stamp()}"))
    return copy_database(conn, target)


def _new_name(folder: Path, stem: str) -> Path:
    """`stem.db` in `folder`, or `stem-2.db` and on when backups come within the same second."""
    path, number = folder / f"{stem}.db", 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.db"
    return path


def backup_before_upgrade(conn: sqlite3.Connection, journal_path: Path, migration: str) -> Path:
    """The automatic backup before a schema upgrade; older ones beyond the last few are removed."""
    return _automatic_backup(conn, journal_path, f"before-{migration}", r"before-m\d+_\w+")


def backup_before_restore(conn: sqlite3.Connection, journal_path: Path) -> Path:
    """The automatic backup of the journal a restore replaces; older ones beyond the last few are removed."""
    return _automatic_backup(conn, journal_path, "before-restore", "before-restore")


def _automatic_backup(conn: sqlite3.Connection, journal_path: Path, why: str, kind: str) -> Path:
    """A backup named `{journal}-{why}-{moment}.db`; of those whose `why` matches `kind`, the last few are kept."""
    folder = backups_dir()
    made = copy_database(conn, _new_name(folder, f"{journal_path.stem}-{why}-{_stamp()}"))
    # Only this journal's backups of this kind: the runner's own, and the other kind, stay.
    ours = re.compile(rf"{re.escape(journal_path.stem)}-{kind}-\d{{8}}-\d{{6}}(?:-\d+)?\.db")
    earlier = sorted(
        (path for path in folder.glob(f"{journal_path.stem}-before-*.db") if ours.fullmatch(path.name)),
        key=lambda path: path.stat().st_mtime_ns,
    )
    for old in earlier[:-KEEP_AUTOMATIC]:
        old.unlink(missing_ok=True)
    return made
