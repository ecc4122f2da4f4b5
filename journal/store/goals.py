"""Goals on the board, season assessments, and goal progress computed from the journal."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from dataclasses import replace
from typing import Literal

from journal.dates import week_start
from journal.domain.checklist import ChecklistItem, week_completion
from journal.domain.goals import (
    Assessment,
    Goal,
    Measure,
    Proposal,
    checklist_progress,
    cramps_progress,
    pain_progress,
    parse_category,
    parse_goal_note,
    parse_goal_title,
    parse_looks_back_on,
    parse_status,
    propose,
    set_aside_known,
    set_aside_met,
    share,
)
from journal.domain.markers import Keep
from journal.domain.scales import mean
from journal.errors import InvalidInput
from journal.store.db import Journal, inserted_id
from journal.store.goal_rows import GOAL_COLUMNS, goal_from_row


def list_goals(journal: Journal, status: str | None = None) -> list[Goal]:
    """Goals by status column, then the runner's order."""
    where, params = ("WHERE status = ?", [status]) if status else ("", [])
    rows = journal.conn.execute(
        f"SELECT {GOAL_COLUMNS} FROM goals {where} ORDER BY"
        " CASE status WHEN 'todo' THEN 0 WHEN 'doing' THEN 1 WHEN 'done' THEN 2 ELSE 3 END, position, id",
        params,
    )
    return [goal_from_row(row) for row in rows]


def _get(conn: sqlite3.Connection, goal_id: int) -> Goal:
    row = conn.execute(f"SELECT {GOAL_COLUMNS} FROM goals WHERE id = ?", [goal_id]).fetchone()
    if row is None:
        raise InvalidInput(f"there is no goal {goal_id}")
    return goal_from_row(row)


def get_goal(journal: Journal, goal_id: int) -> Goal:
    return _get(journal.conn, goal_id)


def new_uid() -> str:
    return str(uuid.uuid4())


def _insert(conn: sqlite3.Connection, goal: Goal, today: dt.date, assessment_id: int | None = None) -> int:
    """A new goal at the end of its column, under a number never given before in this journal."""
    position = conn.execute(
        "SELECT coalesce(max(position) + 1, 0) FROM goals WHERE status = ?", [goal.status]
    ).fetchone()[0]
    cursor = conn.execute(
        "INSERT INTO goals (title, category, status, due, note, measure, position, created_on, done_on, assessment_id,"
        " uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            parse_goal_title(goal.title),
            parse_category(goal.category),
            parse_status(goal.status),
            goal.due.isoformat() if goal.due else None,
            parse_goal_note(goal.note),
            goal.measure.to_json() if goal.measure else None,
            position,
            today.isoformat(),
            today.isoformat() if goal.status == "done" else None,
            assessment_id,
            new_uid(),
        ],
    )
    return inserted_id(cursor)


def resolve_measure(conn: sqlite3.Connection, measure: Measure | None, *, strict: bool = True) -> Measure | None:
    """The measure with its site and items checked against the journal, items kept by number.

    Strict (a measure typed by the runner): an unknown site or item is refused with the
    closest names. Lenient (a proposal): unknown items are left out, and a measure with
    none left is dropped.
    """
    from journal.domain.checklist import resolve_item
    from journal.domain.entries import resolve_site
    from journal.store.checklist import read_items
    from journal.store.sites import read_sites

    if measure is None:
        return None
    if measure.kind == "pain":
        return replace(measure, site=resolve_site(measure.site, read_sites(conn)).name)
    if measure.kind not in ("checklist", "ticks"):
        return measure
    items = read_items(conn, include_retired=False)
    found = []
    for name in measure.items:
        try:
            found.append(resolve_item(name, items))
        except InvalidInput:
            if strict:
                raise
    if not found:
        return None
    return replace(measure, items=tuple(item.title for item in found), item_ids=tuple(item.number for item in found))


def add_goal(journal: Journal, goal: Goal, *, today: dt.date) -> Goal:
    with journal.transaction() as conn:
        goal = replace(goal, measure=resolve_measure(conn, goal.measure))
        return _get(conn, _insert(conn, goal, today))


