"""Restoring a journal from a backup: checked first, and the journal it replaces is backed up."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from journal.errors import InvalidInput, JournalFileError
from journal.files import NotAFile, check_regular
from journal.store.backup import backup_before_restore, copy_into
from journal.store.db import NoJournalYet, check_journal_file, connect_read_only, open_journal


def check_backup(source: Path) -> None:
    """Refuse, untouched, a file that is not a journal this version can restore."""
    try:
        check_regular(source)
    except NotAFile as error:
        raise InvalidInput(f"{source} is {error.kind}, not a backup file") from None
    if not source.is_file():
        raise InvalidInput(f"there is no backup file {source}")
    check_journal_file(source)


def restore_journal(source: Path, journal_path: Path) -> Path | None:
    """Replace the journal with the journal file `source`, after backing up the current one.

    `source` is checked first: a file that is not a journal, or is from a newer
    version, is refused and nothing changes. Returns the backup of what was replaced.
    """
    source = source.expanduser()
    check_backup(source)
    reader = connect_read_only(source)
    try:
        try:
            journal = open_journal(journal_path, create=False)
        except NoJournalYet:  # no file, or an empty one: nothing in it to keep
            copy_into(reader, journal_path)
            return None
        with journal:
            journal.check_writable("nothing was restored")
            saved = backup_before_restore(journal.conn, journal_path)
            reader.backup(journal.conn)
        return saved
    except sqlite3.Error as error:
        raise JournalFileError(f"cannot restore {source}: {error}") from None
    finally:
        reader.close()
