"""The Trends pane's pain rows: the same figures as the two queries they were first read with, to the last bit."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.domain.signals import DAY
from journal.domain.trends import Series, days_per_cell
from journal.store import open_journal
from journal.store.db import Journal
from journal.store.demo import fill_demo
from journal.store.sites import list_sites
from journal.store.trends import load_trends


def reference(journal: Journal, start: dt.date, end: dt.date, width: int) -> list[Series]:
    """The pain rows as first written: the cells from one query, the figures of each site from another."""
    days = (end - start).days + 1
    per_cell = days_per_cell(days, width)
    cells = math.ceil(days / per_cell)
    bounds = [start.isoformat(), end.isoformat()]
    bucket = f"CAST((julianday(date) - julianday('{start.isoformat()}')) / {per_cell} AS INTEGER)"
    daily = "SELECT date, site_id, max(score) AS score FROM pain WHERE date BETWEEN ? AND ? GROUP BY date, site_id"
    pain_cells: dict[int, list[float | None]] = {}
    for site_id, cell, value in journal.conn.execute(
        f"SELECT site_id, {bucket}, avg(score) FROM ({daily}) GROUP BY site_id, 2", bounds
    ):
        pain_cells.setdefault(site_id, [None] * cells)[cell] = value
    pain_stats = {
        row[0]: row[1:]
        for row in journal.conn.execute(
            "SELECT site_id, avg(score), min(score), max(score),"
            " (SELECT max(p.score) FROM pain p WHERE p.site_id = d.site_id AND p.date = max(d.date))"
            f" FROM ({daily}) d GROUP BY site_id",
            bounds,
        )
    }
    series = []
    for site in list_sites(journal):
        if site.id in pain_cells:
            average, low, high, latest = pain_stats[site.id]
            series.append(
                Series(f"pain:{site.name}", f"Pain: {site.label}", pain_cells[site.id], latest, average, low, high)
            )
    return series


def pain_rows(journal: Journal, start: dt.date, end: dt.date, width: int) -> list[Series]:
    return [series for series in load_trends(journal, start, end, width).series if series.is_pain]


SPAN = 120
DAYS = st.integers(0, SPAN - 1)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    readings=st.dictionaries(
        st.tuples(DAYS, st.integers(0, 3), st.sampled_from(["", "left", "right"])), st.integers(0, 10), max_size=150
    ),
    range_=st.tuples(DAYS, DAYS),
    width=st.integers(1, 60),
)
def test_the_pain_rows_are_the_figures_of_the_two_queries(tmp_path_factory, today, readings, range_, width):
    first = today - (SPAN - 1) * DAY
    with open_journal(tmp_path_factory.mktemp("pain") / "journal.db") as journal:
        sites = [site.id for site in list_sites(journal)]
        with journal.transaction() as conn:
            days = sorted({day for day, _, _ in readings})
            conn.executemany(
                "INSERT INTO entries (date) VALUES (?)", [((first + day * DAY).isoformat(),) for day in days]
            )
            conn.executemany(
                "INSERT INTO pain (date, site_id, side, score) VALUES (?, ?, ?, ?)",
                [
                    ((first + day * DAY).isoformat(), sites[site], side, score)
                    for (day, site, side), score in readings.items()
                ],
            )
        start, end = first + min(range_) * DAY, first + max(range_) * DAY
        assert pain_rows(journal, start, end, width) == reference(journal, start, end, width)
        assert pain_rows(journal, first, today, width) == reference(journal, first, today, width)


def test_the_demo_years_give_the_pain_figures_of_the_two_queries(journal, today):
    fill_demo(journal, today, 3 * 365)
    start = today - (3 * 365 - 1) * DAY
    for width in (1, 7, 46, 2000):
        assert pain_rows(journal, start, today, width) == reference(journal, start, today, width)
