"""The Trends pane's metric rows: each cell the mean the grouped query it was first read with gave, to the last bit."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.domain.scales import WELLNESS_FIELDS
from journal.domain.signals import DAY
from journal.domain.trends import METRICS, days_per_cell
from journal.store import open_journal
from journal.store.db import Journal
from journal.store.demo import fill_demo
from journal.store.trends import load_trends

COLUMNS = ["sleep_hours", *WELLNESS_FIELDS, "(" + " + ".join(WELLNESS_FIELDS) + ")"]


def reference(journal: Journal, start: dt.date, end: dt.date, width: int) -> dict[str, list[float | None]]:
    """Each metric's cells as first read: one query grouping the days by their cell."""
    days = (end - start).days + 1
    per_cell = days_per_cell(days, width)
    bucket = f"CAST((julianday(date) - julianday('{start.isoformat()}')) / {per_cell} AS INTEGER)"
    grid: dict[str, list[float | None]] = {key: [None] * math.ceil(days / per_cell) for key in METRICS}
    averages = ", ".join(f"avg({column})" for column in COLUMNS)
    for row in journal.conn.execute(
        f"SELECT {bucket}, {averages} FROM entries WHERE date BETWEEN ? AND ? GROUP BY 1",
        [start.isoformat(), end.isoformat()],
    ):
        for key, value in zip(METRICS, row[1:], strict=True):
            grid[key][row[0]] = value
    return grid


def cells(journal: Journal, start: dt.date, end: dt.date, width: int) -> dict[str, list[float | None]]:
    return {s.key: s.cells for s in load_trends(journal, start, end, width).series if s.key in METRICS}


SPAN = 150
DAYS = st.integers(0, SPAN - 1)
SCORE = st.none() | st.integers(1, 5)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    days=st.dictionaries(
        DAYS,
        st.tuples(st.none() | st.integers(0, 2400).map(lambda hundredths: hundredths / 100), *[SCORE] * 5),
        max_size=SPAN,
    ),
    range_=st.tuples(DAYS, DAYS),
    width=st.integers(1, 70),
)
def test_each_cell_is_the_mean_the_grouped_query_gave(tmp_path_factory, today, days, range_, width):
    first = today - (SPAN - 1) * DAY
    with open_journal(tmp_path_factory.mktemp("metrics") / "journal.db") as journal:
        with journal.transaction() as conn:
            conn.executemany(
                f"INSERT INTO entries (date, {', '.join(COLUMNS[:-1])}) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [((first + day * DAY).isoformat(), *values) for day, values in days.items()],
            )
        start, end = first + min(range_) * DAY, first + max(range_) * DAY
        assert cells(journal, start, end, width) == reference(journal, start, end, width)
        assert cells(journal, first, today, width) == reference(journal, first, today, width)


def test_the_demo_years_give_the_means_of_the_grouped_query(journal, today):
    fill_demo(journal, today, 3 * 365)
    start = today - (3 * 365 - 1) * DAY
    for width in (1, 7, 46, 700, 2000):
        assert cells(journal, start, today, width) == reference(journal, start, today, width)


def test_the_heart_rows_come_once_a_watch_has_said_something(journal, today):
    from journal.domain.entries import DayEntry
    from journal.store.entries import save_entry

    save_entry(journal, DayEntry(today - 2 * DAY, mood=4))
    keys = [series.key for series in load_trends(journal, today - 9 * DAY, today, 10).series]
    assert "resting_hr" not in keys and "hrv" not in keys, "no empty rows for what no watch measured"
    save_entry(journal, DayEntry(today - DAY, resting_hr=50, hrv=60.0, hrv_method="rmssd"))
    save_entry(journal, DayEntry(today, resting_hr=54, hrv=70.0, hrv_method="rmssd"))
    rows = {series.key: series for series in load_trends(journal, today - 9 * DAY, today, 10).series}
    assert rows["resting_hr"].cells[-2:] == [50, 54] and rows["resting_hr"].latest == 54
    assert (rows["hrv"].label, rows["hrv"].mean) == ("HRV (ms)", 65.0)
    assert rows["resting_hr"].label == "Resting HR"
