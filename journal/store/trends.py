"""Reading trends: SQLite buckets the days, so a century of entries is a few queries, not 36,500 points."""

from __future__ import annotations

import datetime as dt
import math
import sqlite3

from journal.domain.checklist import OFF_DAY_TYPES, ChecklistItem
from journal.domain.distance import in_unit
from journal.domain.overuse import score
from journal.domain.scales import WELLNESS_FIELDS
from journal.domain.signals import DAY
from journal.domain.trends import (
    CRAMPS_WEEK,
    DEVICE_METRICS,
    TRAINING,
    TRAINING_MILES,
    Series,
    Trends,
    WholeWeeks,
    days_per_cell,
    label_of,
    whole_weeks,
)
from journal.store.db import Journal
from journal.store.settings import distance_unit, first_weekday
from journal.store.sites import list_sites

_TOTAL_SQL = "(" + " + ".join(WELLNESS_FIELDS) + ")"  # NULL unless all five are logged
_COLUMNS = {
    "sleep_hours": "sleep_hours",
    **{name: name for name in WELLNESS_FIELDS},
    "total": _TOTAL_SQL,
    **{name: name for name in DEVICE_METRICS},
}


def first_day(journal: Journal) -> dt.date | None:
    """The first day with anything logged, ticked or answered."""
    row = journal.conn.execute(
        "SELECT min(day) FROM (SELECT min(date) AS day FROM entries UNION ALL SELECT min(date) FROM ticks"
        " UNION ALL SELECT min(date) FROM sessions UNION ALL SELECT min(week) FROM overuse_answers)"
    ).fetchone()
    return dt.date.fromisoformat(row[0]) if row[0] else None


# Cells in one query of the metrics' means: SQLite joins at most 500 SELECTs in one.
CELLS_PER_QUERY = 500


def load_trends(journal: Journal, start: dt.date, end: dt.date, width: int) -> Trends:
    """Every metric, each pain site with readings, and weekly checklist completion, in `width` cells."""
    days = (end - start).days + 1
    per_cell = days_per_cell(days, width)
    cells = math.ceil(days / per_cell)
    bounds = [start.isoformat(), end.isoformat()]
    conn = journal.conn
    bucket = f"CAST((julianday(date) - julianday('{start.isoformat()}')) / {per_cell} AS INTEGER)"

    series = []
    # Each cell's means, a SELECT a cell over its days: SQLite reads them in order from the index on the day,
    # with nothing to sort, and adds them up in the same order as a query grouping the days by cell would.
    # What a watch measures is read only for a range that has some (most journals have none): the partial index
    # answers at once.
    measured = conn.execute(
        "SELECT 1 FROM entries WHERE (resting_hr IS NOT NULL OR hrv IS NOT NULL) AND date BETWEEN ? AND ? LIMIT 1",
        bounds,
    ).fetchone()
    columns = {key: column for key, column in _COLUMNS.items() if measured or key not in DEVICE_METRICS}
    averages = ", ".join(f"avg({column})" for column in columns.values())
    grid: dict[str, list[float | None]] = {key: [None] * cells for key in columns}
    for at in range(0, cells, CELLS_PER_QUERY):
        numbers = range(at, min(cells, at + CELLS_PER_QUERY))
        query = " UNION ALL ".join(
            f"SELECT {cell:d}, {averages} FROM entries WHERE date BETWEEN ? AND ?" for cell in numbers
        )
        days_of = [
            (start + cell * per_cell * DAY, min(end, start + ((cell + 1) * per_cell - 1) * DAY)) for cell in numbers
        ]
        for row in conn.execute(query, [day.isoformat() for span in days_of for day in span]):
            for key, value in zip(columns, row[1:], strict=True):
                grid[key][row[0]] = value
    figures = ", ".join(f"avg({c}), min({c}), max({c})" for c in columns.values())
    stats = conn.execute(f"SELECT {figures} FROM entries WHERE date BETWEEN ? AND ?", bounds).fetchone()
    for index, key in enumerate(columns):
        if key in DEVICE_METRICS and stats[3 * index] is None:
            continue  # what a watch measures: a row once there is something to draw
        column = columns[key]
        latest = conn.execute(
            f"SELECT {column} FROM entries WHERE date BETWEEN ? AND ? AND {column} IS NOT NULL"
            " ORDER BY date DESC LIMIT 1",
            bounds,
        ).fetchone()
        series.append(
            Series(key, label_of(key), grid[key], latest[0] if latest else None, *stats[3 * index : 3 * index + 3])
        )

    # Pain: each site's worst side per day, then bucketed. One pass gives each cell's sum, count, lowest,
    # highest and last day; the scores are whole numbers, so a cell's mean (sum / count) and the site's
    # (all its sums over all its counts) are exactly what avg() gives.
    daily = "SELECT date, site_id, max(score) AS score FROM pain WHERE date BETWEEN ? AND ? GROUP BY date, site_id"
    pain: dict[int, list[tuple[int, int, int, int, int, str]]] = {}
    for site_id, cell, total, count, low, high, last_day in conn.execute(
        f"SELECT site_id, {bucket}, sum(score), count(*), min(score), max(score), max(date)"
        f" FROM ({daily}) GROUP BY site_id, 2",
        bounds,
    ):
        pain.setdefault(site_id, []).append((cell, total, count, low, high, last_day))
    for site in list_sites(journal):
        if site.id not in pain:
            continue
        rows = pain[site.id]
        pain_cells: list[float | None] = [None] * cells
        for cell, total, count, *_ in rows:
            pain_cells[cell] = total / count
        last_day = max(row[5] for row in rows)
        latest = conn.execute(
            "SELECT max(score) FROM pain WHERE site_id = ? AND date = ?", [site.id, last_day]
        ).fetchone()[0]
        average = sum(row[1] for row in rows) / sum(row[2] for row in rows)
        low, high = min(row[3] for row in rows), max(row[4] for row in rows)
        series.append(Series(f"pain:{site.name}", f"Pain: {site.label}", pain_cells, latest, average, low, high))

    series.extend(weekly_rows(journal, start, end, width))
    return Trends(start, end, per_cell, series)


