"""Opening a journal file safely: refuse what is not a journal, migrate what is old.

Nothing here writes to a file before it is known to be a journal (or a new,
empty database), so a wrong path is never damaged. The schema itself lives in
`journal.store.migrations`, which uses sqlite-utils and is only imported when a
journal is new or needs an upgrade, as is the copy kept before an upgrade
(`journal.store.backup`): day-to-day commands stay fast.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journal.errors import InvalidInput, JournalFileError
from journal.files import NotAFile, check_regular, open_regular
from journal.store.schema import APPLICATION_ID, BUSY_TIMEOUT_MS, KNOWN_MIGRATIONS, MIGRATION_SET, SQLITE_HEADER

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: 3 ms of every command's start
if TYPE_CHECKING:
    from typing import Any

# A row as sqlite3 gives it (no connection sets a row factory): its values are what SQLite stored, typed by
# the reader that knows its columns.
Row = tuple["Any", ...]
# A value SQLite stores, for rows that are kept and written back as they are.
SqlValue = str | int | float | bytes | None


class Journal:
    """An open journal: its path and its connection, with one way to write."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, read_only: bool = False):
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self._depth = 0  # transactions open on the connection: the outermost commits
        self.commits = 0  # writes committed on this connection (an upgrade on opening counts too)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write: everything inside is committed together, or not at all.

        BEGIN IMMEDIATE takes the write lock up front, so a second writer (the
        app and a shell command at once) waits for the busy timeout instead of
        failing half-way through a read-then-write.
        """
        self.check_writable()
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
        self.commits += 1

    def check_writable(self, outcome: str = "nothing was changed") -> None:
        """Refuse, before any work, a write to a journal that cannot take one."""
        if self.read_only:
            raise JournalFileError(f"{self.path} {_read_only_reason(self.path) or 'is read-only'}: {outcome}")

    def data_version(self) -> int:
        """Changes when another connection commits: cheap to poll."""
        version: int = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return version

    def state(self) -> tuple[int, int]:
        """Changes whenever what the file holds may have changed since: a row written on this connection, or a
        commit on another. What was read in one state can be kept while the state stays the same."""
        return self.conn.total_changes, self.data_version()

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


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The number SQLite gave the row an INSERT on `cursor` just added."""
    row_id = cursor.lastrowid
    if row_id is None:  # only before the cursor ran any statement
        raise sqlite3.InterfaceError("no row was inserted on this cursor")
    return row_id


class NoJournalYet(JournalFileError):
    """No journal at the path yet (no file, or an empty one), and the command only reads: nothing was created."""


def open_journal(path: str | Path, *, create: bool = True) -> Journal:
    """Open the journal at `path`, creating it (and its folder) when missing and `create` is set.

    Without `create`, a missing or empty file is NoJournalYet and stays as it is.
    Raises JournalFileError, leaving the file as it was, when the path is not a
    journal or is a journal from a newer version of the program.
    """
    path = Path(path).expanduser()
    if not path.exists() and not create:
        raise NoJournalYet(f"there is no journal at {path} yet: `journal add` or `journal` starts one")
    saved = None  # the copy kept before an upgrade
    if path.exists():
        _check_is_sqlite(path)
        read_only = _read_only_reason(path)
        # Decide on a read-only connection: closing a writable one could fold a
        # leftover write-ahead log into a file that is then refused.
        probe = _connect(path, read_only=True)
        try:
            pending = _pending_migrations(probe, path)
            if not create and len(pending) == len(KNOWN_MIGRATIONS):
                raise NoJournalYet(
                    f"{path} is empty, not a journal yet: `journal add` or `journal` starts one; it was left untouched"
                )
            if read_only and pending:
                raise JournalFileError(f"{path} {read_only} and needs an upgrade this version must write")
            if pending and not read_only and len(pending) < len(KNOWN_MIGRATIONS):
                # An upgrade of a journal with data in it: keep a copy of it as it was.
                from journal.store.backup import backup_before_upgrade

                saved = backup_before_upgrade(probe, path, pending[0])
        finally:
            probe.close()
        if read_only:
            return Journal(path, _connect(path, read_only=True), read_only=True)
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise JournalFileError(f"cannot create the folder {path.parent}: {error.strerror}") from None
        pending = list(KNOWN_MIGRATIONS)
    conn = _connect(path, read_only=False)
    journal = Journal(path, conn)
    try:
        if pending:
            _migrate(journal)
        # Only once the upgrade has landed: a journal the upgrade refuses keeps its
        # own journal mode, and so every byte it had.
        conn.execute("PRAGMA journal_mode=WAL")
    except BaseException as error:
        conn.close()
        if saved is not None:  # the journal is as it was: its copy is not kept
            saved.unlink(missing_ok=True)
        if isinstance(error, sqlite3.Error):
            raise _file_error(path, error) from None
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


# Files SQLite keeps beside a journal, and what each is to the runner.
_BESIDE = {
    "-wal": "the journal's write-ahead log",
    "-shm": "the journal's shared memory file",
    "-journal": "the journal's rollback file",
}


