"""Training sessions, their pain, and the checklist ticks they make: each change one transaction.

A session of a kind that ticks an item kind (`session_kinds`) ticks the first item of
that kind that can be ticked on its day, unless that day is ticked already. The tick
is then the session's (`session_ticks`): removing the session, or moving it to
another day or kind, takes it back, unless another session of that day would have
made it too, which then keeps it. A tick the runner made by hand is never taken back.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable

from journal.dates import short_day, week_start
from journal.domain.sessions import (
    PLAN_KINDS,
    SESSION_KINDS,
    Session,
    SessionChange,
    merge_sessions,
    parse_session_kind,
)
from journal.errors import InvalidInput, closest
from journal.store.db import Journal, Row, SqlValue, inserted_id
from journal.store.entries import ChangedHereAndElsewhere
from journal.store.settings import first_weekday

_COLUMNS = "id, date, kind, minutes, km, rpe, note, for_plan"


def session_values(session: Session) -> list[SqlValue]:
    """A session's columns as stored: date, kind, minutes, km, rpe, note, for_plan."""
    return [
        session.day.isoformat(),
        session.kind,
        session.minutes,
        session.km,
        session.rpe,
        session.note,
        int(session.for_plan),
    ]


def _session(row: Row, pain: tuple[tuple[str, str, int], ...]) -> Session:
    id_, date, kind, minutes, km, rpe, note, for_plan = row
    return Session(
        day=dt.date.fromisoformat(date),
        kind=kind,
        minutes=minutes,
        km=km,
        rpe=rpe,
        pain=pain,
        note=note,
        for_plan=bool(for_plan),
        id=id_,
    )


def sessions_between(journal: Journal, start: dt.date, end: dt.date) -> list[Session]:
    """Every session from `start` to `end` inclusive, by day and then in the order they were logged."""
    return read_sessions(journal.conn, "date BETWEEN ? AND ?", (start.isoformat(), end.isoformat()))