def update_goal(
    journal: Journal,
    goal_id: int,
    *,
    title: str | None = None,
    category: str | None = None,
    due: dt.date | Literal[Keep.KEEP] | None = Keep.KEEP,
    note: str | None = None,
    measure: Measure | Literal[Keep.KEEP] | None = Keep.KEEP,
) -> Goal:
    """Change a goal's words, category, due date or measure (None clears the due date or measure, Keep.KEEP
    leaves it as it is)."""
    changes: dict[str, str | None] = {}
    if title is not None:
        changes["title"] = parse_goal_title(title)
    if category is not None:
        changes["category"] = parse_category(category)
    if due is not Keep.KEEP:
        changes["due"] = due.isoformat() if due else None
    if note is not None:
        changes["note"] = parse_goal_note(note)
    with journal.transaction() as conn:
        _get(conn, goal_id)
        if measure is not Keep.KEEP:
            resolved = resolve_measure(conn, measure)
            changes["measure"] = resolved.to_json() if resolved else None
        if changes:
            conn.execute(
                f"UPDATE goals SET {', '.join(f'{k} = ?' for k in changes)} WHERE id = ?", [*changes.values(), goal_id]
            )
        return _get(conn, goal_id)


def move_goal(journal: Journal, goal_id: int, status: str, *, today: dt.date, position: int | None = None) -> Goal:
    """Put a goal in a column (at the end, or at `position`); done records the day."""
    status = parse_status(status)
    with journal.transaction() as conn:
        goal = _get(conn, goal_id)
        column = [g.id for g in _column(conn, status) if g.id != goal_id]
        column.insert(len(column) if position is None else max(0, min(len(column), position)), goal_id)
        done_on = (goal.done_on or today).isoformat() if status == "done" else None
        conn.execute("UPDATE goals SET status = ?, done_on = ? WHERE id = ?", [status, done_on, goal_id])
        conn.executemany("UPDATE goals SET position = ? WHERE id = ?", [(p, gid) for p, gid in enumerate(column)])
        return _get(conn, goal_id)


def _column(conn: sqlite3.Connection, status: str) -> list[Goal]:
    rows = conn.execute(f"SELECT {GOAL_COLUMNS} FROM goals WHERE status = ? ORDER BY position, id", [status])
    return [goal_from_row(row) for row in rows]


def remove_goal(journal: Journal, goal_id: int) -> Goal:
    with journal.transaction() as conn:
        goal = _get(conn, goal_id)
        conn.execute("DELETE FROM goals WHERE id = ?", [goal_id])
        return goal


def refuse_a_second_assessment(conn: sqlite3.Connection, day: dt.date, looks_back_on: str) -> None:
    """An assessment is known by its day and what it looks back on (goals and imports find it so): one of each."""
    if conn.execute(
        "SELECT 1 FROM assessments WHERE date = ? AND looks_back_on = ?", [day.isoformat(), looks_back_on]
    ).fetchone():
        named = f"on {looks_back_on!r}" if looks_back_on else "without naming the race"
        raise InvalidInput(
            f"there is already an assessment {named} on {day.isoformat()}: give this one another name (--race)"
        )


def save_assessment(journal: Journal, assessment: Assessment, kept: list[Proposal], *, today: dt.date) -> list[Goal]:
    """Store an assessment and the proposals the runner kept, with any checklist items they need."""
    from journal.store.checklist import insert_item, read_items

    looks_back_on = parse_looks_back_on(assessment.looks_back_on)
    note = parse_goal_note(assessment.note, "the assessment's note")
    with journal.transaction() as conn:
        refuse_a_second_assessment(conn, assessment.day, looks_back_on)
        cursor = conn.execute(
            "INSERT INTO assessments (date, looks_back_on, faded, pain_sites, hit_wall, back_or_hips, cramping, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                assessment.day.isoformat(),
                looks_back_on,
                int(assessment.faded),
                ",".join(assessment.pain_sites),
                int(assessment.hit_wall),
                int(assessment.back_or_hips),
                int(assessment.cramping),
                note,
            ],
        )
        titles = {item.title.lower() for item in read_items(conn, include_retired=False)}
        for proposal in kept:
            for title, kind, target in proposal.needs_items:
                if title.lower() not in titles:
                    insert_item(conn, title, kind=kind, target=target, today=today)
                    titles.add(title.lower())
        ids = [
            _insert(
                conn,
                replace(proposal.goal, measure=resolve_measure(conn, proposal.goal.measure, strict=False)),
                today,
                inserted_id(cursor),
            )
            for proposal in kept
        ]
        return [_get(conn, goal_id) for goal_id in ids]


def propose_goals(journal: Journal, assessment: Assessment, today: dt.date) -> list[Proposal]:
    """The assessment's proposals for this journal: none twice on the board, none already met by what is logged."""
    from journal.store.settings import sleep_need

    proposals = set_aside_known(propose(assessment, today, sleep_need=sleep_need(journal)), list_goals(journal))
    return set_aside_met(proposals, [_first_day(journal, proposal.goal, today) for proposal in proposals])


