"""Goals as rows: read by the goals board, and by the sites and items a goal's measure names,
which stay while a goal measures them."""

from __future__ import annotations

import datetime as dt
import sqlite3

from journal.domain.goals import Goal, Measure
from journal.errors import InvalidInput
from journal.store.db import Row

GOAL_COLUMNS = "id, title, category, status, due, note, measure, position, created_on, done_on, uid, assessment_id"


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def goal_from_row(row: Row) -> Goal:
    id_, title, category, status, due, note, measure, position, created_on, done_on, uid, assessment_id = row
    return Goal(
        title=title,
        category=category,
        status=status,
        due=_day(due),
        note=note,
        measure=Measure.from_json(measure) if measure else None,
        id=id_,
        position=position,
        created_on=dt.date.fromisoformat(created_on),
        done_on=_day(done_on),
        uid=uid,
        assessment_id=assessment_id,
    )


def measured_by(
    conn: sqlite3.Connection, *, site: str | None = None, item_id: int | None = None
) -> list[tuple[Goal, Measure]]:
    """The goals whose measure counts a body site's pain or a checklist item's ticks, each with its measure."""
    goals = [
        goal_from_row(row)
        for row in conn.execute(f"SELECT {GOAL_COLUMNS} FROM goals WHERE measure IS NOT NULL ORDER BY id")
    ]
    return [
        (goal, measure)
        for goal in goals
        if (measure := goal.measure) is not None
        and (
            (site is not None and measure.kind == "pain" and measure.site == site)
            or (item_id is not None and item_id in measure.item_ids)
        )
    ]


def refuse_if_measured(
    conn: sqlite3.Connection, name: str, *, site: str | None = None, item_id: int | None = None
) -> None:
    """A site or item a goal measures stays: without it the goal could not be measured, exported and imported."""
    goals = measured_by(conn, site=site, item_id=item_id)
    if goals:
        named = [f"{goal.id} ({goal.title})" for goal, _ in goals]
        listed = ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]
        raise InvalidInput(
            f"{name} is in the measure of goal{'s' if len(named) > 1 else ''} {listed}: change that"
            f" measure first (journal goal edit ID --measure ...)"
        )
