"""Daily entries and their pain readings: reading and saving whole days."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable

from journal.domain.entries import DayEntry, EntryChange, check_cramps, check_hrv
from journal.domain.scales import ENTRY_FIELDS
from journal.errors import ChangedElsewhere, InvalidInput
from journal.store.db import Journal

_COLUMNS = ", ".join(ENTRY_FIELDS)
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: `journal add` reads this module
if TYPE_CHECKING:
    from typing import Any


def get_entry(journal: Journal, day: dt.date) -> DayEntry:
    """The entry for `day`; an empty one when nothing is logged."""
    found = entries_between(journal, day, day)
    return found[0] if found else DayEntry(day)


def entries_between(journal: Journal, start: dt.date, end: dt.date) -> list[DayEntry]:
    """Every logged day from `start` to `end` inclusive, oldest first, with its pain."""
    return read_days(journal.conn, start.isoformat(), end.isoformat())


def read_days(conn: sqlite3.Connection, start: str, end: str) -> list[DayEntry]:
    entries = {
        row[0]: DayEntry(dt.date.fromisoformat(row[0]), **dict(zip(ENTRY_FIELDS, row[1:], strict=True)))
        for row in conn.execute(
            f"SELECT date, {_COLUMNS} FROM entries WHERE date BETWEEN ? AND ? ORDER BY date", [start, end]
        )
    }
    pain_rows = conn.execute(
        "SELECT pain.date, sites.name, pain.side, pain.score FROM pain JOIN sites ON sites.id = pain.site_id"
        " WHERE pain.date BETWEEN ? AND ? ORDER BY pain.date, sites.position, pain.side",
        [start, end],
    )
    for date, site, side, score in pain_rows:
        entries[date].pain[(site, side)] = score
    return list(entries.values())


class ChangedHereAndElsewhere(ChangedElsewhere):
    """Fields changed in a window were also changed elsewhere since it opened them; nothing was saved.

    `stored` is what was found (a DayEntry, a Session, a week's Answers or None), `clashes` its fields both
    sides changed (a FieldKey, a SessionField, a question's key).
    """

    def __init__(self, message: str, stored: Any, clashes: list[Any]) -> None:
        super().__init__(message)
        self.stored = stored  # as it was found, to show beside the window's values
        self.clashes = clashes


def count_entries(journal: Journal) -> int:
    count: int = journal.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    return count


def save_entry(journal: Journal, entry: DayEntry) -> None:
    """Store `entry` as the whole of its day (an empty entry removes the day).

    A window that edits a day saves with `update_entry(..., since=)` instead, which
    keeps what was saved elsewhere meanwhile.
    """
    with journal.transaction() as conn:
        write_day(conn, entry)


def last_saved(journal: Journal, day: dt.date) -> dt.datetime | None:
    """When the day was last saved (UTC), or None when nothing is logged."""
    row = journal.conn.execute("SELECT updated_at FROM entries WHERE date = ?", [day.isoformat()]).fetchone()
    if row is None or row[0] is None:
        return None
    return dt.datetime.fromisoformat(row[0]).replace(tzinfo=dt.UTC)


def update_entry(journal: Journal, day: dt.date, change: EntryChange, *, since: DayEntry | None = None) -> DayEntry:
    """Apply a partial change to a day, reading and writing in one transaction; returns the day as stored.

    With `since` (the day as it was when a window opened it), what was saved
    elsewhere meanwhile in the fields the change leaves alone is kept; a field
    the change sets that was also changed elsewhere, to another value, refuses
    the whole change with ChangedHereAndElsewhere.
    """
    with journal.transaction() as conn:
        found = read_days(conn, day.isoformat(), day.isoformat())
        stored = found[0] if found else DayEntry(day)
        if since is not None and (clashes := change.clashes(since, stored)):
            raise ChangedHereAndElsewhere(
                f"{day.isoformat()} was changed elsewhere after you opened it, in fields you changed too;"
                " nothing was saved",
                stored,
                clashes,
            )
        entry = change.apply(stored)
        write_day(conn, entry)
        # What the runner sets or clears is theirs from now on, whatever app brought it: an import keeps it so.
        conn.executemany(
            "UPDATE entry_sources SET source = '' WHERE date = ? AND field = ?",
            [(day.isoformat(), name) for name in (*change.values, *change.cleared)],
        )
    return entry


def save_entries(journal: Journal, entries: Iterable[DayEntry]) -> int:
    """Store many days in one transaction (the demo journal, imports)."""
    count = 0
    with journal.transaction() as conn:
        site_ids = _site_ids(conn)
        for entry in entries:
            write_day(conn, entry, site_ids)
            count += 1
    return count


def _site_ids(conn: sqlite3.Connection) -> dict[str, int]:
    return {name: id_ for id_, name in conn.execute("SELECT id, name FROM sites")}


def write_day(conn: sqlite3.Connection, entry: DayEntry, site_ids: dict[str, int] | None = None) -> None:
    date = entry.date.isoformat()
    conn.execute("DELETE FROM pain WHERE date = ?", [date])
    if entry.is_empty:
        conn.execute("DELETE FROM entries WHERE date = ?", [date])
        return
    check_cramps(entry)
    check_hrv(entry)
    values = entry.values()
    conn.execute(
        f"INSERT INTO entries (date, {_COLUMNS}, updated_at) VALUES (?, {', '.join('?' * len(values))},"
        " strftime('%Y-%m-%dT%H:%M:%S', 'now'))"
        f" ON CONFLICT (date) DO UPDATE SET {', '.join(f'{name} = excluded.{name}' for name in values)},"
        " updated_at = excluded.updated_at",
        [date, *values.values()],
    )
    if entry.pain:
        ids = site_ids if site_ids is not None else _site_ids(conn)
        try:
            rows = [(date, ids[site], side, score) for (site, side), score in entry.pain.items()]
        except KeyError as missing:
            raise InvalidInput(f"unknown body site {missing.args[0]!r}") from None
        conn.executemany("INSERT INTO pain (date, site_id, side, score) VALUES (?, ?, ?, ?)", rows)


def days_after(journal: Journal, day: dt.date) -> list[dt.date]:
    """Logged days dated after `day`: a clock that was ahead once can leave some."""
    rows = journal.conn.execute("SELECT date FROM entries WHERE date > ? ORDER BY date", [day.isoformat()])
    return [dt.date.fromisoformat(date) for (date,) in rows]


def cramps_per_week(journal: Journal, starts: list[dt.date]) -> list[int | None]:
    """The cramps counted in each week (7 days) starting on a day of `starts`: None for a week with nothing logged.

    For the weekly review and Trends: a logged day without a count counts none (see `signals.cramps_in_week`).
    """
    from journal.domain.signals import cramps_per_week as counted

    if not starts:
        return []
    days = entries_between(journal, min(starts), max(starts) + dt.timedelta(days=6))
    return counted({entry.date: entry for entry in days}, starts)
