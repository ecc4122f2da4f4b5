"""What a journal holds, to compare before and after: every table's rows, read through a fresh connection.

A digest of the file proves nothing while a connection with a write-ahead log
is open (a committed write stays in the -wal file until a checkpoint), so
checks of "nothing changed" compare this instead.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def table_rows(conn: sqlite3.Connection) -> dict[str, list[tuple]]:
    """Every row of every table (SQLite's own bookkeeping too), in a fixed order, and the header's ids."""
    tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    content = {}
    for table in tables:
        width = len(conn.execute(f'SELECT * FROM "{table}" LIMIT 0').description)
        order = ", ".join(str(column) for column in range(1, width + 1))
        content[table] = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
    content["pragma"] = [
        conn.execute("PRAGMA application_id").fetchone(),
        conn.execute("PRAGMA user_version").fetchone(),
    ]
    return content


def journal_content(path: Path) -> dict[str, list[tuple]] | None:
    """What the journal at `path` holds; None when there is no file."""
    if not path.exists():
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return table_rows(conn)
    finally:
        conn.close()


def as_before(conn: sqlite3.Connection, migration: str) -> None:
    """Make the journal on `conn` look as a version before `migration` wrote it: the record of that upgrade and
    of every later one gone, and the tables they made dropped (the rows of the earlier tables stay)."""
    from sqlite_utils import Database

    from journal.store.migrations import migrations
    from journal.store.schema import KNOWN_MIGRATIONS

    earlier = Database(memory=True)
    migrations.apply(earlier, stop_before=migration)
    kept = set(earlier.table_names())
    later = KNOWN_MIGRATIONS[KNOWN_MIGRATIONS.index(migration) :]
    conn.execute("PRAGMA foreign_keys = OFF")
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if table not in kept and not table.startswith(("sqlite_", "_sqlite_migrations")):
            conn.execute(f'DROP TABLE "{table}"')
    conn.execute(f"DELETE FROM _sqlite_migrations WHERE name IN ({', '.join('?' * len(later))})", later)
