"""Reading what the signals and the weekly review need: one window of days, the sites, the settings, and the
week's sessions, return-to-run decisions and overuse answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from journal.dates import week_days
from journal.domain.entries import DayEntry, Site
from journal.domain.overuse import WeekAnswers, overuse_flag
from journal.domain.review import WeeklyReview, build_review, goals_of_week
from journal.domain.signals import DAY, LOOKBACK_DAYS, Flag, flags_between, flags_on
from journal.store.db import Journal
from journal.store.entries import entries_between
from journal.store.settings import distance_unit, first_weekday, sleep_need
from journal.store.sites import list_sites


def entries_window(journal: Journal, start: dt.date, end: dt.date) -> dict[dt.date, DayEntry]:
    """The days from `start` to `end`, and the LOOKBACK_DAYS before them that the rules look back on."""
    return {entry.date: entry for entry in entries_between(journal, start - LOOKBACK_DAYS * DAY, end)}


def active_flags(journal: Journal, day: dt.date) -> list[Flag]:
    """The flags active on `day`."""
    return flags_on(entries_window(journal, day, day), day, list_sites(journal), sleep_need(journal))


def weekly_review(journal: Journal, start: dt.date, today: dt.date) -> WeeklyReview:
    """The review of the week starting `start`, as of `today`."""
    from journal.domain.load import window
    from journal.store.checklist import load_week
    from journal.store.goals import list_goals, with_progress
    from journal.store.overuse import week_answers
    from journal.store.plans import decisions_between
    from journal.store.sessions import sessions_between

    days = week_days(start)
    entries = entries_window(journal, start - 7 * DAY, days[-1])
    sites = list_sites(journal)
    need = sleep_need(journal)
    last = min(days[-1], today)
    flags = flags_between(entries, start, last, sites, need) if last >= start else []
    overuse = [(site_words(sites, answers), answers) for answers in week_answers(journal, start)]
    flags += [flag for words, answers in overuse if (flag := overuse_flag(answers, words)) is not None]
    flags.sort(key=lambda flag: -flag.rank)  # worst first, as the day's flags
    # The sessions of the four weeks pain after load reads, which hold this week's and the week before's.
    first_morning = window(max(start, last))[0]
    sessions = sessions_between(journal, min(first_morning - DAY, start - 7 * DAY), days[-1])
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
        sessions=sessions,
        decisions=decisions_between(journal, start, days[-1]),
        overuse=overuse,
        distance_unit=distance_unit(journal),
    )


def site_words(sites: list[Site], answers: WeekAnswers) -> str:
    """'Knee (left)': the site's label, and its side when the answers are for one."""
    label = next((site.label for site in sites if site.name == answers.site), answers.site)
    return f"{label} ({answers.side})" if answers.side else label
