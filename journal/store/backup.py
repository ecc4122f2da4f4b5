"""Backups with SQLite's online backup API: safe while the app has the journal open.

A backup is a whole journal file. By default it goes to the user-data folder's
`backups/`, named after the journal and the moment it was taken. Before a
schema upgrade the journal backs itself up there too, and keeps the last few.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from journal.errors import InvalidInput, JournalFileError

KEEP_BEFORE_UPGRADE = 5  # automatic backups kept per journal


def backups_dir() -> Path:
    from platformdirs import user_data_path

    from journal.config import APP_NAME

    return user_data_path(APP_NAME, appauthor=False) / "backups"


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def copy_database(source: sqlite3.Connection, target: Path) -> Path:
    """Copy the database behind `source` to a new file `target`, whole or not at all."""
    target = target.expanduser()
    if target.exists():
        raise InvalidInput(f"{target} exists already: choose a new file for the backup")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise JournalFileError(f"cannot create the folder {target.parent}: {error.strerror}") from None
    partial = target.with_name(f".{target.name}.partial")
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
        partial.unlink(missing_ok=True)
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
    folder = backups_dir()
    made = copy_database(conn, _new_name(folder, f"{journal_path.stem}-before-{migration}-{_stamp()}"))
    earlier = sorted(folder.glob(f"{journal_path.stem}-before-*.db"), key=lambda path: path.stat().st_mtime_ns)
    for old in earlier[:-KEEP_BEFORE_UPGRADE]:
        old.unlink(missing_ok=True)
    return made


def check_backup(source: Path) -> None:
    """Refuse, untouched, a file that is not a journal this version can restore."""
    from journal.store.db import check_journal_file

    if not source.is_file():
        raise InvalidInput(f"there is no backup file {source}")
    check_journal_file(source)


def restore_journal(source: Path, journal_path: Path) -> Path | None:
    """Replace the journal with the journal file `source`, after backing up the current one.

    `source` is checked first: a file that is not a journal, or is from a newer
    version, is refused and nothing changes. Returns the backup of what was replaced.
    """
    from journal.store.db import open_journal

    source = source.expanduser()
    check_backup(source)
    reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        saved = None
        if journal_path.exists():
            with open_journal(journal_path, create=False) as journal:
                saved = copy_database(journal.conn, _new_name(backups_dir(), f"{journal_path.stem}-before-restore-{_stamp()}"))
                reader.backup(journal.conn)
        else:
            copy_database(reader, journal_path)
    except sqlite3.Error as error:
        raise JournalFileError(f"cannot restore {source}: {error}") from None
    finally:
        reader.close()
    return saved
