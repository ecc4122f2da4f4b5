"""Filling a journal with the seeded demo offseason: days, then checklist ticks and training sessions to match."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from journal.domain.demo import PLAN_DAYS, demo_entries, demo_sessions, demo_ticks, plan_session_days
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
        ticks += _session_ticks(conn) - before
    if days >= PLAN_DAYS + 7:
        _demo_plan(journal, end)
    return written, ticks


def _demo_plan(journal: Journal, end: dt.date) -> None:
    """A return-to-run plan for the left knee over the demo's last weeks, its runs on alternate days its
    sessions, each decided the morning after, as the app decides them when that morning is saved."""
    from journal.store.plans import make_decisions, start_plan

    start = end - dt.timedelta(days=PLAN_DAYS)
    start_plan(journal, "knee", side="left", today=start)
    runs = journal.conn.execute(
        "SELECT date FROM sessions WHERE kind = 'run' AND date >= ?", [start.isoformat()]
    ).fetchall()
    days = plan_session_days((dt.date.fromisoformat(day) for (day,) in runs), start)
    with journal.transaction() as conn:
        for day in days:
            first_run = "SELECT min(id) FROM sessions WHERE date = ? AND kind = 'run'"
            conn.execute(f"UPDATE sessions SET for_plan = 1 WHERE id = ({first_run})", [day.isoformat()])
    for offset in range(PLAN_DAYS + 1):
        make_decisions(journal, today=start + dt.timedelta(days=offset))


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
