"""The daily entries as CSV, one row per day, for spreadsheets and scripts.

RFC 4180 (CRLF line ends, quotes where needed), UTF-8, ISO dates, numbers as
numbers and an empty cell where nothing was logged. Text a spreadsheet would
run as a formula gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from typing import TextIO

from journal.domain.entries import DayEntry, Site
from journal.domain.scales import ENTRY_FIELDS
from journal.store.db import Journal
from journal.store.entries import entries_between
from journal.store.sites import list_sites

ENTRY_HEADER = ("date", *ENTRY_FIELDS)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SIDE_ORDER = {"": 0, "left": 1, "right": 2}


def neutralise(text: str) -> str:
    """Text that a spreadsheet would not run as a formula.

    Text that already starts with apostrophes before a formula character gets
    one more, so that taking one apostrophe off always gives the text back.
    """
    if text.lstrip("'").startswith(_FORMULA_START):
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


def pain_columns(entries: Iterable[DayEntry], sites: list[Site]) -> list[tuple[str, tuple[str, str]]]:
    """(column name, pain key) for every site and side with a reading, in site order."""
    used = {key for entry in entries for key in entry.pain}
    by_name = {site.name: site for site in sites}
    ordered = sorted(used, key=lambda key: (by_name[key[0]].position, key[0], _SIDE_ORDER[key[1]]))
    return [(by_name[site].column(side), (site, side)) for site, side in ordered]


def write_entries_csv(entries: list[DayEntry], sites: list[Site], out: TextIO) -> int:
    columns = pain_columns(entries, sites)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*ENTRY_HEADER, *(name for name, _ in columns)])
    for entry in entries:
        writer.writerow(
            [
                entry.date.isoformat(),
                *(cell(value) for value in entry.values().values()),
                *(cell(entry.pain.get(key)) for _, key in columns),
            ]
        )
    return len(entries)


def export_entries(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Write the days from `start` to `end` as CSV to `out`; returns how many."""
    return write_entries_csv(entries_between(journal, start, end), list_sites(journal), out)


TICK_HEADER = ("date", "week", "item", "kind", "note")


def export_ticks(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Every checklist tick from `start` to `end`, oldest first, one row each."""
    from journal.dates import week_label, week_start
    from journal.store.checklist import list_items, ticks_between
    from journal.store.settings import first_weekday

    items = {item.id: item for item in list_items(journal)}
    first = first_weekday(journal)
    ticks = sorted(ticks_between(journal, start, end).items(), key=lambda tick: (tick[0][1], items[tick[0][0]].position))
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TICK_HEADER)
    for (item_id, day), note in ticks:
        begins = week_start(day, first)
        week = week_label(begins) if first == 0 else begins.isoformat()
        item = items[item_id]
        writer.writerow([day.isoformat(), week, cell(item.title), item.kind, cell(note)])
    return len(ticks)


GOAL_HEADER = ("id", "title", "category", "status", "due", "progress", "note", "measure", "created", "done")


def export_goals(journal: Journal, start: dt.date, end: dt.date, out: TextIO) -> int:
    """Every goal created from `start` to `end`, with its progress as a number from 0 to 1."""
    from journal.clock import today
    from journal.store.goals import list_goals, with_progress

    goals = [goal for goal in list_goals(journal) if start <= goal.created_on <= end]
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(GOAL_HEADER)
    for goal, value in with_progress(journal, goals, today()):
        writer.writerow([
            goal.id, cell(goal.title), goal.category, goal.status, cell(goal.due and goal.due.isoformat()),
            "" if value is None else f"{value:.2f}", cell(goal.note),
            cell(goal.measure.describe() if goal.measure else ""), goal.created_on.isoformat(),
            cell(goal.done_on and goal.done_on.isoformat()),
        ])
    return len(goals)
