"""What a journal holds, to compare before and after: every table's rows, read through a fresh connection.

A digest of the file proves nothing while a connection with a write-ahead log
is open (a committed write stays in the -wal file until a checkpoint), so
checks of "nothing changed" compare this instead.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def journal_content(path: Path) -> dict[str, list[tuple]] | None:
    """Every table's rows in a stable order, the schema version with them; None when there is no file."""
    if not path.exists():
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        content = {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr) for name in tables}
        content["pragma"] = [conn.execute("PRAGMA application_id").fetchone(),
                             conn.execute("PRAGMA user_version").fetchone()]
        return content
    finally:
        conn.close()
