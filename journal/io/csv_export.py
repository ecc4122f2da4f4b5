"""The journal as CSV, for spreadsheets, scripts and `journal import`.

RFC 4180 (CRLF line ends, quotes where needed), UTF-8, ISO dates, numbers as
numbers and an empty cell where nothing was logged. Text a spreadsheet would
run as a formula gets a leading apostrophe, which `journal import` takes off.
Every kind is a function (journal, first day, last day, out) -> rows written;
`writers` names every kind's file for a folder of them (journal.io.export_files).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable

from journal.domain.scales import ENTRY_FIELDS
from journal.store.db import Journal
from journal.store.schema import DECISION_COLUMNS
from journal.store.sites import list_sites

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: `journal export` starts without it
if TYPE_CHECKING:
    from _csv import Writer  # what csv.writer returns; the csv module does not name it
    from typing import TextIO

    # One kind's export: (journal, first day, last day, out) -> rows written.
    Export = Callable[[Journal, dt.date, dt.date, TextIO], int]

ENTRY_HEADER = ("date", *ENTRY_FIELDS)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FIRST_CHARACTERS = frozenset("'=+-@\t\r")
_SIDE_ORDER = {"": 0, "left": 1, "right": 2}


def neutralise(text: str) -> str:
    """Text that a spreadsheet would not run as a formula.

    Text that already starts with apostrophes before a formula character gets
    one more, so that taking one apostrophe off always gives the text back.
    """
    if text and text[0] in _FIRST_CHARACTERS and text.lstrip("'").startswith(_FORMULA_START):
        return "'" + text
    return text


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


def _sql_plain(column: str) -> str:
    """A REAL column printed as a plain number: 8 for 8.0, as Python's `{:g}` and a spreadsheet write it."""
    return f"CASE WHEN {column} = CAST({column} AS INTEGER) THEN CAST({column} AS INTEGER) ELSE {column} END"


_SQL_HOURS = _sql_plain("sleep_hours")
_PLAIN = {"sleep_hours": _SQL_HOURS, "hrv": _sql_plain("hrv")}
_QUOTED = frozenset('",\r\n')


def note_cell(note: str) -> str:
    """A note as Python's csv writer writes a cell (quoted when it holds a quote, comma or line end), neutralised."""
    note = neutralise(note)
    if _QUOTED.isdisjoint(note):
        return note
    return '"' + note.replace('"', '""') + '"'


def export_entries(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Write the days from `start` to `end` as CSV to `out`, a pain column per site and side used; returns how many.

    SQLite prints each row's numbers as its line (printf, one call a row: faster
    than joining the cells one by one), the note and the day's pain cells (made
    once a day with a reading) are laid beside it, and the lines are written in
    batches: a century of days takes a fraction of a second. The tests hold every
    line to what Python's csv writer would write.
    """
    bounds = [start.isoformat(), end.isoformat()]
    sites = {site.id: site for site in list_sites(journal)}
    columns: list[tuple[int, str]] = sorted(
        journal.conn.execute("SELECT DISTINCT site_id, side FROM pain WHERE date BETWEEN ? AND ?", bounds),
        key=lambda key: (sites[key[0]].position, sites[key[0]].name, _SIDE_ORDER[key[1]]),
    )
    column_of = {key: index for index, key in enumerate(columns)}
    pain: dict[str, list[str]] = {}  # a day's pain cells, in the columns' order
    readings = journal.conn.execute("SELECT date, site_id, side, score FROM pain WHERE date BETWEEN ? AND ?", bounds)
    for date, site_id, side, score in readings:
        cells = pain.get(date)
        if cells is None:
            cells = pain[date] = [""] * len(columns)
        cells[column_of[site_id, side]] = str(score)
    after = {date: "," + ",".join(cells) + "\r\n" for date, cells in pain.items()}
    no_pain = "," * len(columns) + "\r\n"
    # printf's %s writes NULL as nothing; the note is the last field, then the pain.
    numbers = ["date", *(_PLAIN.get(name, name) for name in ENTRY_FIELDS if name != "note")]
    line = f"printf('{'%s,' * len(numbers)}', {', '.join(numbers)})"
    _writer(out).writerow([*ENTRY_HEADER, *(sites[site_id].column(side) for site_id, side in columns)])
    count = 0
    rows = journal.conn.execute(
        f"SELECT date, {line}, note FROM entries WHERE date BETWEEN ? AND ? ORDER BY date", bounds
    )
    while batch := rows.fetchmany(4096):
        out.write(
            "".join([text + (note_cell(note) if note else "") + after.get(date, no_pain) for date, text, note in batch])
        )
        count += len(batch)
    return count


def _writer(out: TextIO) -> Writer:
    return csv.writer(out, lineterminator="\r\n")


PAIN_HEADER = ("date", "site", "side", "score")


def export_pain(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Every pain reading, one row each (long form): date, site, side ('' for the site as a whole), score."""
    rows = journal.conn.execute(
        "SELECT pain.date, sites.name, pain.side, pain.score FROM pain JOIN sites ON sites.id = pain.site_id"
        " WHERE pain.date BETWEEN ? AND ? ORDER BY pain.date, sites.position, sites.id,"
        " CASE pain.side WHEN '' THEN 0 WHEN 'left' THEN 1 ELSE 2 END",
        [start.isoformat(), end.isoformat()],
    ).fetchall()
    writer = _writer(out)
    writer.writerow(PAIN_HEADER)
    writer.writerows(rows)
    return len(rows)


