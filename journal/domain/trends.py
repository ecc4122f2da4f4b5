"""Trends: a metric over a range of days, as sparkline cells and its latest, mean, min and max.

A range longer than the room to draw it is bucketed: each cell is the mean of
the days in it that hold a value, and a cell with none is a gap. Every
sparkline is drawn on its scale's fixed ends (1-5, 0-10, 0-12 hours, 0-100%),
so the same height always means the same value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from journal.dates import week_start
from journal.domain.distance import KM_PER_MILE
from journal.domain.scales import (
    PAIN_MAX,
    PAIN_MIN,
    WELLNESS,
    WELLNESS_MAX,
    WELLNESS_MIN,
)
from journal.domain.signals import DAY, METRIC_LABELS, TOTAL

BARS = "▁▂▃▄▅▆▇█"
GAP = " "

# (key, label, days); None is the whole journal.
RANGES = (("30d", "30 days", 30), ("90d", "90 days", 90), ("year", "a year", 365), ("all", "all", None))

SLEEP_SCALE = (0.0, 12.0)  # hours; longer nights draw as full bars
METRICS = ("sleep_hours", *(item.field for item in WELLNESS), TOTAL)
# What a watch measures, drawn as the days' means (the HRVs of both methods, in milliseconds) once a range has any.
DEVICE_METRICS = ("resting_hr", "hrv")
DEVICE_SCALES = {"resting_hr": (30.0, 90.0), "hrv": (0.0, 150.0)}  # beats a minute; milliseconds
COUNT = len(WELLNESS)

# The weekly rows of sessions: their totals per whole week, on fixed ends like every row (a longer week draws as a
# full bar): 10 hours, 100 km, and a load of 3000 (10 hours at RPE 5).
TRAINING = (
    ("training:minutes", "Minutes / week", (0.0, 600.0)),
    ("training:km", "Km / week", (0.0, 100.0)),
    ("training:load", "Load / week", (0.0, 3000.0)),
)
# The distance row in miles (the `distance_unit` setting) in place of km: the same ends, so the same bar heights.
TRAINING_MILES = ("training:mi", "Miles / week", (0.0, 100.0 / KM_PER_MILE))
TRAINING_SCALES = {key: scale for key, _, scale in (*TRAINING, TRAINING_MILES)}
OVERUSE_SCALE = (0.0, 100.0)  # the OSTRC-O2 severity score
CRAMPS_WEEK = "cramps:week"  # cramps a week: a full bar at 10 (more draws full)
CRAMPS_WEEK_SCALE = (0.0, 10.0)


def scale_of(key: str) -> tuple[float, float]:
    """The fixed ends a metric's sparkline is drawn between."""
    if key == "sleep_hours":
        return SLEEP_SCALE
    if key == TOTAL:
        return float(WELLNESS_MIN * COUNT), float(WELLNESS_MAX * COUNT)
    if key.startswith("pain:"):
        return float(PAIN_MIN), float(PAIN_MAX)
    if key == "completion":
        return 0.0, 1.0
    if key in TRAINING_SCALES:
        return TRAINING_SCALES[key]
    if key.startswith("overuse:"):
        return OVERUSE_SCALE
    if key == CRAMPS_WEEK:
        return CRAMPS_WEEK_SCALE
    if key in DEVICE_SCALES:
        return DEVICE_SCALES[key]
    return float(WELLNESS_MIN), float(WELLNESS_MAX)


def label_of(key: str) -> str:
    label = METRIC_LABELS.get(key, key)
    return label[:1].upper() + label[1:]  # not capitalize(): it would lower the rest ('HRV')


def spark(values: Iterable[float | None], low: float, high: float) -> str:
    """One character per value on the fixed scale low..high; a missing value is a gap."""
    span = high - low
    out = []
    for value in values:
        if value is None:
            out.append(GAP)
            continue
        share = 0.0 if span <= 0 else (min(max(value, low), high) - low) / span
        out.append(BARS[min(len(BARS) - 1, int(share * len(BARS)))])
    return "".join(out)


