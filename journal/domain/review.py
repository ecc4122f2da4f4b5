"""The weekly review: a week against the one before, its training, flags, checklist, goals and notes.

One model, built from what the store reads, drawn as plain text (the CLI and
the app) or as a Markdown document (`journal week --markdown`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from journal.dates import week_days, week_label, week_span
from journal.domain.checklist import WeekCompletion
from journal.domain.entries import DayEntry, Site
from journal.domain.goals import Goal
from journal.domain.load import PainAfterLoad, pain_after_load
from journal.domain.overuse import WeekAnswers
from journal.domain.plan import Decision, Plan
from journal.domain.scales import WELLNESS_FIELDS, mean
from journal.domain.sessions import Session, WeekTotals, totals
from journal.domain.signals import (
    DAY,
    METRIC_LABELS,
    TOTAL,
    Entries,
    Flag,
    compare,
    metric_value,
    site_pain,
    sleep_debt,
)


@dataclass(frozen=True)
class MetricRow:
    """A metric's mean this week and the week before, and whether it moved meaningfully."""

    label: str
    this_week: float | None
    last_week: float | None
    verdict: str  # better, worse, about the same, or '' without data on both sides


@dataclass
class WeeklyReview:
    start: dt.date
    first_weekday: int
    today: dt.date
    logged: int  # days logged in the week
    rows: list[MetricRow]
    flags: list[Flag]
    completion: WeekCompletion
    goals: list[tuple[Goal, float | None]]
    notes: list[tuple[dt.date, str]]
    sleep_need: float
    debt: tuple[float, int] | None  # sleep debt at the week's end (or today) and the nights it counts; None
    # for a week not begun, which has no nights of its own yet
    day_types: dict[dt.date, str] = field(default_factory=dict)
    # The week's sessions added up (so far, in the week in progress) and the week before's.
    training: WeekTotals = field(default_factory=WeekTotals)
    training_before: WeekTotals = field(default_factory=WeekTotals)
    cramps: tuple[int | None, int | None] = (None, None)  # this week, the week before (None: nothing logged)
    # The return-to-run decisions the journal made in the week, with their plans, in the order made.
    decisions: list[tuple[Plan, Decision]] = field(default_factory=list)
    # The week's overuse answers, each with its site's words ('Knee (left)'), in the sites' order.
    overuse: list[tuple[str, WeekAnswers]] = field(default_factory=list)
    # Each painful site's mornings after session days and rest days over the four weeks to `as_of`.
    after_load: list[PainAfterLoad] = field(default_factory=list)
    distance_unit: str = "km"  # the runner's unit for the training's distance (km or mi); kept in km

    @property
    def end(self) -> dt.date:
        return self.start + 6 * DAY

    @property
    def title(self) -> str:
        """'Week 2026-W48 · 23–29 Nov 2026', or 'Week of Sun 22 Nov 2026 · 22–28 Nov 2026'."""
        label = week_label(self.start, self.first_weekday)
        label = f"Week {label}" if self.first_weekday == 0 else label[0].upper() + label[1:]
        return f"{label} · {week_span(self.start)}"

    @property
    def as_of(self) -> dt.date:
        """The day the review speaks of: the week's end, or today in the week in progress."""
        return max(self.start, min(self.end, self.today))

    @property
    def days_so_far(self) -> int:
        """The week's days up to today: 7 for a past week."""
        return max(0, min(7, (self.today - self.start).days + 1))