def read_sessions(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> list[Session]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM sessions WHERE {where} ORDER BY date, id", params).fetchall()
    if not rows:
        return []
    pain: dict[int, list[tuple[str, str, int]]] = {}
    for session_id, site, side, score in conn.execute(
        "SELECT session_id, sites.name, side, score FROM session_pain JOIN sites ON sites.id = site_id"
        f" WHERE session_id IN (SELECT id FROM sessions WHERE {where}) ORDER BY session_id, sites.position, side",
        params,
    ):
        pain.setdefault(session_id, []).append((site, side, score))
    return [_session(row, tuple(pain.get(row[0], ()))) for row in rows]


def read_session(conn: sqlite3.Connection, session_id: int) -> Session:
    found = read_sessions(conn, "id = ?", (session_id,))
    if not found:
        raise InvalidInput(f"there is no session {session_id} (journal session list shows their numbers)")
    return found[0]


def get_session(journal: Journal, session_id: int) -> Session:
    return read_session(journal.conn, session_id)


# -- adding, changing, removing -----------------------------------------------------


def add_session(journal: Journal, session: Session, *, today: dt.date) -> Session:
    """Log a session, ticking its checklist item (see the module's text)."""
    _check_day(session.day, today)
    with journal.transaction() as conn:
        _check_plan_session(conn, session)
        return insert_session(conn, session)


def _check_plan_session(conn: sqlite3.Connection, session: Session, session_id: int | None = None) -> None:
    if problem := plan_session_problem(conn, session, session_id):
        reason, hint = problem
        raise InvalidInput(f"{reason}: {hint}")


def plan_session_problem(
    conn: sqlite3.Connection, session: Session, session_id: int | None = None
) -> tuple[str, str] | None:
    """Why `session` (numbered `session_id` once stored) cannot be a plan session, and what to do instead, or
    None: a return-to-run plan's session is a run, on a day a plan ran, and the plan runs on alternate days
    (the day before and the day after have no plan session of their own). Asked of a session logged, changed
    or imported."""
    if not session.for_plan:
        return None
    if session.kind not in PLAN_KINDS:
        return "a return-to-run plan's session is a run", f"log the {session.kind} without --plan"
    day = session.day.isoformat()
    if not conn.execute(
        "SELECT 1 FROM plans WHERE started_on <= ? AND coalesce(stopped_on, completed_on, ?) >= ?", [day, day, day]
    ).fetchone():
        return f"no return-to-run plan ran on {day}", "a session then is not a plan session"
    row = conn.execute(
        "SELECT date FROM sessions WHERE for_plan AND date IN (?, ?) AND id IS NOT ?",
        [
            (session.day - dt.timedelta(days=1)).isoformat(),
            (session.day + dt.timedelta(days=1)).isoformat(),
            session_id,
        ],
    ).fetchone()
    if row:
        return f"the plan runs on alternate days and {row[0]} has its session", "log this run without --plan"
    return None


def _check_history(conn: sqlite3.Connection, session_id: int, this_week: dt.date) -> None:
    """A plan session judged in a week gone by keeps its day and stays the plan's: that decision is history
    (`journal.store.plans`), and it names the session's day."""
    row = conn.execute(
        "SELECT day, decided_on FROM plan_decisions WHERE session_id = ? AND decided_on < ? ORDER BY decided_on",
        [session_id, this_week.isoformat()],
    ).fetchone()
    if row:
        day, decided = (short_day(dt.date.fromisoformat(text)) for text in row)
        raise InvalidInput(
            f"session {session_id} was judged by its return-to-run plan on {decided}, in a week gone by: that"
            f" decision is history, so the session stays the plan's session of {day} (remove it and log it again"
            " to change that)"
        )


def insert_session(
    conn: sqlite3.Connection, session: Session, *, uid: str | None = None, number: int | None = None, tick: bool = True
) -> Session:
    """Add a session inside the caller's transaction (see `add_session`); `uid` and `number` keep an imported one's,
    and `tick=False` makes no tick (an import that brings its own ticks)."""
    import uuid  # here, not above: the plan decisions a `journal add` makes read sessions and write none

    cursor = conn.execute(
        "INSERT INTO sessions (id, date, kind, minutes, km, rpe, note, for_plan, uid, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%S', 'now'))",
        [number, *session_values(session), uid or str(uuid.uuid4())],
    )
    session_id = inserted_id(cursor)
    _write_pain(conn, session_id, session.pain)
    if tick:
        _tick_for(conn, session_id, session.day, session.kind)
    return read_session(conn, session_id)


def update_session(
    journal: Journal, session_id: int, change: SessionChange, *, today: dt.date, since: Session | None = None
) -> Session:
    """Change the fields `change` names; a new day or kind moves the session's tick with it.

    With `since` (the session as a window opened it), what was saved elsewhere meanwhile in the fields the
    change leaves as they were is kept; a field it changes that was also changed elsewhere, to another value,
    refuses the whole change with ChangedHereAndElsewhere (as a day's `update_entry` does).
    """
    with journal.transaction() as conn:
        before = read_session(conn, session_id)
        after = change.applied_to(before)
        if since is not None:
            merge = merge_sessions(since, before, change.applied_to(since))
            if merge.clashes:
                raise ChangedHereAndElsewhere(
                    f"session {session_id} was changed elsewhere after you opened it, in fields you changed too;"
                    " nothing was saved",
                    before,
                    merge.clashes,
                )
            after = merge.session
        if after.day != before.day:
            _check_day(after.day, today)
        _check_plan_session(conn, after, session_id)
        if before.for_plan and (after.day, after.for_plan) != (before.day, before.for_plan):
            _check_history(conn, session_id, week_start(today, first_weekday(journal)))
        conn.execute(
            "UPDATE sessions SET date = ?, kind = ?, minutes = ?, km = ?, rpe = ?, note = ?, for_plan = ?,"
            " source = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now') WHERE id = ?",  # the runner's now
            [*session_values(after), session_id],
        )
        if after.pain != before.pain:
            conn.execute("DELETE FROM session_pain WHERE session_id = ?", [session_id])
            _write_pain(conn, session_id, after.pain)
        if (after.day, after.kind) != (before.day, before.kind):
            _take_back_ticks(conn, session_id)
            _tick_for(conn, session_id, after.day, after.kind)
        return read_session(conn, session_id)


def move_ticks(conn: sqlite3.Connection, session_id: int, day: dt.date, kind: str) -> None:
    """A session moved to another day or kind, inside the caller's transaction: the tick it made goes, and it
    ticks as a session of that day and kind does."""
    _take_back_ticks(conn, session_id)
    _tick_for(conn, session_id, day, kind)


def remove_session(journal: Journal, session_id: int) -> Session:
    """Remove a session and take back the tick it made (see the module's text)."""
    with journal.transaction() as conn:
        session = read_session(conn, session_id)
        _take_back_ticks(conn, session_id)
        # One an app brought stays removed: the next import of that app's export does not bring it back.
        conn.execute(
            "INSERT OR REPLACE INTO removed_imports (uid, source) SELECT uid, source FROM sessions"
            " WHERE id = ? AND source IS NOT NULL",
            [session_id],
        )
        conn.execute("DELETE FROM sessions WHERE id = ?", [session_id])
        return session


def save_sessions(journal: Journal, sessions: Iterable[Session]) -> int:
    """Store many sessions in one transaction (the demo journal)."""
    count = 0
    with journal.transaction() as conn:
        for session in sessions:
            insert_session(conn, session)
            count += 1
    return count


def _check_day(day: dt.date, today: dt.date) -> None:
    if day > today:
        raise InvalidInput(f"{day.isoformat()} is in the future: log a session once it is done")


def _write_pain(conn: sqlite3.Connection, session_id: int, pain: Iterable[tuple[str, str, int]]) -> None:
    site_ids = {name: id_ for id_, name in conn.execute("SELECT id, name FROM sites")}
    rows = []
    for site, side, score in pain:
        if site not in site_ids:
            raise InvalidInput(f"unknown body site {site!r}{closest(site, list(site_ids))}")
        rows.append((session_id, site_ids[site], side, score))
    conn.executemany("INSERT INTO session_pain (session_id, site_id, side, score) VALUES (?, ?, ?, ?)", rows)


# -- the ticks sessions make --------------------------------------------------------


def _item_to_tick(conn: sqlite3.Connection, day: dt.date, kind: str) -> int | None:
    """The item a session of `kind` on `day` ticks: the first of its item kind that can be ticked that day."""
    row = conn.execute(
        "SELECT checklist_items.id FROM session_kinds JOIN checklist_items ON checklist_items.kind = item_kind"
        " WHERE session_kinds.kind = ? AND (retired_on IS NULL OR retired_on > ?) ORDER BY position, id LIMIT 1",
        [kind, day.isoformat()],
    ).fetchone()
    return None if row is None else int(row[0])


def _tick_for(conn: sqlite3.Connection, session_id: int, day: dt.date, kind: str) -> None:
    item_id = _item_to_tick(conn, day, kind)
    if item_id is None:
        return
    cursor = conn.execute(
        "INSERT INTO ticks (item_id, date, note) VALUES (?, ?, '') ON CONFLICT (item_id, date) DO NOTHING",
        [item_id, day.isoformat()],
    )
    if cursor.rowcount:  # ticked already (by hand or by another session): that tick is not this session's
        conn.execute(
            "INSERT INTO session_ticks (session_id, item_id, date) VALUES (?, ?, ?)",
            [session_id, item_id, day.isoformat()],
        )


def _take_back_ticks(conn: sqlite3.Connection, session_id: int) -> None:
    """Untick what the session ticked, unless another session of that day would have ticked it: it keeps it."""
    made = conn.execute("SELECT item_id, date FROM session_ticks WHERE session_id = ?", [session_id]).fetchall()
    for item_id, date in made:
        heir = next(
            (
                other_id
                for other_id, kind in conn.execute(
                    "SELECT id, kind FROM sessions WHERE date = ? AND id != ? ORDER BY id", [date, session_id]
                ).fetchall()
                if _item_to_tick(conn, dt.date.fromisoformat(date), kind) == item_id
            ),
            None,
        )
        if heir is not None:
            conn.execute(
                "UPDATE session_ticks SET session_id = ? WHERE item_id = ? AND date = ?", [heir, item_id, date]
            )
        else:
            conn.execute("DELETE FROM ticks WHERE item_id = ? AND date = ?", [item_id, date])


def ticked_by(journal: Journal, start: dt.date, end: dt.date) -> dict[tuple[int, dt.date], int]:
    """The ticks from `start` to `end` that a session made: (item id, day) -> the session's number."""
    rows = journal.conn.execute(
        "SELECT item_id, date, session_id FROM session_ticks WHERE date BETWEEN ? AND ?",
        [start.isoformat(), end.isoformat()],
    )
    return {(item_id, dt.date.fromisoformat(date)): session_id for item_id, date, session_id in rows}


def has_running_plan(journal: Journal) -> bool:
    """Whether a return-to-run plan runs: asked at every day shown, without loading the plans' module."""
    found = journal.conn.execute(
        "SELECT EXISTS (SELECT 1 FROM plans WHERE stopped_on IS NULL AND completed_on IS NULL)"
    ).fetchone()[0]
    return bool(found)


# -- which item kind each session kind ticks ----------------------------------------


def session_kinds(journal: Journal) -> dict[str, str | None]:
    """Every session kind and the checklist item kind it ticks (None: nothing), in the kinds' order."""
    found = dict(journal.conn.execute("SELECT kind, item_kind FROM session_kinds").fetchall())
    return {kind: found.get(kind) for kind in SESSION_KINDS}


def set_session_kind(journal: Journal, kind: str, item_kind: str | None) -> dict[str, str | None]:
    """Make sessions of `kind` tick items of `item_kind` from now on (None: nothing); ticks made stay."""
    from journal.domain.checklist import ITEM_KINDS

    kind = parse_session_kind(kind)
    if item_kind is not None:
        item_kind = item_kind.strip().lower()
        if item_kind not in ITEM_KINDS:
            raise InvalidInput(
                f"a checklist item kind is one of {', '.join(ITEM_KINDS)} (or none), got {item_kind!r}"
                f"{closest(item_kind, list(ITEM_KINDS))}"
            )
    with journal.transaction() as conn:
        conn.execute(
            "INSERT INTO session_kinds (kind, item_kind) VALUES (?, ?)"
            " ON CONFLICT (kind) DO UPDATE SET item_kind = excluded.item_kind",
            [kind, item_kind],
        )
    return session_kinds(journal)
