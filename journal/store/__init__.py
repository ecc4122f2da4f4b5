"""The journal file: one SQLite database, opened, checked and migrated here."""

from journal.store.db import Journal, open_journal

__all__ = ["Journal", "open_journal"]
