"""Reading trends: SQLite buckets the days, so a century of entries is a few queries, not 36,500 points."""

from __future__ import annotations

import datetime as dt
import math

from journal.dates import week_start
from journal.domain.checklist import OFF_DAY_TYPES, week_ratio
from journal.domain.scales import WELLNESS_FIELDS
from journal.domain.signals import DAY
from journal.domain.trends import METRICS, Series, Trends, days_per_cell, label_of
from journal.store.db import Journal
from journal.store.settings import first_weekday
from journal.store.sites import list_sites

_TOTAL_SQL = "(" + " + ".join(WELLNESS_FIELDS) + ")"  # NULL unless all five are logged
_COLUMNS = {"sleep_hours": "sleep_hours", **{name: name for name in WELLNESS_FIELDS}, "total": _TOTAL_SQL}


def first_day(journal: Journal) -> dt.date | None:
    """The first day with anything logged or ticked."""
    row = journal.conn.execute(
        "SELECT min(day) FROM (SELECT min(date) AS day FROM entries UNION ALL SELECT min(date) FROM ticks)"
    ).fetchone()
    return dt.date.fromisoformat(row[0]) if row[0] else None


def load_trends(journal: Journal, start: dt.date, end: dt.date, width: int) -> Trends:
    """Every metric, each pain site with readings, and weekly checklist completion, in `width` cells."""
    days = (end - start).days + 1
    per_cell = days_per_cell(days, width)
    cells = math.ceil(days / per_cell)
    bounds = [start.isoformat(), end.isoformat()]
    conn = journal.conn
    bucket = f"CAST((julianday(date) - julianday('{start.isoformat()}')) / {per_cell} AS INTEGER)"

    series = []
    averages = ", ".join(f"avg({column})" for column in _COLUMNS.values())
    grid: dict[str, list[float | None]] = {key: [None] * cells for key in _COLUMNS}
    for row in conn.execute(f"SELECT {bucket}, {averages} FROM entries WHERE date BETWEEN ? AND ? GROUP BY 1", bounds):
        for key, value in zip(_COLUMNS, row[1:], strict=True):
            grid[key][row[0]] = value
    figures = ", ".join(f"avg({c}), min({c}), max({c})" for c in _COLUMNS.values())
    stats = conn.execute(f"SELECT {figures} FROM entries WHERE date BETWEEN ? AND ?", bounds).fetchone()
    for index, key in enumerate(METRICS):
        column = _COLUMNS[key]
        latest = conn.execute(
            f"SELECT {column} FROM entries WHERE date BETWEEN ? AND ? AND {column} IS NOT NULL"
            " ORDER BY date DESC LIMIT 1",
            bounds,
        ).fetchone()
        series.append(
            Series(key, label_of(key), grid[key], latest[0] if latest else None, *stats[3 * index : 3 * index + 3])
        )

    # Pain: each site's worst side per day, then bucketed.
    daily = "SELECT date, site_id, max(score) AS score FROM pain WHERE date BETWEEN ? AND ? GROUP BY date, site_id"
    pain_cells: dict[int, list[float | None]] = {}
    for site_id, cell, value in conn.execute(
        f"SELECT site_id, {bucket}, avg(score) FROM ({daily}) GROUP BY site_id, 2", bounds
    ):
        pain_cells.setdefault(site_id, [None] * cells)[cell] = value
    pain_stats = {
        row[0]: row[1:]
        for row in conn.execute(
            f"SELECT site_id, avg(score), min(score), max(score),"
            f" (SELECT max(p.score) FROM pain p WHERE p.site_id = d.site_id AND p.date = max(d.date))"
            f" FROM ({daily}) d GROUP BY site_id",
            bounds,
        )
    }
    for site in list_sites(journal):
        if site.id in pain_cells:
            average, low, high, latest = pain_stats[site.id]
            series.append(
                Series(f"pain:{site.name}", f"Pain: {site.label}", pain_cells[site.id], latest, average, low, high)
            )

    completion = completion_series(journal, start, end, width)
    if completion is not None:
        series.append(completion)
    return Trends(start, end, per_cell, series)


def completion_series(journal: Journal, start: dt.date, end: dt.date, width: int) -> Series | None:
    """Weekly checklist completion for the whole weeks in the range, drawn under the days they cover."""
    from journal.store.checklist import list_items

    items = list_items(journal)
    if not items:
        return None
    first = week_start(start, first_weekday(journal))
    if first < start:
        first += 7 * DAY
    weeks = ((end - first).days + 1) // 7  # whole weeks only: a week in progress is not yet a figure
    if weeks <= 0:
        return Series("completion", "Checklist / week", [])
    last_day = first + (7 * weeks - 1) * DAY
    bounds = [first.isoformat(), last_day.isoformat()]
    week_of = f"CAST((julianday(date) - julianday('{first.isoformat()}')) / 7 AS INTEGER)"
    done: dict[int, dict[int, int]] = {}
    for week, item_id, count in journal.conn.execute(
        f"SELECT {week_of}, item_id, count(*) FROM ticks WHERE date BETWEEN ? AND ? GROUP BY 1, 2", bounds
    ):
        done.setdefault(week, {})[item_id] = count
    marks = ", ".join("?" * len(OFF_DAY_TYPES))
    off = dict(
        journal.conn.execute(
            f"SELECT {week_of}, count(*) FROM entries WHERE date BETWEEN ? AND ? AND day_type IN ({marks}) GROUP BY 1",
            [*bounds, *OFF_DAY_TYPES],
        ).fetchall()
    )
    ratios = [week_ratio(items, first + 7 * week * DAY, done.get(week, {}), off.get(week, 0)) for week in range(weeks)]
    # Each week lands in the cells of the days it covers, so it lines up with the daily series above it.
    per_cell = days_per_cell((end - start).days + 1, width)
    gathered: list[list[float]] = [[] for _ in range(math.ceil(((end - start).days + 1) / per_cell))]
    offset = (first - start).days
    for week, ratio in enumerate(ratios):
        if ratio is None:
            continue
        first_cell = (offset + 7 * week) // per_cell
        last_cell = (offset + 7 * week + 6) // per_cell
        for cell in range(first_cell, last_cell + 1):
            gathered[cell].append(ratio)
    cells = [sum(values) / len(values) if values else None for values in gathered]
    figures = [ratio for ratio in ratios if ratio is not None]
    latest = figures[-1] if figures else None
    average = sum(figures) / len(figures) if figures else None
    return Series(
        "completion", "Checklist / week", cells, latest, average, min(figures, default=None), max(figures, default=None)
    )