def _first_day(journal: Journal, goal: Goal, today: dt.date) -> float | None:
    """A proposed goal's progress on the day it would be set (None when there is nothing to measure yet)."""
    try:
        measure = resolve_measure(journal.conn, goal.measure, strict=False)
    except InvalidInput:  # a site the journal does not have: nothing logged there
        return None
    return progress(journal, replace(goal, measure=measure, created_on=today), today) if measure else None


# -- progress -----------------------------------------------------------------------------


def progress(journal: Journal, goal: Goal, today: dt.date) -> float | None:
    """The goal's progress from 0 to 1 computed from the journal; None with no measure or no data yet."""
    measure = goal.measure
    if measure is None:
        return None
    conn = journal.conn
    week_ago = (today - dt.timedelta(days=6)).isoformat()
    if measure.kind == "sleep":
        rows = conn.execute(
            "SELECT sleep_hours FROM entries WHERE date BETWEEN ? AND ? AND sleep_hours IS NOT NULL",
            [week_ago, today.isoformat()],
        )
        return share(mean([row[0] for row in rows]), measure.level)
    if measure.kind == "pain":
        # The latest week with readings: a site no longer logged keeps its last figure.
        latest = conn.execute(
            "SELECT max(pain.date) FROM pain JOIN sites ON sites.id = pain.site_id WHERE sites.name = ?"
            " AND pain.date BETWEEN ? AND ?",
            [measure.site, (goal.created_on - dt.timedelta(days=6)).isoformat(), today.isoformat()],
        ).fetchone()[0]
        current = _pain_mean(conn, measure.site, dt.date.fromisoformat(latest)) if latest else None
        return pain_progress(_pain_mean(conn, measure.site, goal.created_on), current, measure.level)
    if measure.kind == "cramps":
        rows = conn.execute(
            "SELECT date, cramps FROM entries WHERE date BETWEEN ? AND ?",
            [(goal.created_on - dt.timedelta(days=6)).isoformat(), today.isoformat()],
        )
        logged = {dt.date.fromisoformat(day): count for day, count in rows}
        return cramps_progress(logged, goal.created_on, today, measure.level)
    if measure.kind == "days":
        count = conn.execute(
            "SELECT count(*) FROM entries WHERE day_type = ? AND date BETWEEN ? AND ?",
            [measure.day_type, goal.created_on.isoformat(), today.isoformat()],
        ).fetchone()[0]
        return share(count, measure.count)
    items = _named_items(journal, measure)
    if measure.kind == "ticks":
        count = sum(
            conn.execute(
                "SELECT count(*) FROM ticks WHERE item_id = ? AND date BETWEEN ? AND ?",
                [item.id, goal.created_on.isoformat(), today.isoformat()],
            ).fetchone()[0]
            for item in items
        )
        return share(count, measure.count)
    return _checklist_progress(journal, goal, measure, items, today)


def _pain_mean(conn: sqlite3.Connection, site: str, day: dt.date) -> float | None:
    """The mean of the site's daily worst pain over the 7 days ending on `day`."""
    rows = conn.execute(
        "SELECT max(pain.score) FROM pain JOIN sites ON sites.id = pain.site_id"
        " WHERE sites.name = ? AND pain.date BETWEEN ? AND ? GROUP BY pain.date",
        [site, (day - dt.timedelta(days=6)).isoformat(), day.isoformat()],
    )
    return mean([row[0] for row in rows])


def _named_items(journal: Journal, measure: Measure) -> list[ChecklistItem]:
    """The measure's items: by number when known (renaming keeps them), else by title."""
    from journal.store.checklist import list_items

    if measure.item_ids:
        return [item for item in list_items(journal) if item.id in measure.item_ids]
    wanted = {title.lower() for title in measure.items}
    return [item for item in list_items(journal) if item.title.lower() in wanted]


def _checklist_progress(
    journal: Journal, goal: Goal, measure: Measure, items: list[ChecklistItem], today: dt.date
) -> float | None:
    from journal.store.checklist import day_types_between, ticks_between
    from journal.store.settings import first_weekday

    if not items:
        return None
    first = first_weekday(journal)
    starts: list[dt.date] = []
    start = week_start(today, first)
    while len(starts) < measure.weeks and start + dt.timedelta(days=6) >= goal.created_on:
        starts.append(start)
        start -= dt.timedelta(days=7)
    if not starts:
        return None
    end = starts[0] + dt.timedelta(days=6)
    ticked = set(ticks_between(journal, starts[-1], end))
    day_types = day_types_between(journal, starts[-1], end)
    ratios = [week_completion(s, items, ticked, day_types).ratio for s in reversed(starts)]
    return checklist_progress(ratios, measure.level, measure.weeks)


def with_progress(journal: Journal, goals: list[Goal], today: dt.date) -> list[tuple[Goal, float | None]]:
    return [(goal, progress(journal, goal, today)) for goal in goals]
