"""Undo and redo of the changes made in the app.

A change is recorded as the rows it touched, read in the same transaction just
before and just after the write. Undoing it puts the "before" rows back, and
redoing puts the "after" rows back, each in one transaction and only while the
rows are still as the change left them: a day or a goal changed since by
another window or a `journal` command is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from journal.errors import ChangedElsewhere, WeekGoneBy
from journal.store.db import Journal, SqlValue

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: a plan's decisions import this module
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")
HISTORY = 50  # changes the app can take back, newest last

TableRows = tuple[tuple[SqlValue, ...], ...]  # a scope's rows, in a stable order
Rows = tuple[TableRows, ...]  # for each scope, its rows
# Where a change was made: the pane's id, then what there to show again, as ("today", date).
Place = tuple[str, *tuple[object, ...]]


@dataclass(frozen=True)
class Scope:
    """The rows of one table that a change can touch."""

    table: str
    where: str = "1"
    params: tuple[SqlValue, ...] = ()

    def read(self, conn: sqlite3.Connection) -> TableRows:
        rows = conn.execute(f"SELECT * FROM {self.table} WHERE {self.where}", self.params).fetchall()
        return tuple(sorted(rows, key=repr))

    def write(self, conn: sqlite3.Connection, rows: TableRows) -> None:
        conn.execute(f"DELETE FROM {self.table} WHERE {self.where}", self.params)
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            conn.executemany(f"INSERT INTO {self.table} VALUES ({marks})", rows)


def day_scopes(day: dt.date) -> tuple[Scope, ...]:
    """A logged day: its entry and its pain scores."""
    return Scope("entries", "date = ?", (day.isoformat(),)), Scope("pain", "date = ?", (day.isoformat(),))


def tick_scopes(item_id: int, day: dt.date) -> tuple[Scope, ...]:
    """One day of one checklist item: a tick changes nothing else (not even the item's start); the
    record of the session that made it goes with it (see journal.store.sessions)."""
    where = ("item_id = ? AND date = ?", (item_id, day.isoformat()))
    return Scope("ticks", *where), Scope("session_ticks", *where)


def session_scopes(*days: dt.date) -> tuple[Scope, ...]:
    """The sessions of `days`, their pain, and the ticks of those days: a session ticks its item, and
    moving one to another day (`days` holds both) moves its tick."""
    dates = tuple(sorted({day.isoformat() for day in days}))
    on_days = f"date IN ({', '.join('?' * len(dates))})"
    return (
        Scope("sessions", on_days, dates),
        Scope("session_pain", f"session_id IN (SELECT id FROM sessions WHERE {on_days})", dates),
        Scope("ticks", on_days, dates),
        Scope("session_ticks", on_days, dates),
    )


ITEMS = (Scope("checklist_items"), Scope("item_targets"))
GOALS = (Scope("assessments"), Scope("goals"))
SITES = (Scope("sites"),)


@dataclass(frozen=True)
class Change:
    """What one write did: a line for the runner, where it was made, and the rows before and after."""

    what: str
    place: Place
    scopes: tuple[Scope, ...]
    before: Rows
    after: Rows


def _read(conn: sqlite3.Connection, scopes: tuple[Scope, ...]) -> Rows:
    return tuple(scope.read(conn) for scope in scopes)


def _put(journal: Journal, scopes: tuple[Scope, ...], rows: Rows, expected: Rows, doing: str) -> None:
    with journal.transaction() as conn:
        if _read(conn, scopes) != expected:
            raise ChangedElsewhere(f"it was changed elsewhere since; nothing was {doing}")
        _keep_weeks_gone_by(journal, conn, scopes, rows, expected, doing)
        # Rows go and come back in one transaction: their links are checked at the commit.
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for scope in reversed(scopes):
            scope.write(conn, ())
        for scope, scope_rows in zip(scopes, rows, strict=True):
            scope.write(conn, scope_rows)
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise ChangedElsewhere(f"what it depends on was changed since; nothing was {doing}")


def _keep_weeks_gone_by(
    journal: Journal, conn: sqlite3.Connection, scopes: tuple[Scope, ...], rows: Rows, now: Rows, doing: str
) -> None:
    """Refuse to take back or bring back a plan decision made in a week now gone by: a change made on a Sunday
    night and undone on Monday would change last week (`journal.store.plans`)."""
    changed = [
        set(then) ^ set(held)
        for scope, then, held in zip(scopes, rows, now, strict=True)
        if scope.table == "plan_decisions"
    ]
    if not any(changed):
        return
    from journal.clock import today
    from journal.dates import week_start
    from journal.store.settings import first_weekday

    columns = [row[1] for row in conn.execute("PRAGMA table_info(plan_decisions)")]
    decided = columns.index("decided_on")
    this_week = week_start(today(), first_weekday(journal)).isoformat()
    if any(str(row[decided]) < this_week for rows_changed in changed for row in rows_changed):
        raise WeekGoneBy(
            f"a return-to-run plan's decision it made or took back is in a week now gone by, which stays as it"
            f" was; nothing was {doing}"
        )


@dataclass
class History:
    """The changes made in this session that can be undone, and those undone that can be redone."""

    journal: Journal
    done: list[Change] = field(default_factory=list)
    undone: list[Change] = field(default_factory=list)
    recorded: Callable[[Change], None] | None = None  # told of every change recorded (the app tells its panes)

    def record(self, what: str, place: Place, scopes: tuple[Scope, ...], write: Callable[[], T]) -> T:
        """Run `write` and remember what it changed (nothing is remembered when nothing changed)."""
        with self.journal.transaction() as conn:
            before = _read(conn, scopes)
            result = write()
            after = _read(conn, scopes)
        if after != before:
            change = Change(what, place, scopes, before, after)
            self.done = [*self.done[-(HISTORY - 1) :], change]
            self.undone.clear()
            if self.recorded is not None:
                self.recorded(change)
        return result

    def undo(self) -> Change | None:
        """Take back the latest change; None when there is none. Raises ChangedElsewhere."""
        return self._step(self.done, self.undone, undo=True)

    def redo(self) -> Change | None:
        """Make again the change last undone; None when there is none. Raises ChangedElsewhere."""
        return self._step(self.undone, self.done, undo=False)

    def _step(self, pending: list[Change], finished: list[Change], *, undo: bool) -> Change | None:
        if not pending:
            return None
        change = pending.pop()
        rows, expected = (change.before, change.after) if undo else (change.after, change.before)
        try:
            _put(self.journal, change.scopes, rows, expected, "undone" if undo else "redone")
        except (ChangedElsewhere, WeekGoneBy):
            raise  # its rows or its week moved on: it can never be taken back now, so it stays out
        except BaseException:
            pending.append(change)  # a busy or read-only file: it can be tried again
            raise
        finished.append(change)
        return change