def days_per_cell(days: int, width: int) -> int:
    """How many days each cell holds so that `days` fit in `width` cells."""
    return max(1, math.ceil(days / max(1, width)))


@dataclass(frozen=True)
class Series:
    """A metric over a range: its cells, and its figures over the days (not the cells)."""

    key: str  # sleep_hours, mood, total, pain:knee, completion, training:minutes, overuse:knee
    label: str
    cells: list[float | None]
    latest: float | None = None
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None

    @property
    def scale(self) -> tuple[float, float]:
        return scale_of(self.key)

    @property
    def sparkline(self) -> str:
        return spark(self.cells, *self.scale)

    @property
    def is_pain(self) -> bool:
        return self.key.startswith("pain:")

    def figure(self, value: float | None) -> str:
        """A figure as the table shows it: 7.5, 3.2, 40%; '–' for none."""
        if value is None:
            return "–"
        if self.key == "completion":
            return f"{value * 100:.0f}%"
        if self.key in ("training:minutes", "training:load", CRAMPS_WEEK) or self.key.startswith("overuse:"):
            return f"{value:.0f}"
        return f"{value:.1f}"


@dataclass(frozen=True)
class Trends:
    """Every series of a range, and what the range covers."""

    start: dt.date
    end: dt.date
    per_cell: int  # days per cell
    series: list[Series]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class WholeWeeks:
    """The whole weeks inside a range, and how a figure per week is drawn under the days it covers.

    Every weekly row (the checklist's completion, the sessions' totals, overuse severity; cramps per week
    next) is one figure per whole week, from `first` on: a week cut by the range's start, or still in
    progress at its end, is not yet a figure. Each week lands in the cells of the days it covers, so it
    lines up with the daily rows above it: a cell is the mean of the figures of the weeks with a day in it.
    """

    start: dt.date  # the range's first day
    end: dt.date
    first: dt.date  # the first whole week's first day
    count: int  # how many whole weeks
    per_cell: int  # days per cell, as the daily rows

    @property
    def last_day(self) -> dt.date:
        return self.first + (7 * self.count - 1) * DAY

    def cells(self, values: Sequence[float | None]) -> list[float | None]:
        """The week figures `values` (one per week, None for none), drawn under the days of the range."""
        days = (self.end - self.start).days + 1
        offset = (self.first - self.start).days
        cells: list[float | None] = []
        for cell in range(math.ceil(days / self.per_cell)):
            low = max(0, -((offset + 6 - cell * self.per_cell) // 7))  # the first week that ends in or after the cell
            high = min(
                self.count - 1, ((cell + 1) * self.per_cell - 1 - offset) // 7
            )  # the last that starts by its end
            found = [value for value in values[low : high + 1] if value is not None] if low <= high else []
            cells.append(sum(found) / len(found) if found else None)
        return cells

    def series(self, key: str, label: str, values: Sequence[float | None]) -> Series:
        """A weekly row: its cells, and the latest, mean, min and max of its weeks (not of its cells)."""
        if self.count <= 0:
            return Series(key, label, [])
        figures = [value for value in values if value is not None]
        return Series(
            key,
            label,
            self.cells(values),
            figures[-1] if figures else None,
            sum(figures) / len(figures) if figures else None,
            min(figures, default=None),
            max(figures, default=None),
        )


def whole_weeks(start: dt.date, end: dt.date, first_weekday: int, width: int) -> WholeWeeks:
    """The whole weeks (starting on `first_weekday`) from `start` to `end`, drawn `width` cells wide."""
    first = week_start(start, first_weekday)
    if first < start:
        first += 7 * DAY
    count = max(0, ((end - first).days + 1) // 7)
    return WholeWeeks(start, end, first, count, days_per_cell((end - start).days + 1, width))
