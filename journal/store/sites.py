"""Body sites: the defaults every journal starts with, and the ones a runner adds."""

from __future__ import annotations

from journal.domain.entries import Site
from journal.domain.scales import parse_site_name
from journal.errors import InvalidInput
from journal.store.db import Journal


def list_sites(journal: Journal) -> list[Site]:
    rows = journal.conn.execute("SELECT id, name, label, sided, position FROM sites ORDER BY position, id")
    return [Site(name=name, label=label, sided=bool(sided), position=position, id=id_) for id_, name, label, sided, position in rows]


def add_site(journal: Journal, name: str, *, label: str | None = None, sided: bool = True) -> Site:
    """Add a body site; its name must be new."""
    name = parse_site_name(name)
    label = (label or name.replace("-", " ").capitalize()).strip()
    if not label or len(label) > 40:
        raise InvalidInput("a site label is 1 to 40 characters")
    with journal.transaction() as conn:
        if conn.execute("SELECT 1 FROM sites WHERE name = ?", [name]).fetchone():
            raise InvalidInput(f"there is already a body site called {name}")
        position = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM sites").fetchone()[0]
        cursor = conn.execute(
            "INSERT INTO sites (name, label, sided, position) VALUES (?, ?, ?, ?)",
            [name, label, int(sided), position],
        )
    return Site(name=name, label=label, sided=sided, position=position, id=cursor.lastrowid)
