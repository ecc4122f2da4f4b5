"""Reading what the signals and the weekly review need: one window of days, the sites, the settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from journal.dates import week_days
from journal.domain.entries import DayEntry
from journal.domain.review import WeeklyReview, build_review, goals_of_week
from journal.domain.signals import DAY, LOOKBACK_DAYS, Flag, flags_between, flags_on
from journal.store.db import Journal
from journal.store.entries import entries_between
from journal.store.settings import first_weekday, sleep_need
from journal.store.sites import list_sites


def entries_window(journal: Journal, start: dt.date, end: dt.date) -> dict[dt.date, DayEntry]:
    """The days from `start` to `end`, and the LOOKBACK_DAYS before them that the rules look back on."""
    return {entry.date: entry for entry in entries_between(journal, start - LOOKBACK_DAYS * DAY, end)}


def active_flags(journal: Journal, day: dt.date) -> list[Flag]:
    """The flags active on `day`."""
    return flags_on(entries_window(journal, day, day), day, list_sites(journal), sleep_need(journal))


def weekly_review(journal: Journal, start: dt.date, today: dt.date) -> WeeklyReview:
    """The review of the week starting `start`, as of `today`."""
    from journal.store.checklist import load_week
    from journal.store.goals import list_goals, with_progress

    days = week_days(start)
    entries = entries_window(journal, start - 7 * DAY, days[-1])
    sites = list_sites(journal)
    need = sleep_need(journal)
    last = min(days[-1], today)
    flags = flags_between(entries, start, last, sites, need) if last >= start else []
    goals = goals_of_week(list_goals(journal), start, today)
    completion = load_week(journal, start).completion
    # The review reports what the week asked for or had done, not every item that could have been ticked.
    completion = replace(completion, items=[row for row in completion.items if row.target or row.done])
    return build_review(
        entries,
        start,
        first_weekday=first_weekday(journal),
        today=today,
        sites=sites,
        sleep_need=need,
        flags=flags,
        completion=completion,
        goals=with_progress(journal, goals, max(start, last)),  # as of the week's end, not today
    )
