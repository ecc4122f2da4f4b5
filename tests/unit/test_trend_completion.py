"""The Trends pane's checklist row: the same figures as the plain week-by-week computation, to the last bit.

`reference` is how the row was first computed: every week's figure by `week_ratio`,
item by item, in Python. The store now works it out another way (SQLite does the
weeks); on any journal, range and width both must give equal series, float for float.
"""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.dates import WEEKDAY_NAMES, week_start
from journal.domain.checklist import ITEM_KINDS, OFF_DAY_TYPES, week_ratio
from journal.domain.signals import DAY
from journal.domain.trends import Series, days_per_cell
from journal.store import open_journal
from journal.store.checklist import list_items
from journal.store.db import Journal
from journal.store.demo import fill_demo
from journal.store.settings import first_weekday, set_setting
from journal.store.trends import completion_series, week_ratios_query

DAY_TYPES = ("normal", "race", *OFF_DAY_TYPES)


def reference(journal: Journal, start: dt.date, end: dt.date, width: int) -> Series | None:
    """The checklist row as first written: each whole week's figure by `week_ratio`, then bucketed."""
    items = list_items(journal)
    if not items:
        return None
    first = week_start(start, first_weekday(journal))
    if first < start:
        first += 7 * DAY
    weeks = ((end - first).days + 1) // 7
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
    per_cell = days_per_cell((end - start).days + 1, width)
    gathered: list[list[float]] = [[] for _ in range(math.ceil(((end - start).days + 1) / per_cell))]
    offset = (first - start).days
    for week, ratio in enumerate(ratios):
        if ratio is None:
            continue
        for cell in range((offset + 7 * week) // per_cell, (offset + 7 * week + 6) // per_cell + 1):
            gathered[cell].append(ratio)
    cells = [sum(values) / len(values) if values else None for values in gathered]
    figures = [ratio for ratio in ratios if ratio is not None]
    return Series(
        "completion",
        "Checklist / week",
        cells,
        figures[-1] if figures else None,
        sum(figures) / len(figures) if figures else None,
        min(figures, default=None),
        max(figures, default=None),
    )


# A journal of SPAN days ending on `today`, drawn as offsets from its first day. Items are written straight into
# the tables, so they can hold what the commands would make over years: targets set before an item was added or
# after it was retired, retirements on any day, ticks outside an item's life.
SPAN = 16 * 7 + 3
DAYS = st.integers(0, SPAN - 1)

items_drawn = st.lists(
    st.tuples(
        DAYS,  # added on
        st.sampled_from(["strength", "rest", "mind"]),
        st.integers(1, 7),  # its target
        st.lists(st.tuples(DAYS, st.integers(1, 7)), max_size=3),  # targets set on days
        st.none() | DAYS,  # retired on
    ),
    max_size=5,
)


def write_journal(
    journal: Journal,
    first: dt.date,
    items: list[tuple[int, str, int, list[tuple[int, int]], int | None]],
    ticks: set[tuple[int, int]],
    day_types: dict[int, str],
) -> None:
    def on(offset: int) -> str:
        return (first + offset * DAY).isoformat()

    with journal.transaction() as conn:
        for number, (added, kind, target, targets, retired) in enumerate(items):
            item_id = conn.execute(
                "INSERT INTO checklist_items (title, kind, target, position, created_on, retired_on)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [f"Item {number}", kind, target, 100 - number, on(added), None if retired is None else on(retired)],
            ).lastrowid
            conn.executemany(
                "INSERT OR REPLACE INTO item_targets (item_id, since, target) VALUES (?, ?, ?)",
                [(item_id, on(since), goal) for since, goal in targets],
            )
        ids = [row[0] for row in conn.execute("SELECT id FROM checklist_items ORDER BY id")]
        conn.executemany(
            "INSERT OR IGNORE INTO ticks (item_id, date) VALUES (?, ?)",
            [(ids[index % len(ids)], on(day)) for index, day in ticks],
        )
        conn.executemany(
            "INSERT INTO entries (date, day_type) VALUES (?, ?)", [(on(day), kind) for day, kind in day_types.items()]
        )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    items=items_drawn,
    retire_defaults=st.booleans(),
    ticks=st.sets(st.tuples(st.integers(0, 20), DAYS), max_size=120),
    day_types=st.dictionaries(DAYS, st.sampled_from(DAY_TYPES), max_size=40),
    weekday=st.integers(0, 6),
    range_=st.tuples(DAYS, DAYS),
    width=st.integers(1, 60),
)
def test_the_checklist_row_is_the_week_by_week_figures(
    tmp_path_factory, today, items, retire_defaults, ticks, day_types, weekday, range_, width
):
    first = today - (SPAN - 1) * DAY
    with open_journal(tmp_path_factory.mktemp("completion") / "journal.db") as journal:
        set_setting(journal, "week_start", WEEKDAY_NAMES[weekday])
        if retire_defaults:
            journal.conn.execute("UPDATE checklist_items SET retired_on = ? WHERE id % 2 = 0", [first.isoformat()])
        write_journal(journal, first, items, ticks, day_types)
        start, end = first + min(range_) * DAY, first + max(range_) * DAY
        assert completion_series(journal, start, end, width) == reference(journal, start, end, width)
        assert completion_series(journal, first, today, width) == reference(journal, first, today, width)


def test_a_journal_with_no_items_has_no_checklist_row(journal, today):
    journal.conn.execute("DELETE FROM item_targets")
    journal.conn.execute("DELETE FROM checklist_items")
    assert completion_series(journal, today - 30 * DAY, today, 20) is None


def test_the_demo_years_give_the_week_by_week_figures(journal, today):
    fill_demo(journal, today, 3 * 365)
    start = today - (3 * 365 - 1) * DAY
    for width in (1, 7, 46, 200, 2000):
        assert completion_series(journal, start, today, width) == reference(journal, start, today, width)


def test_many_items_give_the_week_by_week_figures(journal, today):
    """More items than one query takes in a single expression: the figures still come out the same."""
    first = today - 200 * DAY
    items = [
        (7 * (n % 20), ITEM_KINDS[n % len(ITEM_KINDS)], 1 + n % 7, [(3 * n % 200, 1 + n % 3)], None) for n in range(300)
    ]
    ticks = {(index, (index * 37 + day) % 200) for index in range(300) for day in range(0, 200, 9)}
    write_journal(journal, first, items, ticks, {day: OFF_DAY_TYPES[day % 3] for day in range(0, 200, 5)})
    for width in (20, 201):
        assert completion_series(journal, first, today, width) == reference(journal, first, today, width)


def test_the_checklist_row_reads_ticks_and_off_days_from_indexes_alone(journal, today):
    """A week's ticks of each item come from the index of ticks by day, which holds the item; its off days
    from an index of their own: a century of checklist is read without a look at the rows."""
    query, parameters = week_ratios_query(list_items(journal), today - 700 * DAY, 100)
    plan = " ".join(row[3] for row in journal.conn.execute(f"EXPLAIN QUERY PLAN {query}", parameters))
    assert "ticks USING COVERING INDEX idx_ticks_date_item" in plan
    assert "entries USING INDEX idx_entries_off_days" in plan
