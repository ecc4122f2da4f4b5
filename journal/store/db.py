"""Opening a journal file safely: refuse what is not a journal, migrate what is old.

Nothing here writes to a file before it is known to be a journal (or a new,
empty database), so a wrong path is never damaged. The schema itself lives in
`journal.store.migrations`, which uses sqlite-utils and is only imported when a
journal is new or needs an upgrade: day-to-day commands stay fast.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journal.errors import InvalidInput, JournalFileError

# Written into the SQLite header of every journal (PRAGMA application_id): "OFSN".
APPLICATION_ID = 0x4F46534E
MIGRATION_SET = "offseason"
# The names of every migration this version knows, oldest first. A journal that
# has applied one not in this list was written by a newer version.
KNOWN_MIGRATIONS = ("m001_journal_core", "m002_checklist", "m003_goals", "m004_numbers_for_ever")
BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


class Journal:
    """An open journal: its path and its connection, with one way to write."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool = False):
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self._depth = 0  # transactions open on the connection: the outermost commits

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write: everything inside is committed together, or not at all.

        BEGIN IMMEDIATE takes the write lock up front, so a second writer (the
        app and a shell command at once) waits for the busy timeout instead of
        failing half-way through a read-then-write.
        """
        if self.read_only:
            raise JournalFileError(f"{self.path} is read-only: nothing was changed")
        if self._depth:  # a write inside a larger one is part of it
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise _file_error(self.path, error) from None
        self._depth = 1
        try:
            yield self.conn
        except sqlite3.Error as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise _file_error(self.path, error) from None
        except UnicodeEncodeError:
            # Text SQLite cannot store (a lone surrogate from a stray byte): the whole write is refused.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise InvalidInput("some text is not valid UTF-8 (a stray byte?); nothing was changed") from None
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:  # busy, full, or a deferred foreign key left broken
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise _file_error(self.path, error) from None

    def data_version(self) -> int:
        """Changes when another connection commits: cheap to poll."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def reader(self) -> Journal:
        """A second, read-only connection to the same journal, for reading on another thread."""
        conn = _connect(self.path, read_only=True, any_thread=True)
        return Journal(self.path, conn, read_only=True)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_journal(path: str | Path, *, create: bool = True) -> Journal:
    """Open the journal at `path`, creating it (and its folder) when missing and `create` is set.

    Raises JournalFileError, leaving the file as it was, when the path is not a
    journal or is a journal from a newer version of the program.
    """
    path = Path(path).expanduser()
    if not path.exists() and not create:
        raise JournalFileError(f"there is no journal at {path} yet: `journal add` or `journal` starts one")
    if path.exists():
        _check_is_sqlite(path)
        read_only = _is_read_only(path)
        # Decide on a read-only connection: closing a writable one could fold a
        # leftover write-ahead log into a file that is then refused.
        probe = _connect(path, read_only=True)
        try:
            pending = _pending_migrations(probe, path)
            if pending and not read_only and len(pending) < len(KNOWN_MIGRATIONS):
                # An upgrade of a journal with data in it: keep a copy of it as it was.
                from journal.store.backup import backup_before_upgrade

                backup_before_upgrade(probe, path, pending[0])
        finally:
            probe.close()
        if read_only and pending:
            raise JournalFileError(f"{path} is read-only and needs an upgrade this version must write")
        conn = _connect(path, read_only=read_only)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise JournalFileError(f"cannot create the folder {path.parent}: {error.strerror}") from None
        read_only = False
        conn = _connect(path, read_only=False)
        pending = list(KNOWN_MIGRATIONS)
    journal = Journal(path, conn, read_only=read_only)
    if not read_only:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            if pending:
                _migrate(journal)
        except sqlite3.Error as error:
            conn.close()
            raise _file_error(path, error) from None
        except BaseException:
            conn.close()
            raise
    return journal


def check_journal_file(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not a journal this version can open (an empty one too)."""
    _check_is_sqlite(path)
    probe = _connect(path, read_only=True)
    try:
        pending = _pending_migrations(probe, path)
    finally:
        probe.close()
    if len(pending) == len(KNOWN_MIGRATIONS):
        raise JournalFileError(f"{path} is empty, not a journal; it was left untouched")


def _check_is_sqlite(path: Path) -> None:
    if path.is_dir():
        raise JournalFileError(f"{path} is a folder, not a journal file")
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except OSError as error:
        raise JournalFileError(f"cannot read {path}: {error.strerror}") from None
    if header and header != SQLITE_HEADER:  # an empty file holds nothing and becomes a new journal
        raise JournalFileError(f"{path} is not a journal (not a SQLite database); it was left untouched")


def _is_read_only(path: Path) -> bool:
    """A file its owner marked read-only stays read-only, even for root."""
    no_write_bits = not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    return no_write_bits or not os.access(path, os.W_OK)


def _connect(path: Path, *, read_only: bool, any_thread: bool = False) -> sqlite3.Connection:
    try:
        if read_only:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                                   check_same_thread=not any_thread)
        else:
            conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as error:
        raise _file_error(path, error) from None
    return conn


def _pending_migrations(conn: sqlite3.Connection, path: Path) -> list[str]:
    """The migrations this journal still needs; refuses files that are not journals."""
    try:
        return _read_pending(conn, path)
    except sqlite3.Error:
        raise JournalFileError(f"{path} is damaged or not a journal; it was left untouched") from None


def _read_pending(conn: sqlite3.Connection, path: Path) -> list[str]:
    schema = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {name for kind, name in schema if kind == "table"}
    if not schema and application_id == 0 and user_version == 0:
        return list(KNOWN_MIGRATIONS)  # an empty database becomes a new journal
    if application_id != APPLICATION_ID or "_sqlite_migrations" not in tables:
        raise JournalFileError(f"{path} is a SQLite database but not an Offseason journal; it was left untouched")
    applied = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [MIGRATION_SET]
        )
    ]
    unknown = [name for name in applied if name not in KNOWN_MIGRATIONS]
    if unknown:
        raise JournalFileError(
            f"{path} was written by a newer version of Offseason (schema {unknown[-1]});"
            " upgrade the program to open it. The file was left untouched"
        )
    return [name for name in KNOWN_MIGRATIONS if name not in applied]


def _migrate(journal: Journal) -> None:
    from journal.store.migrations import apply_migrations

    with journal.transaction() as conn:
        # Checked again under the write lock: another process may have just migrated.
        apply_migrations(conn)


def _file_error(path: Path, error: sqlite3.Error) -> JournalFileError:
    message = str(error)
    if "readonly" in message or "read-only" in message:
        return JournalFileError(f"{path} is read-only: nothing was changed")
    if "locked" in message or "busy" in message:
        return JournalFileError(f"{path} is busy in another program; try again (nothing was changed)")
    if "disk is full" in message or "disk I/O" in message:
        return JournalFileError(f"cannot write {path}: {message} (nothing was changed)")
    if "unable to open" in message:
        return JournalFileError(f"cannot open {path}: check the path and its permissions")
    if "malformed" in message or "not a database" in message:
        return JournalFileError(f"{path} is damaged: {message} (nothing was changed)")
    return JournalFileError(f"{path}: {message} (nothing was changed)")