def metric_rows(entries: Entries, start: dt.date, sites: list[Site], sleep_need: float) -> list[MetricRow]:
    """Each metric's mean this week against the week before; pain sites with a reading in either."""
    this_week, last_week = week_days(start), week_days(start - 7 * DAY)

    def week_mean(days: list[dt.date], value: Callable[[DayEntry | None], float | None]) -> float | None:
        return mean(found for day in days if (found := value(entries.get(day))) is not None)

    rows = []
    for metric in ("sleep_hours", *WELLNESS_FIELDS, TOTAL):

        def value(entry: DayEntry | None, metric: str = metric) -> float | None:
            return metric_value(entry, metric)

        now, before = week_mean(this_week, value), week_mean(last_week, value)
        if metric == "sleep_hours":
            # More sleep is better up to the runner's need; past it, about the same.
            verdict = compare(
                None if before is None else min(before, sleep_need),
                None if now is None else min(now, sleep_need),
                higher_is_better=True,
            )
            rows.append(MetricRow(METRIC_LABELS[metric].capitalize(), now, before, verdict))
        else:
            rows.append(
                MetricRow(METRIC_LABELS[metric].capitalize(), now, before, compare(before, now, higher_is_better=True))
            )
    for site in sites:

        def pain(entry: DayEntry | None, site: str = site.name) -> float | None:
            return site_pain(entry, site)

        now, before = week_mean(this_week, pain), week_mean(last_week, pain)
        if now is None and before is None:
            continue
        rows.append(MetricRow(f"Pain: {site.label}", now, before, compare(before, now, higher_is_better=False)))
    return rows


def goals_of_week(goals: list[Goal], start: dt.date, today: dt.date) -> list[Goal]:
    """The goals a week's review lists: those on the board at its end (today, in the week in progress), and those
    done in it. A goal set after that day is left out. Dropped goals are left out too: the journal keeps no day
    for a drop, so it cannot tell whether one was still on the board then.
    """
    as_of = max(start, min(start + 6 * DAY, today))
    listed = []
    for goal in goals:
        if goal.status == "dropped" or goal.created_on > as_of:
            continue
        if goal.status == "done" and (goal.done_on is None or goal.done_on < start):
            continue  # done before the week (or on a day nobody knows)
        listed.append(goal)
    return listed


def build_review(
    entries: Entries,
    start: dt.date,
    *,
    first_weekday: int,
    today: dt.date,
    sites: list[Site],
    sleep_need: float,
    flags: list[Flag],
    completion: WeekCompletion,
    goals: list[tuple[Goal, float | None]],
    sessions: Sequence[Session] = (),
    decisions: Sequence[tuple[Plan, Decision]] = (),
    overuse: Sequence[tuple[str, WeekAnswers]] = (),
    distance_unit: str = "km",
) -> WeeklyReview:
    """The review from what the store read: `entries` from LOOKBACK_DAYS before the week before, `sessions` from the
    day before the four weeks pain after load reads (`journal.domain.load.window`) and the week before, `decisions`
    made in the week and `overuse` its answers; `flags` the week's, overuse flags among them."""
    days = week_days(start)
    logged = [entries[day] for day in days if day in entries]
    last = min(days[-1], today)
    return WeeklyReview(
        start=start,
        first_weekday=first_weekday,
        today=today,
        logged=len(logged),
        rows=metric_rows(entries, start, sites, sleep_need),
        flags=flags,
        completion=completion,
        goals=goals,
        notes=[(entry.date, entry.note) for entry in logged if entry.note],
        sleep_need=sleep_need,
        debt=sleep_debt(entries, last, sleep_need) if last >= start else None,
        day_types={entry.date: entry.day_type for entry in logged if entry.day_type != "normal"},
        training=totals(session for session in sessions if start <= session.day <= days[-1]),
        training_before=totals(session for session in sessions if start - 7 * DAY <= session.day < start),
        cramps=cramps_this_and_before(entries, start),
        decisions=list(decisions),
        overuse=list(overuse),
        after_load=pain_after_load(entries, sessions, last, sites) if last >= start else [],
        distance_unit=distance_unit,
    )


def cramps_this_and_before(entries: Entries, start: dt.date) -> tuple[int | None, int | None]:
    """Cramps in the week starting on `start` and in the week before (None: a week with nothing logged)."""
    from journal.domain.signals import cramps_per_week

    now, before = cramps_per_week(entries, [start, start - 7 * DAY])
    return now, before


def cramps_line(review: WeeklyReview) -> str | None:
    """'Cramps: 3 this week, 1 the week before'; none when neither week had one."""
    now, before = review.cramps
    if not now and not before:
        return None
    return f"Cramps: {_count(now)} this week, {_count(before)} the week before"


def _count(cramps: int | None) -> str:
    return "nothing logged" if cramps is None else str(cramps)