def weekly_rows(journal: Journal, start: dt.date, end: dt.date, width: int) -> list[Series]:
    """The rows of whole weeks (`WholeWeeks`): checklist completion, the sessions' minutes, km and load, and each
    site's overuse severity. Each reads its weeks in one query, whatever the range's length; a new weekly row
    (cramps per week) is one more reader in this list."""
    weeks = whole_weeks(start, end, first_weekday(journal), width)
    rows: list[Series] = []
    for read in (_completion_rows, training_rows, overuse_rows, cramps_rows):
        rows.extend(read(journal, weeks))
    return rows


def completion_series(journal: Journal, start: dt.date, end: dt.date, width: int) -> Series | None:
    """Weekly checklist completion for the whole weeks in the range, drawn under the days they cover."""
    found = _completion_rows(journal, whole_weeks(start, end, first_weekday(journal), width))
    return found[0] if found else None


def _completion_rows(journal: Journal, weeks: WholeWeeks) -> list[Series]:
    from journal.store.checklist import list_items

    items = list_items(journal)
    if not items:
        return []
    ratios = week_ratios(journal.conn, items, weeks.first, weeks.count) if weeks.count > 0 else []
    return [weeks.series("completion", "Checklist / week", ratios)]


def _week_of(first: dt.date, column: str = "date") -> str:
    """SQL for the number of the week (from `first`, 7 days each) holding the day in `column`."""
    return f"CAST((julianday({column}) - julianday('{first.isoformat()}')) / 7 AS INTEGER)"


