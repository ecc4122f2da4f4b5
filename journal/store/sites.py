"""Body sites: the defaults every journal starts with, and the ones a runner adds."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from journal.domain.entries import Site, resolve_site
from journal.domain.scales import LABEL_MAX, parse_site_name, parse_text
from journal.errors import InvalidInput
from journal.store.db import Journal


def list_sites(journal: Journal) -> list[Site]:
    return read_sites(journal.conn)


def read_sites(conn: sqlite3.Connection) -> list[Site]:
    rows = conn.execute("SELECT id, name, label, sided, position FROM sites ORDER BY position, id")
    return [Site(name=row[1], label=row[2], sided=bool(row[3]), position=row[4], id=row[0]) for row in rows]


def add_site(journal: Journal, name: str, *, label: str | None = None, sided: bool = True) -> Site:
    """Add a body site; its name must be new."""
    name = parse_site_name(name)
    label = _label(label, name)
    with journal.transaction() as conn:
        if conn.execute("SELECT 1 FROM sites WHERE name = ?", [name]).fetchone():
            raise InvalidInput(f"there is already a body site called {name}")
        position = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM sites").fetchone()[0]
        cursor = conn.execute(
            "INSERT INTO sites (name, label, sided, position) VALUES (?, ?, ?, ?)",
            [name, label, int(sided), position],
        )
    return Site(name=name, label=label, sided=sided, position=position, id=cursor.lastrowid)


def rename_site(journal: Journal, name: str, new_name: str | None = None, *, label: str | None = None) -> Site:
    """Give a site a new name or label; its readings, and the cramps logged there, follow it (ON UPDATE CASCADE)."""
    with journal.transaction() as conn:
        site = _find(conn, name)
        new_name = parse_site_name(new_name) if new_name else site.name
        if new_name != site.name and conn.execute("SELECT 1 FROM sites WHERE name = ?", [new_name]).fetchone():
            raise InvalidInput(f"there is already a body site called {new_name}")
        new_label = _label(label, new_name) if label or new_name != site.name else site.label
        conn.execute("UPDATE sites SET name = ?, label = ? WHERE id = ?", [new_name, new_label, site.id])
        if new_name != site.name:  # a goal names its site in its measure: it follows the site too
            from journal.store.goal_rows import measured_by

            conn.executemany(
                "UPDATE goals SET measure = ? WHERE id = ?",
                [
                    (replace(measure, site=new_name).to_json(), goal.id)
                    for goal, measure in measured_by(conn, site=site.name)
                ],
            )
    return Site(name=new_name, label=new_label, sided=site.sided, position=site.position, id=site.id)


def remove_site(journal: Journal, name: str) -> Site:
    """Remove a site that has no readings; one with readings is refused, so none is lost."""
    with journal.transaction() as conn:
        site = _find(conn, name)
        readings = conn.execute("SELECT count(*) FROM pain WHERE site_id = ?", [site.id]).fetchone()[0]
        if readings:
            raise InvalidInput(
                f"{site.name} has {readings} pain reading{'s' if readings != 1 else ''}; removing it would lose"
                f" {'them' if readings != 1 else 'it'} (clear {'them' if readings != 1 else 'it'} first with:"
                f" journal add DATE --clear pain:{site.name})"
            )
        cramps = conn.execute("SELECT count(*) FROM entries WHERE cramp_site = ?", [site.name]).fetchone()[0]
        if cramps:
            days = f"{cramps} day{'s' if cramps != 1 else ''}"
            raise InvalidInput(
                f"{site.name} is where the cramps of {days} were; removing it would lose that (clear"
                f" {'them' if cramps != 1 else 'it'} first with: journal add DATE --clear cramp_site)"
            )
        _refuse_if_used(conn, site)
        from journal.store.goal_rows import refuse_if_measured

        refuse_if_measured(conn, site.name, site=site.name)
        conn.execute("DELETE FROM sites WHERE id = ?", [site.id])
    return site


# What else refers to a site, and how the runner frees it: a site in use is never removed.
_USES = (
    ("session_pain", "pain during {n} session{s}", "change {them} first with: journal session edit N --clear-pain"),
    ("plans", "{n} return-to-run plan{s}", "a plan is kept with its site"),
    ("overuse_answers", "{n} week{s} of overuse answers", "the answers are kept with their site"),
)


def _refuse_if_used(conn: sqlite3.Connection, site: Site) -> None:
    for table, what, how in _USES:
        count = conn.execute(f"SELECT count(*) FROM {table} WHERE site_id = ?", [site.id]).fetchone()[0]
        if count:
            words = {"n": count, "s": "s" if count != 1 else "", "them": "them" if count != 1 else "it"}
            raise InvalidInput(
                f"{site.name} has {what.format(**words)}; removing it would lose them ({how.format(**words)})"
            )


def _find(conn: sqlite3.Connection, name: str) -> Site:
    return resolve_site(name, read_sites(conn))


def _label(label: str | None, name: str) -> str:
    label = parse_text(label or name.replace("-", " ").capitalize(), "a site label", LABEL_MAX).strip()
    if not label:
        raise InvalidInput(f"a site label is 1 to {LABEL_MAX} characters")
    return label
