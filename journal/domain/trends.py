"""Trends: a metric over a range of days, as sparkline cells and its latest, mean, min and max.

A range longer than the room to draw it is bucketed: each cell is the mean of
the days in it that hold a value, and a cell with none is a gap. Every
sparkline is drawn on its scale's fixed ends (1-5, 0-10, 0-12 hours, 0-100%),
so the same height always means the same value.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from journal.domain.scales import (
    PAIN_MAX,
    PAIN_MIN,
    WELLNESS,
    WELLNESS_MAX,
    WELLNESS_MIN,
)
from journal.domain.signals import METRIC_LABELS, TOTAL

BARS = "▁▂▃▄▅▆▇█"
GAP = " "

# (key, label, days); None is the whole journal.
RANGES = (("30d", "30 days", 30), ("90d", "90 days", 90), ("year", "a year", 365), ("all", "all", None))

SLEEP_SCALE = (0.0, 12.0)  # hours; longer nights draw as full bars
METRICS = ("sleep_hours", *(item.field for item in WELLNESS), TOTAL)
COUNT = len(WELLNESS)


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
    return float(WELLNESS_MIN), float(WELLNESS_MAX)


def label_of(key: str) -> str:
    return METRIC_LABELS[key].capitalize() if key in METRIC_LABELS else key


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

    key: str  # sleep_hours, mood, total, pain:knee, completion
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