def training_rows(journal: Journal, weeks: WholeWeeks) -> list[Series]:
    """Each whole week's minutes, distance and load (minutes x RPE) of its sessions, in one query.

    A week with no session is 0 from the week of the journal's first session on (the runner logs sessions
    by then), and a gap before it. A week's load counts the sessions with an RPE; a week whose sessions have
    none has no load (a gap). Kilometres are added up as whole metres, so every sum is exact; the distance row is
    in miles when the runner's `distance_unit` is mi.
    """
    if weeks.count <= 0:
        return []
    row = journal.conn.execute("SELECT min(date) FROM sessions").fetchone()
    if row[0] is None:
        return []
    since = max(0, (dt.date.fromisoformat(row[0]) - weeks.first).days // 7)  # the week holding the first session
    if since >= weeks.count:
        return []
    minutes: list[float | None] = [None] * since + [0.0] * (weeks.count - since)
    km, load = list(minutes), list(minutes)
    for week, total_minutes, metres, total_load, rated in journal.conn.execute(
        f"SELECT {_week_of(weeks.first)}, sum(minutes), sum(CAST(round(km * 1000) AS INTEGER)),"
        " sum(minutes * rpe), count(rpe) FROM sessions WHERE date BETWEEN ? AND ? GROUP BY 1",
        [weeks.first.isoformat(), weeks.last_day.isoformat()],
    ):
        minutes[week] = float(total_minutes)
        km[week] = (metres or 0) / 1000
        load[week] = float(total_load) if rated else None
    rows = list(TRAINING)
    if distance_unit(journal) == "mi":
        rows[1] = TRAINING_MILES
        km = [None if value is None else in_unit(value, "mi") for value in km]
    return [weeks.series(key, label, values) for (key, label, _), values in zip(rows, (minutes, km, load), strict=True)]


def overuse_rows(journal: Journal, weeks: WholeWeeks) -> list[Series]:
    """Each site's overuse severity (OSTRC-O2, 0-100) week by week, its worst side that week, in one query.

    A week without answers for a site is a gap, never a zero: the questions are asked only of a site with a problem.
    """
    if weeks.count <= 0:
        return []
    found: dict[int, list[float | None]] = {}
    for site_id, week, *answers in journal.conn.execute(
        f"SELECT site_id, {_week_of(weeks.first, 'week')}, participation, volume, performance, pain"
        " FROM overuse_answers WHERE week BETWEEN ? AND ?",
        [weeks.first.isoformat(), weeks.last_day.isoformat()],
    ):
        severity = float(score(*answers))
        values = found.setdefault(site_id, [None] * weeks.count)
        kept = values[week]
        values[week] = severity if kept is None else max(kept, severity)
    return [
        weeks.series(f"overuse:{site.name}", f"Overuse: {site.label}", found[site.id])
        for site in list_sites(journal)
        if site.id in found
    ]


def cramps_rows(journal: Journal, weeks: WholeWeeks) -> list[Series]:
    """Cramps a week, in one query: a week with a day logged counts its cramps (none logged is 0), a week with
    nothing logged is a gap. No row while no cramp has been logged in the range."""
    if weeks.count <= 0:
        return []
    counts: list[float | None] = [None] * weeks.count
    for week, cramps in journal.conn.execute(
        f"SELECT {_week_of(weeks.first)}, sum(coalesce(cramps, 0)) FROM entries WHERE date BETWEEN ? AND ? GROUP BY 1",
        [weeks.first.isoformat(), weeks.last_day.isoformat()],
    ):
        counts[week] = float(cramps)
    if not any(counts):
        return []
    return [weeks.series(CRAMPS_WEEK, "Cramps / week", counts)]


# Items in one step of the completion query. Each step adds its items' figures to a chain of
# additions that SQLite reads as one expression, whose depth it limits (1000 by default).
ITEMS_PER_STEP = 100
# An item is ticked at most once a day, so at most 7 times a week: 3 bits. A week's ticks are
# counted 21 items to an integer, each item in 3 bits of its own (21 x 3 bits fill 63), so
# SQLite sums one integer a tick instead of one count an item.
ITEMS_PER_COUNT = 21


def week_ratios(conn: sqlite3.Connection, items: list[ChecklistItem], first: dt.date, weeks: int) -> list[float | None]:
    """The figure of each of `weeks` whole weeks from `first` on, as `week_ratio` gives it, in one query.

    SQLite does each week's arithmetic, the same float operations in the same order as
    `week_ratio` (items in list order, each one's min(done, target) and target added in turn),
    so every figure is the same to the last bit, and Python only takes one number a week.
    """
    query, parameters = week_ratios_query(items, first, weeks)
    return [ratio for (ratio,) in conn.execute(query, parameters)]


def week_ratios_query(items: list[ChecklistItem], first: dt.date, weeks: int) -> tuple[str, list[str]]:
    """The query of `week_ratios`, and its parameters."""
    week_of = f"CAST((julianday(date) - julianday('{first.isoformat()}')) / 7 AS INTEGER)"
    bounds = [first.isoformat(), (first + (7 * weeks - 1) * DAY).isoformat()]
    # Named in the query, not bound: SQLite reads the off days from their own index only when it sees the same list.
    off_days = ", ".join(f"'{day_type}'" for day_type in OFF_DAY_TYPES)
    packs = [items[at : at + ITEMS_PER_COUNT] for at in range(0, len(items), ITEMS_PER_COUNT)]
    counts = ", ".join(
        "sum(CASE item_id "
        + " ".join(f"WHEN {item.number:d} THEN {1 << 3 * slot:d}" for slot, item in enumerate(pack))
        + " END)"
        for pack in packs
    )
    ticks = [f"(p{index // ITEMS_PER_COUNT} >> {3 * (index % ITEMS_PER_COUNT):d}) & 7" for index in range(len(items))]
    carried = ", ".join(f"p{number}" for number in range(len(packs)))
    ctes = [
        f"weeks(w) AS (SELECT 0 UNION ALL SELECT w + 1 FROM weeks WHERE w + 1 < {weeks:d})",
        f"off(w, n) AS (SELECT {week_of}, count(*) FROM entries"
        f" WHERE date BETWEEN ? AND ? AND day_type IN ({off_days}) GROUP BY 1)",
        f"done(w, {carried}) AS (SELECT {week_of}, {counts} FROM ticks WHERE date BETWEEN ? AND ? GROUP BY 1)",
        # Every week, with its off days and ticks when it has any: one sort of the three, no lookups.
        f"step0(w, off, {carried}, c, t) AS MATERIALIZED (SELECT w, sum(off), "
        + ", ".join(f"sum(p{number})" for number in range(len(packs)))
        + ", 0.0, 0.0 FROM ("
        + f"SELECT w, 0 AS off, {', '.join(f'0 AS p{number}' for number in range(len(packs)))} FROM weeks"
        + f" UNION ALL SELECT w, n, {', '.join('0' for _ in packs)} FROM off"
        + f" UNION ALL SELECT w, 0, {carried} FROM done) GROUP BY w)",
    ]
    steps = range(0, len(items), ITEMS_PER_STEP)
    for number, at in enumerate(steps, start=1):
        counted, total = "c", "t"
        for item, done in zip(items[at : at + ITEMS_PER_STEP], ticks[at : at + ITEMS_PER_STEP], strict=True):
            target = _target_sql(item, f"({done})", first, weeks)
            if target is not None:
                counted, total = f"{counted} + min({done}, {target})", f"{total} + {target}"
        ctes.append(
            f"step{number}(w, off, {carried}, c, t) AS MATERIALIZED"
            f" (SELECT w, off, {carried}, {counted}, {total} FROM step{number - 1})"
        )
    query = f"WITH RECURSIVE {', '.join(ctes)} SELECT CASE WHEN t > 0 THEN c / t END FROM step{len(steps)} ORDER BY w"
    return query, [*bounds, *bounds]


def _target_sql(item: ChecklistItem, done: str, first: dt.date, weeks: int) -> str | None:
    """SQL for `week_target` of `item` in week `w` (of `weeks`) with `off` off days and `done` ticks in it;
    None when it asks for nothing in any of the weeks.

    An item's state in a week (whether it counts, its target) depends on each of its dates only
    through whether that date falls by the week's end: each becomes the first week it does, and
    what holds in every week, or in none, is left out of the SQL.
    """

    def by_week(day: dt.date) -> int:
        """The first week from `first` whose last day is `day` or later (0 or less: every week)."""
        return -((first + 6 * DAY - day).days // 7)

    conditions = []
    if item.retired_on is not None:
        retired = by_week(item.retired_on)
        if retired <= 0:
            return None  # adds min(done, 0.0) and 0.0 to every week: nothing
        if retired < weeks:
            conditions.append(f"w < {retired:d}")
    added = by_week(item.created_on)
    if added > 0:
        conditions.append(f"({done} > 0 OR w >= {added:d})" if added < weeks else f"{done} > 0")
    # The last target set by the week's end; before the first was set, the first.
    targets = list(item.targets) or [(item.created_on, item.target)]
    since_first, later = targets[0][1], list[str]()
    for since, target in targets[1:]:
        week = by_week(since)
        if week <= 0:
            since_first = target
        elif week < weeks:
            later.insert(0, f"WHEN w >= {week:d} THEN {target:d}")
    goal = f"CASE {' '.join(later)} ELSE {since_first:d} END" if later else f"{since_first:d}"
    figure = f"({goal} * 7) / 7.0" if item.kind == "rest" else f"({goal} * (7 - off)) / 7.0"
    return f"(CASE WHEN {' AND '.join(conditions)} THEN {figure} ELSE 0.0 END)" if conditions else f"({figure})"
