"""Filling a journal with the seeded demo offseason: days, then checklist ticks and training sessions to match."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from journal.domain.demo import demo_entries, demo_sessions, demo_ticks
from journal.store.checklist import list_items, save_ticks
from journal.store.db import Journal, has_anything
from journal.store.entries import save_entries
from journal.store.sessions import insert_session


def fill_demo(journal: Journal, end: dt.date, days: int, seed: int = 1) -> tuple[int, int]:
    """Write `days` demo days ending on `end`; returns (days written, ticks written, by hand and by sessions)."""
    entries = list(demo_entries(end, days, seed=seed))
    written = save_entries(journal, entries)
    ticks = save_ticks(journal, demo_ticks(entries, list_items(journal), seed=seed), items_from=entries[0].date)
    with journal.transaction() as conn:
        before = _session_ticks(conn)
        for session, uid in demo_sessions(entries, seed=seed):
            insert_session(conn, session, uid=uid)  # ticking its item, as a session logged by hand does
        return written, ticks + _session_ticks(conn) - before


def _session_ticks(conn: sqlite3.Connection) -> int:
    found: int = conn.execute("SELECT count(*) FROM session_ticks").fetchone()[0]
    return found


DEMO_WEEKS = 12


def demo_path() -> Path:
    """The demo journal the app offers on a first start: beside the default journal, never in place of one."""
    from journal.config import DEMO_FILENAME, default_db_path

    return default_db_path().with_name(DEMO_FILENAME)


def open_demo(today: dt.date) -> Journal:
    """Open the demo journal, filling it with the demo offseason when it is new (or was emptied)."""
    from journal.store.db import open_journal

    journal = open_journal(demo_path())
    if not has_anything(journal):
        fill_demo(journal, today, DEMO_WEEKS * 7)
    return journal
