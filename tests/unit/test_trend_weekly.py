"""The Trends pane's weekly rows of sessions and overuse: the same figures as a plain week-by-week computation.

`reference` works each whole week out in Python from the sessions and answers as the store hands them over
(`sessions_between` and `weekly`, `severities`), then draws each week under the days it covers by walking its
days one by one. The store does the weeks in one query a row; on any journal, range and width both must agree.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.dates import WEEKDAY_NAMES, week_start
from journal.domain.sessions import weekly
from journal.domain.signals import DAY
from journal.domain.trends import TRAINING, Series, days_per_cell, scale_of, whole_weeks
from journal.store import open_journal
from journal.store.db import Journal
from journal.store.demo import fill_demo
from journal.store.overuse import severities
from journal.store.sessions import sessions_between
from journal.store.settings import first_weekday, set_setting
from journal.store.sites import list_sites
from journal.store.trends import load_trends, training_rows


def drawn(start: dt.date, end: dt.date, width: int, first: dt.date, values: list[float | None]) -> list[float | None]:
    """Each cell the mean of the weeks with a day in it, found day by day."""
    per_cell = days_per_cell((end - start).days + 1, width)
    gathered: list[list[float]] = [[] for _ in range(math.ceil(((end - start).days + 1) / per_cell))]
    for week, value in enumerate(values):
        cells = sorted({((first + (7 * week + day) * DAY) - start).days // per_cell for day in range(7)})
        for cell in cells:
            if value is not None:
                gathered[cell].append(value)
    return [sum(found) / len(found) if found else None for found in gathered]


def row(key: str, label: str, start, end, width, first, values) -> Series:
    figures = [value for value in values if value is not None]
    return Series(
        key,
        label,
        drawn(start, end, width, first, values),
        figures[-1] if figures else None,
        sum(figures) / len(figures) if figures else None,
        min(figures, default=None),
        max(figures, default=None),
    )


def reference(journal: Journal, start: dt.date, end: dt.date, width: int) -> list[Series]:
    """The training and overuse rows, week by week in Python."""
    first = week_start(start, first_weekday(journal))
    if first < start:
        first += 7 * DAY
    weeks = ((end - first).days + 1) // 7
    if weeks <= 0:
        return []
    last_day = first + (7 * weeks - 1) * DAY
    rows = []
    every = sessions_between(journal, dt.date(1900, 1, 1), dt.date(9999, 12, 31))
    if every and every[0].day <= last_day:
        since = week_start(every[0].day, first_weekday(journal))
        totals = weekly(sessions_between(journal, first, last_day), first, weeks)
        logging = [first + 7 * week * DAY >= since for week in range(weeks)]
        minutes = [float(t.minutes) if on else None for t, on in zip(totals, logging, strict=True)]
        km = [t.km if on else None for t, on in zip(totals, logging, strict=True)]
        load = [
            None if not on or (t.sessions and t.without_rpe == t.sessions) else float(t.load)
            for t, on in zip(totals, logging, strict=True)
        ]
        rows += [
            row(key, label, start, end, width, first, values)
            for (key, label, _), values in zip(TRAINING, (minutes, km, load), strict=True)
        ]
    worst: dict[str, list[float | None]] = {}
    for answers in severities(journal, first, last_day - 6 * DAY):
        values = worst.setdefault(answers.site, [None] * weeks)
        week = (answers.week - first).days // 7
        values[week] = max(answers.score, values[week] or 0)
    for site in list_sites(journal):
        if site.name in worst:
            rows.append(
                row(f"overuse:{site.name}", f"Overuse: {site.label}", start, end, width, first, worst[site.name])
            )
    return rows


def weekly_rows(journal: Journal, start: dt.date, end: dt.date, width: int) -> list[Series]:
    keys = ("training:", "overuse:")
    return [series for series in load_trends(journal, start, end, width).series if series.key.startswith(keys)]


SPAN = 12 * 7 + 4
DAYS = st.integers(0, SPAN - 1)
KINDS = ("run", "walk", "strength")


def write_journal(journal: Journal, first: dt.date, sessions, answers) -> None:
    sites = [site.id for site in list_sites(journal)]
    with journal.transaction() as conn:
        conn.executemany(
            "INSERT INTO sessions (date, kind, minutes, km, rpe, uid, updated_at) VALUES (?, ?, ?, ?, ?, ?, '')",
            [
                ((first + day * DAY).isoformat(), KINDS[kind], minutes, km, rpe, str(uuid.uuid4()))
                for day, kind, minutes, km, rpe in sessions
            ],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO overuse_answers (week, site_id, side, participation, volume, performance, pain)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [((first + day * DAY).isoformat(), sites[site], side, *numbers) for (day, site, side), numbers in answers],
        )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sessions=st.lists(
        st.tuples(
            DAYS,
            st.integers(0, len(KINDS) - 1),
            st.integers(1, 240),
            st.none() | st.integers(0, 40_000).map(lambda metres: metres / 1000),
            st.none() | st.integers(0, 10),
        ),
        max_size=80,
    ),
    answers=st.lists(
        st.tuples(
            st.tuples(DAYS, st.integers(0, 2), st.sampled_from(["", "left", "right"])),
            st.tuples(st.integers(0, 3), st.integers(0, 4), st.integers(0, 4), st.integers(0, 3)),
        ),
        max_size=20,
    ),
    weekday=st.integers(0, 6),
    range_=st.tuples(DAYS, DAYS),
    width=st.integers(1, 60),
)
def test_the_weekly_rows_are_the_week_by_week_figures(
    tmp_path_factory, today, sessions, answers, weekday, range_, width
):
    first = today - (SPAN - 1) * DAY
    with open_journal(tmp_path_factory.mktemp("weekly") / "journal.db") as journal:
        set_setting(journal, "week_start", WEEKDAY_NAMES[weekday])
        write_journal(journal, first, sessions, answers)
        start, end = first + min(range_) * DAY, first + max(range_) * DAY
        assert weekly_rows(journal, start, end, width) == reference(journal, start, end, width)
        assert weekly_rows(journal, first, today, width) == reference(journal, first, today, width)


def test_the_demo_years_give_the_week_by_week_figures(journal, today):
    fill_demo(journal, today, 3 * 365)
    start = today - (3 * 365 - 1) * DAY
    for width in (1, 7, 46, 200, 2000):
        found = weekly_rows(journal, start, today, width)
        assert [series.key for series in found] == ["training:minutes", "training:km", "training:load"]
        assert found == reference(journal, start, today, width)


def test_a_week_without_sessions_is_nothing_before_the_first_and_zero_after_it(journal, today):
    monday = today - today.weekday() * DAY
    write_journal(journal, monday - 28 * DAY, [(14, 0, 30, 5.0, None), (15, 0, 40, None, 5)], [])
    weeks = whole_weeks(monday - 35 * DAY, today, 0, 100)
    minutes, km, load = training_rows(journal, weeks)
    # Weeks before the first session's are gaps, a week after it with none is 0, the week in progress is no figure.
    assert weeks.count == 5 and minutes.cells[::7] == [None, None, None, 70.0, 0.0, None]
    assert km.cells[:35:7] == [None, None, None, 5.0, 0.0]
    assert load.cells[:35:7] == [None, None, None, 200.0, 0.0], "the load of the sessions with an RPE"
    assert (minutes.latest, minutes.mean, minutes.minimum, minutes.maximum) == (0.0, 35.0, 0.0, 70.0)


def test_a_week_whose_sessions_have_no_rpe_has_no_load(journal, today):
    monday = today - today.weekday() * DAY
    write_journal(journal, monday - 7 * DAY, [(0, 0, 30, None, None)], [])
    (load,) = [row for row in training_rows(journal, whole_weeks(monday - 7 * DAY, today, 0, 100)) if "load" in row.key]
    assert load.cells[0] is None and load.latest is None


def test_a_journal_without_sessions_or_answers_has_no_weekly_rows_but_the_checklist(journal, today):
    assert weekly_rows(journal, today - 365 * DAY, today, 50) == []
    assert "completion" in {series.key for series in load_trends(journal, today - 365 * DAY, today, 50).series}


@pytest.mark.parametrize(
    ("key", "ends"),
    [
        ("training:minutes", (0, 600)),
        ("training:km", (0, 100)),
        ("training:load", (0, 3000)),
        ("overuse:knee", (0, 100)),
    ],
)
def test_the_weekly_rows_are_drawn_on_fixed_ends(key, ends):
    assert scale_of(key) == ends
    assert Series(key, key, [ends[1] * 2.0]).sparkline == "█", "past the end: a full bar"


def test_cramps_a_week_count_the_logged_days_and_leave_a_week_with_nothing_logged_a_gap(journal, today):
    from journal.domain.entries import DayEntry
    from journal.store.entries import save_entries
    from journal.store.trends import cramps_rows

    monday = week_start(today)
    weeks = whole_weeks(monday - 21 * DAY, monday + 6 * DAY, 0, 100)
    assert cramps_rows(journal, weeks) == []  # no cramp logged: no row
    save_entries(
        journal,
        [
            DayEntry(monday - 21 * DAY, cramps=2, cramp_site="achilles"),
            DayEntry(monday - 20 * DAY, cramps=1, cramp_site="achilles"),
            DayEntry(monday - 14 * DAY, mood=4),  # logged, no cramps: 0
            DayEntry(monday, cramps=3),
        ],
    )
    (row,) = cramps_rows(journal, weeks)
    assert row.key == "cramps:week" and row.label == "Cramps / week"
    # Each week drawn under its seven days: three weeks back, two back, the week before (nothing logged), this one.
    assert [row.cells[7 * week] for week in range(4)] == [3.0, 0.0, None, 3.0]
    assert len(row.cells) == 28 and row.cells[:7] == [3.0] * 7