TICK_HEADER = ("date", "week", "item_id", "item", "kind", "note")


def export_ticks(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Every checklist tick from `start` to `end`, by day and then in the items' order, one row each.

    SQLite reads the ticks in that order; an item's cells and a week's label are
    made once, not once a tick: a century of ticks takes a fraction of a second.
    """
    from journal.dates import week_label, week_start
    from journal.store.settings import first_weekday

    first = first_weekday(journal)
    items = {
        item_id: _cells([item_id, cell(title), kind])
        for item_id, title, kind in journal.conn.execute("SELECT id, title, kind FROM checklist_items")
    }
    _writer(out).writerow(TICK_HEADER)
    count = 0
    day, week, next_week = "", "", ""
    rows = journal.conn.execute(
        "SELECT ticks.date, ticks.item_id, ticks.note FROM ticks"
        " JOIN checklist_items ON checklist_items.id = ticks.item_id WHERE ticks.date BETWEEN ? AND ?"
        " ORDER BY ticks.date, checklist_items.position, ticks.rowid",
        [start.isoformat(), end.isoformat()],
    )
    while batch := rows.fetchmany(4096):
        lines = []
        for date, item_id, note in batch:
            if date != day:
                if date >= next_week:  # ISO dates sort as the days do
                    begins = week_start(dt.date.fromisoformat(date), first)
                    week = week_label(begins) if first == 0 else begins.isoformat()
                    next_week = (begins + dt.timedelta(days=7)).isoformat()
                day = date
                before = f"{date},{week},"
            lines.append(f"{before}{items[item_id]},{note_cell(note) if note else ''}\r\n")
        out.write("".join(lines))
        count += len(batch)
    return count


def _cells(values: list[object]) -> str:
    """Cells as Python's csv writer writes them in a row, without the line's end."""
    line = io.StringIO()
    csv.writer(line, lineterminator="").writerow(values)
    return line.getvalue()


SESSION_HEADER = (
    "id",
    "date",
    "week",
    "kind",
    "minutes",
    "km",
    "rpe",
    "load",
    "pain",
    "note",
    "for_plan",
    "uid",
    "ticked",
    "source",
)
# Columns an older export did not write: sessions.csv without them still imports.
SESSION_LATER_COLUMNS = ("source",)
# Written for the reader and not read back: the week and the load follow from the rest. `ticked` is read back only
# to say which of an import's own ticks a session made (journal.store.transfer).
SESSION_INFORMATIVE = ("week", "load", "ticked")


def export_sessions(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Every training session from `start` to `end`, by day and then in the order logged, one row each.

    The pain during a session is one cell as the command line takes it (`knee=3;shin:left=2`, in the
    sites' order: a site's name holds none of `;:=`); `ticked` holds the numbers of the checklist items
    whose tick the session made. Three queries in all (sessions, their pain, their ticks) and a week's
    label made once a week: a century of sessions takes a fraction of a second.
    """
    from journal.dates import week_label, week_start
    from journal.store.settings import first_weekday

    bounds = [start.isoformat(), end.isoformat()]
    in_range = "session_id IN (SELECT id FROM sessions WHERE date BETWEEN ? AND ?)"
    pain: dict[int, list[str]] = {}
    for session_id, site, side, score in journal.conn.execute(
        "SELECT session_id, sites.name, side, score FROM session_pain JOIN sites ON sites.id = site_id"
        f" WHERE {in_range} ORDER BY session_id, sites.position, sites.id,"
        " CASE side WHEN '' THEN 0 WHEN 'left' THEN 1 ELSE 2 END",
        bounds,
    ):
        pain.setdefault(session_id, []).append(f"{site}:{side}={score}" if side else f"{site}={score}")
    ticked: dict[int, list[str]] = {}
    for session_id, item_id in journal.conn.execute(
        "SELECT session_id, item_id FROM session_ticks JOIN checklist_items ON checklist_items.id = item_id"
        f" WHERE {in_range} ORDER BY session_id, session_ticks.date, checklist_items.position, item_id",
        bounds,
    ):
        ticked.setdefault(session_id, []).append(str(item_id))
    first = first_weekday(journal)
    _writer(out).writerow(SESSION_HEADER)
    count = 0
    day, week, next_week = "", "", ""
    rows = journal.conn.execute(
        "SELECT id, date, kind, minutes, km, rpe, note, for_plan, uid, coalesce(source, '') FROM sessions"
        " WHERE date BETWEEN ? AND ? ORDER BY date, id",
        bounds,
    )
    while batch := rows.fetchmany(4096):
        lines = []
        for session_id, date, kind, minutes, km, rpe, note, for_plan, uid, source in batch:
            if date != day:
                if date >= next_week:  # ISO dates sort as the days do
                    begins = week_start(dt.date.fromisoformat(date), first)
                    week = week_label(begins) if first == 0 else begins.isoformat()
                    next_week = (begins + dt.timedelta(days=7)).isoformat()
                day = date
            effort = "," if rpe is None else f"{rpe},{minutes * rpe}"
            lines.append(
                f"{session_id},{date},{week},{kind},{minutes},{'' if km is None else f'{km:g}'},{effort},"
                f"{';'.join(pain.get(session_id, ()))},{note_cell(note) if note else ''},{for_plan},{uid},"
                f"{';'.join(ticked.get(session_id, ()))},{source}\r\n"
            )
        out.write("".join(lines))
        count += len(batch)
    return count


GOAL_HEADER = (
    "id",
    "title",
    "category",
    "status",
    "due",
    "progress",
    "note",
    "measure",
    "created",
    "done",
    "position",
    "measure_data",
    "uid",
    "assessment_date",
    "assessment",
)
# Columns an older export did not write: goals.csv without them still imports.
GOAL_LATER_COLUMNS = ("uid", "assessment_date", "assessment")


def export_goals(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Every goal created from `start` to `end`, with its progress as a number from 0 to 1.

    The uid is the goal's identity across journals; the assessment that proposed
    it is named by its date and what it looked back on, as assessments.csv does.
    """
    from journal.clock import today
    from journal.store.goals import list_goals, with_progress

    goals = [goal for goal in list_goals(journal) if start <= goal.created_on <= end]
    assessments = {
        id_: (day, looks_back_on)
        for id_, day, looks_back_on in journal.conn.execute("SELECT id, date, looks_back_on FROM assessments")
    }
    writer = _writer(out)
    writer.writerow(GOAL_HEADER)
    for goal, value in with_progress(journal, goals, today()):
        assessed_on, looks_back_on = assessments.get(goal.assessment_id, ("", ""))
        writer.writerow(
            [
                goal.id,
                cell(goal.title),
                goal.category,
                goal.status,
                cell(goal.due and goal.due.isoformat()),
                "" if value is None else f"{value:.2f}",
                cell(goal.note),
                cell(goal.measure.describe() if goal.measure else ""),
                goal.created_on.isoformat(),
                cell(goal.done_on and goal.done_on.isoformat()),
                goal.position,
                goal.measure.to_json() if goal.measure else "",
                goal.uid,
                assessed_on,
                cell(looks_back_on),
            ]
        )
    return len(goals)


ITEM_HEADER = ("id", "title", "kind", "target", "description", "position", "created", "retired", "targets")


def export_items(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Every checklist item, retired ones too, with its history of targets ('2026-09-01=2;2026-11-02=3')."""
    from journal.store.checklist import list_items

    items = sorted(list_items(journal), key=lambda item: item.number)
    writer = _writer(out)
    writer.writerow(ITEM_HEADER)
    for item in items:
        writer.writerow(
            [
                item.id,
                cell(item.title),
                item.kind,
                item.target,
                cell(item.description),
                item.position,
                item.created_on.isoformat(),
                cell(item.retired_on and item.retired_on.isoformat()),
                ";".join(f"{since.isoformat()}={target}" for since, target in item.targets),
            ]
        )
    return len(items)


SITE_HEADER = ("name", "label", "sided", "position")


def export_sites(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    sites = list_sites(journal)
    writer = _writer(out)
    writer.writerow(SITE_HEADER)
    writer.writerows([site.name, cell(site.label), int(site.sided), site.position] for site in sites)
    return len(sites)


SETTING_HEADER = ("key", "value")


def export_settings(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    rows = journal.conn.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
    writer = _writer(out)
    writer.writerow(SETTING_HEADER)
    writer.writerows([key, cell(value)] for key, value in rows)
    return len(rows)


SCALE_HEADER = ("field", "low", "high", "best", "meaning")


def export_scales(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """What every number means and which end is best: written for the reader, not imported."""
    rows = journal.conn.execute(f"SELECT {', '.join(SCALE_HEADER)} FROM scales ORDER BY rowid").fetchall()
    writer = _writer(out)
    writer.writerow(SCALE_HEADER)
    writer.writerows([field, cell(low), cell(high), best, cell(meaning)] for field, low, high, best, meaning in rows)
    return len(rows)


ASSESSMENT_HEADER = ("date", "looks_back_on", "faded", "pain_sites", "hit_wall", "back_or_hips", "cramping", "note")


def export_assessments(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    rows = journal.conn.execute(
        f"SELECT {', '.join(ASSESSMENT_HEADER)} FROM assessments WHERE date BETWEEN ? AND ? ORDER BY date, id",
        [start.isoformat(), end.isoformat()],
    ).fetchall()
    writer = _writer(out)
    writer.writerow(ASSESSMENT_HEADER)
    writer.writerows([cell(value) for value in row] for row in rows)
    return len(rows)


SESSION_KIND_HEADER = ("kind", "ticks")


def export_session_kinds(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Every session kind and the kind of checklist item it ticks (empty: it ticks nothing), in the kinds' order."""
    from journal.store.sessions import session_kinds

    kinds = session_kinds(journal)
    writer = _writer(out)
    writer.writerow(SESSION_KIND_HEADER)
    writer.writerows([kind, item_kind or ""] for kind, item_kind in kinds.items())
    return len(kinds)


PLAN_HEADER = ("id", "uid", "site", "side", "stage", "started", "stopped", "completed", "ladder")


def export_plans(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Every return-to-run plan started from `start` to `end`, oldest first, running or ended.

    The ladder is one cell, a stage a line, each as `journal plan ladder --set` takes it
    (DESCRIPTION=RUN_MINUTES); a stage's description is one line.
    """
    rows = journal.conn.execute(
        "SELECT plans.id, uid, sites.name, side, stage, started_on, stopped_on, completed_on,"
        " (SELECT group_concat(description || '=' || run_minutes, char(10)) FROM"
        " (SELECT description, run_minutes FROM plan_stages WHERE plan_id = plans.id ORDER BY stage))"
        " FROM plans JOIN sites ON sites.id = site_id WHERE started_on BETWEEN ? AND ? ORDER BY started_on, plans.id",
        [start.isoformat(), end.isoformat()],
    ).fetchall()
    writer = _writer(out)
    writer.writerow(PLAN_HEADER)
    writer.writerows([*row[:-1], cell(row[-1])] for row in rows)
    return len(rows)


# The plan and the session by their uids (and in words and by number, for the reader), then the decision's columns
# as the journal keeps them, the session's day named `date` as in every other file.
DECISION_HEADER = ("plan_uid", "plan", "session", "session_uid", "date", *DECISION_COLUMNS[1:])
# Written for the reader and not read back: which plan, in words ('left knee').
DECISION_INFORMATIVE = ("plan",)


def export_decisions(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Every decision of a return-to-run plan on a session from `start` to `end`, in the order made.

    The plan is named by its uid; the session by its number here and its uid (empty when the session
    was removed since: the decision stands). The weekly means are written in full, so that they read
    back as the same numbers.
    """
    from journal.domain.plan import where

    rows = journal.conn.execute(
        "SELECT plans.uid, sites.name, plans.side, session_id, sessions.uid, day, outcome, from_stage, to_stage, top,"
        " completes, pain_during, pain_before, pain_after, week_mean, week_before_mean, reason, decided_on"
        " FROM plan_decisions JOIN plans ON plans.id = plan_id JOIN sites ON sites.id = plans.site_id"
        " LEFT JOIN sessions ON sessions.id = session_id WHERE day BETWEEN ? AND ?"
        " ORDER BY decided_on, day, plans.started_on, plan_id",
        [start.isoformat(), end.isoformat()],
    ).fetchall()
    writer = _writer(out)
    writer.writerow(DECISION_HEADER)
    for plan_uid, site, side, session, session_uid, *numbers, mean, mean_before, reason, decided_on in rows:
        writer.writerow(
            [
                plan_uid,
                where(site, side),
                session,
                session_uid or "",
                *numbers,
                *("" if value is None else repr(value) for value in (mean, mean_before)),
                cell(reason),
                decided_on,
            ]
        )
    return len(rows)


OVERUSE_HEADER = ("week", "site", "side", "participation", "volume", "performance", "pain", "score", "substantial")
# Written for the reader and not read back: the score and the verdict follow from the answers.
OVERUSE_INFORMATIVE = ("score", "substantial")


def export_overuse(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Every week's overuse answers (OSTRC-O2), a site and side a row, each answer by its number (0: no problem),
    with the severity score 0-100 and whether it is a substantial problem (1 or 0)."""
    from journal.domain.overuse import score, substantial

    rows = journal.conn.execute(
        "SELECT week, sites.name, side, participation, volume, performance, pain FROM overuse_answers"
        " JOIN sites ON sites.id = site_id WHERE week BETWEEN ? AND ? ORDER BY week, sites.position, sites.id, side",
        [start.isoformat(), end.isoformat()],
    ).fetchall()
    writer = _writer(out)
    writer.writerow(OVERUSE_HEADER)
    writer.writerows([*row, score(*row[3:]), int(substantial(*row[3:]))] for row in rows)
    return len(rows)


SOURCE_HEADER = ("date", "field", "source")


def export_sources(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Which app each imported value of a day came from (a value with no row was typed): date, field, source."""
    rows = journal.conn.execute(
        "SELECT date, field, source FROM entry_sources WHERE date BETWEEN ? AND ? ORDER BY date, field",
        [start.isoformat(), end.isoformat()],
    ).fetchall()
    writer = _writer(out)
    writer.writerow(SOURCE_HEADER)
    writer.writerows(rows)
    return len(rows)


# Every kind, in the order an import needs them (sites and items before what refers to them).
KINDS: dict[str, tuple[str, Export]] = {
    "settings": ("settings.csv", export_settings),
    "sites": ("sites.csv", export_sites),
    "items": ("items.csv", export_items),
    "session-kinds": ("session-kinds.csv", export_session_kinds),  # before the sessions that tick by them
    "entries": ("entries.csv", export_entries),
    "pain": ("pain.csv", export_pain),
    "sources": ("sources.csv", export_sources),  # after the days whose values they name
    "checklist": ("checklist.csv", export_ticks),
    "sessions": ("sessions.csv", export_sessions),  # after the ticks and sites they refer to
    "plans": ("plans.csv", export_plans),
    "decisions": ("plan-decisions.csv", export_decisions),  # after the plans and sessions they name
    "overuse": ("overuse.csv", export_overuse),
    "goals": ("goals.csv", export_goals),
    "assessments": ("assessments.csv", export_assessments),
    "scales": ("scales.csv", export_scales),
}


def writers(
    journal: Journal, start: dt.date, end: dt.date, counts: dict[str, int]
) -> dict[str, Callable[[TextIO], int]]:
    """Every kind's file name and the writer of its content; each writer notes its rows in `counts`."""

    def writer(kind: str, export: Export) -> Callable[[TextIO], int]:
        def write(out: TextIO) -> int:
            counts[kind] = export(journal, start, end, out)
            return counts[kind]

        return write

    return {name: writer(kind, export) for kind, (name, export) in KINDS.items()}
