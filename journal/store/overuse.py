"""The weekly overuse answers (OSTRC-O2): one set per week, site and side, kept in the journal file.

The questions and the scoring live in `journal.domain.overuse`. A week is named by
its first day under the runner's `week_start` setting; reads take every answer
dated inside the week asked for, so answers saved under another setting are not
lost when it changes.

For the command line and the app:

- `save_answers(journal, week, "knee", "", answers, today=...)` stores (replaces)
  a week's answers for a site: one transaction; `week` is any day of the week.
- `remove_answers`, `week_answers` (a week), `severities` (week by week over a
  range, for Trends and the weekly review; weeks without answers are absent).
- `sites_to_ask(journal, week)`: the sites and sides with pain that week (a day's
  pain or pain during a session, 1 or more) and no answers yet: the form to offer.
- `week_scopes(week)`: the rows an undo of a week's answers puts back.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from journal.dates import week_start
from journal.domain.entries import PainKey, parse_pain_key
from journal.domain.overuse import Answers, WeekAnswers
from journal.errors import InvalidInput
from journal.store.db import Journal
from journal.store.settings import first_weekday
from journal.store.sites import read_sites
from journal.store.undo import Scope

WEEK = dt.timedelta(days=7)
_COLUMNS = "week, sites.name, side, participation, volume, performance, pain"


def week_scopes(week: dt.date) -> tuple[Scope, ...]:
    """The overuse answers of the week starting on `week`, every site."""
    return (Scope("overuse_answers", "week BETWEEN ? AND ?", _span(week)),)


def _span(week: dt.date) -> tuple[str, str]:
    return week.isoformat(), (week + WEEK - dt.timedelta(days=1)).isoformat()


def _key(conn: sqlite3.Connection, site: str, side: str) -> PainKey:
    return parse_pain_key(f"{site}:{side}" if side.strip() else site, read_sites(conn))


def save_answers(
    journal: Journal,
    week: dt.date,
    site: str,
    side: str,
    answers: Answers,
    *,
    today: dt.date,
    since: Answers | None = None,
    checked: bool = False,
) -> WeekAnswers:
    """Store a week's answers for a site (and side), replacing any it had; `week` is any day in it.

    `checked` (a form): `since` is what the week held for the site when the form opened (None: no answers).
    Answers saved elsewhere since then, unlike these, refuse the save with ChangedHereAndElsewhere, naming
    the questions answered otherwise: the four answers are one questionnaire, saved whole or not at all.
    """
    start = week_start(week, first_weekday(journal))
    if start > today:
        raise InvalidInput(f"the week of {start.isoformat()} has not started: answer for a week once it is under way")
    with journal.transaction() as conn:
        name, side = _key(conn, site, side)
        if checked:
            _check_unchanged(conn, start, name, side, since, answers)
        _delete(conn, start, name, side)
        conn.execute(
            "INSERT INTO overuse_answers (week, site_id, side, participation, volume, performance, pain)"
            " SELECT ?, id, ?, ?, ?, ?, ? FROM sites WHERE name = ?",
            [start.isoformat(), side, *answers.numbers, name],
        )
    return WeekAnswers(start, name, side, answers)


def _check_unchanged(
    conn: sqlite3.Connection, start: dt.date, site: str, side: str, since: Answers | None, answers: Answers
) -> None:
    from journal.domain.overuse import QUESTIONS
    from journal.store.entries import ChangedHereAndElsewhere

    found = [
        each.answers
        for each in _read(conn, "week BETWEEN ? AND ? AND sites.name = ? AND side = ?", (*_span(start), site, side))
    ]
    stored = found[0] if found else None
    if stored in (since, answers):
        return
    theirs = stored.numbers if stored else (None,) * len(QUESTIONS)
    clashes = [
        question.key
        for question, number, mine in zip(QUESTIONS, theirs, answers.numbers, strict=True)
        if number != mine
    ]
    raise ChangedHereAndElsewhere(
        f"the answers for {site}{':' + side if side else ''} in the week of {start.isoformat()} were saved elsewhere"
        " after you opened them; nothing was saved",
        stored,
        clashes,
    )


def remove_answers(journal: Journal, week: dt.date, site: str, side: str = "") -> bool:
    """Remove a week's answers for a site; False when there were none."""
    start = week_start(week, first_weekday(journal))
    with journal.transaction() as conn:
        name, side = _key(conn, site, side)
        return _delete(conn, start, name, side) > 0


def _delete(conn: sqlite3.Connection, start: dt.date, site: str, side: str) -> int:
    cursor = conn.execute(
        "DELETE FROM overuse_answers WHERE week BETWEEN ? AND ? AND side = ?"
        " AND site_id = (SELECT id FROM sites WHERE name = ?)",
        [*_span(start), side, site],
    )
    return cursor.rowcount


def _read(conn: sqlite3.Connection, where_sql: str, params: tuple[object, ...]) -> list[WeekAnswers]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM overuse_answers JOIN sites ON sites.id = site_id WHERE {where_sql}"
        " ORDER BY week, sites.position, side",
        params,
    )
    return [
        WeekAnswers(dt.date.fromisoformat(week), site, side, Answers(*numbers)) for week, site, side, *numbers in rows
    ]


def week_answers(journal: Journal, week: dt.date) -> list[WeekAnswers]:
    """The answers of the week starting on `week`, in the sites' order."""
    return _read(journal.conn, "week BETWEEN ? AND ?", _span(week))


def severities(
    journal: Journal, first: dt.date, last: dt.date, *, site: str | None = None, side: str | None = None
) -> list[WeekAnswers]:
    """Every week's answers from the week starting `first` to the one starting `last`, oldest first (score and
    substantial on each); only `site` (and `side`) when given."""
    where_sql, params = "week BETWEEN ? AND ?", [first.isoformat(), _span(last)[1]]
    if site is not None:
        name, side_found = _key(journal.conn, site, side or "")
        where_sql += " AND sites.name = ?"
        params.append(name)
        if side is not None:
            where_sql += " AND side = ?"
            params.append(side_found)
    return _read(journal.conn, where_sql, tuple(params))


def sites_to_ask(journal: Journal, week: dt.date) -> list[PainKey]:
    """The (site, side) with pain of 1 or more in the week starting `week` and no answers for it yet."""
    span = _span(week)
    rows = journal.conn.execute(
        "SELECT sites.name, hurt.side FROM ("
        " SELECT site_id, side FROM pain WHERE date BETWEEN ? AND ? AND score >= 1"
        " UNION SELECT site_id, side FROM session_pain JOIN sessions ON sessions.id = session_id"
        " WHERE sessions.date BETWEEN ? AND ? AND score >= 1"
        ") AS hurt JOIN sites ON sites.id = hurt.site_id"
        " WHERE NOT EXISTS (SELECT 1 FROM overuse_answers AS answered WHERE answered.site_id = hurt.site_id"
        " AND answered.side = hurt.side AND answered.week BETWEEN ? AND ?)"
        " ORDER BY sites.position, hurt.side",
        [*span, *span, *span],
    )
    return [(name, side) for name, side in rows]