def _check_is_sqlite(path: Path) -> None:
    """Refuse what is not a SQLite file, reading only its first bytes: a pipe or a device is never opened."""
    try:
        check_regular(path)
        for suffix, what in _BESIDE.items():
            beside = path.with_name(path.name + suffix)
            try:
                check_regular(beside)
            except NotAFile as error:
                raise JournalFileError(
                    f"{beside} is {error.kind}, not {what}; the journal was left untouched"
                ) from None
        with open_regular(path) as file:
            header = file.read(len(SQLITE_HEADER))
    except NotAFile as error:
        raise JournalFileError(f"{path} is {error.kind}, not a journal file; it was left untouched") from None
    except OSError as error:
        raise JournalFileError(f"cannot read {path}: {error.strerror}") from None
    if header and header != SQLITE_HEADER:  # an empty file holds nothing and becomes a new journal
        raise JournalFileError(f"{path} is not a journal (not a SQLite database); it was left untouched")


def _read_only_reason(path: Path) -> str | None:
    """Why the journal cannot be written, as in "{path} is read-only", or None when it can."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # gone: opening it says so
    # A file its owner marked read-only stays read-only, even for root.
    no_write_bits = not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    if no_write_bits or not os.access(path, os.W_OK):
        return "is read-only"
    if not _folder_writable(path):
        # SQLite writes its log files beside the journal: without them, no write can land.
        return f"is in a read-only folder ({path.parent})"
    return None


def _folder_writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK | os.X_OK)


def _connect(path: Path, *, read_only: bool, any_thread: bool = False) -> sqlite3.Connection:
    try:
        if read_only:
            uri = f"{path.resolve().as_uri()}?mode=ro"
            if not path.with_name(path.name + "-wal").exists() and (not _folder_writable(path) or _wal_mode(path)):
                # Reading a journal in WAL mode makes SQLite create a log and a shared
                # memory file beside it, which a read-only folder cannot hold and which
                # a reader cannot remove. With no log there, nothing has the journal
                # open to write it (a writer keeps its log until it closes): the file
                # is as good as immutable while it is read, and SQLite is told so.
                uri += "&immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=not any_thread)
        else:
            conn = sqlite3.connect(path, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as error:
        raise _file_error(path, error) from None
    return conn


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can only read the database at `path` (a checked journal or backup)."""
    return _connect(path, read_only=True)


def _wal_mode(path: Path) -> bool:
    """Whether the journal's header says it is in WAL mode (its read and write versions are 2)."""
    try:
        with open_regular(path) as file:
            return file.read(20)[18:20] == b"\x02\x02"
    except OSError:
        return False


def _pending_migrations(conn: sqlite3.Connection, path: Path) -> list[str]:
    """The migrations this journal still needs; refuses files that are not journals."""
    try:
        return _read_pending(conn, path)
    except sqlite3.Error as error:
        if any(word in str(error) for word in _NOT_THE_FILE):  # the disk, the folder or another program
            raise _file_error(path, error) from None
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
    known, later = applied[: len(KNOWN_MIGRATIONS)], applied[len(KNOWN_MIGRATIONS) :]
    if known == list(KNOWN_MIGRATIONS) and later and all(isinstance(name, str) for name in later):
        raise JournalFileError(
            f"{path} was written by a newer version of Offseason (schema {later[-1]});"
            " upgrade the program to open it. The file was left untouched"
        )
    # A journal records its upgrades in order, each once, from the first: any other
    # record is damaged, and upgrading on top of it would run an upgrade twice.
    if not applied or applied != list(KNOWN_MIGRATIONS[: len(applied)]):
        raise JournalFileError(
            f"{path} is damaged (its record of upgrades is not one this version wrote); it was left untouched"
        )
    return list(KNOWN_MIGRATIONS[len(applied) :])


def _migrate(journal: Journal) -> None:
    from journal.store.migrations import apply_migrations

    with journal.transaction() as conn:
        # Checked again under the write lock: another process may have just migrated.
        apply_migrations(conn)


# What SQLite says when the file may be a sound journal it cannot get at now: a full or failing disk (its
# shared-memory file cannot be made), a read-only place, a lock; never "damaged" for those.
_NOT_THE_FILE = ("unable to open", "disk I/O", "disk is full", "locked", "busy", "readonly", "read-only")


def _file_error(path: Path, error: sqlite3.Error) -> JournalFileError:
    message = str(error)
    if "readonly" in message or "read-only" in message:
        return JournalFileError(f"{path} {_read_only_reason(path) or 'is read-only'}: nothing was changed")
    if "locked" in message or "busy" in message:
        return JournalFileError(f"{path} is busy in another program; try again (nothing was changed)")
    if "disk is full" in message or "disk I/O" in message:
        return JournalFileError(f"cannot use {path}: {message}: is its disk full or failing? (nothing was changed)")
    if "unable to open" in message and path.exists() and not _folder_writable(path):
        return JournalFileError(
            f"{path} is in a read-only folder ({path.parent}), where its write-ahead log"
            " cannot be read: make the folder writable (nothing was changed)"
        )
    if "unable to open" in message:
        return JournalFileError(f"cannot open {path}: check the path and its permissions")
    if "malformed" in message or "not a database" in message:
        return JournalFileError(f"{path} is damaged: {message} (nothing was changed)")
    return JournalFileError(f"{path}: {message} (nothing was changed)")


def has_anything(journal: Journal) -> bool:
    """True once anything of the runner's is in the journal: a day, a tick, a goal or a training session."""
    found: int = journal.conn.execute(
        "SELECT EXISTS (SELECT 1 FROM entries) OR EXISTS (SELECT 1 FROM ticks) OR EXISTS (SELECT 1 FROM goals)"
        " OR EXISTS (SELECT 1 FROM sessions)"
    ).fetchone()[0]
    return found == 1
