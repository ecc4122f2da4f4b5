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
    of every later one gone, the tables they made dropped and the columns they added taken away (the rows of the
    earlier tables stay, with their earlier columns)."""
    from sqlite_utils import Database

    from journal.store.migrations import migrations
    from journal.store.schema import KNOWN_MIGRATIONS

    earlier = Database(memory=True)
    migrations.apply(earlier, stop_before=migration)
    kept = set(earlier.table_names())
    later = KNOWN_MIGRATIONS[KNOWN_MIGRATIONS.index(migration) :]
    conn.execute("PRAGMA foreign_keys = OFF")
    if conn.execute("PRAGMA foreign_keys").fetchone()[0]:  # inside a transaction it cannot be turned off
        raise RuntimeError("as_before takes tables apart: call it on a connection outside a transaction")
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        if table not in kept and not table.startswith(("sqlite_", "_sqlite_migrations")):
            conn.execute(f'DROP TABLE "{table}"')
        elif table in kept and (columns := [column.name for column in earlier.table(table).columns]) != [
            row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')
        ]:  # a later upgrade added columns: the table as it was made, with its rows
            names = ", ".join(f'"{name}"' for name in columns)
            conn.execute("PRAGMA legacy_alter_table = ON")  # the other tables' references keep the table's name
            conn.execute(f'ALTER TABLE "{table}" RENAME TO "_{table}_later"')
            conn.execute("PRAGMA legacy_alter_table = OFF")
            conn.execute(earlier.table(table).schema)
            conn.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM "_{table}_later"')
            conn.execute(f'DROP TABLE "_{table}_later"')
            for (index,) in earlier.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [table]
            ):
                conn.execute(index)
    conn.execute(f"DELETE FROM _sqlite_migrations WHERE name IN ({', '.join('?' * len(later))})", later)
