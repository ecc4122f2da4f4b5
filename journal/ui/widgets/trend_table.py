"""Sparklines in a table: a row per metric, with its latest value, mean, min and max for the range.

One widget draws every row from text, so a range of any length costs as many
characters as the table is wide. Pain cells take the pain-monitoring model's
colours (0-3, 4-5, above 5).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message

from journal.domain.signals import pain_band
from journal.domain.trends import Series
from journal.ui.widgets.text_grid import TextLines

LABEL_WIDTH = 22
FIGURE_WIDTH = 7
FIGURES = ("latest", "mean", "min", "max")
GAP = 2


def spark_width(total: int) -> int:
    """The room left for the sparkline once the label and the four figures are drawn."""
    return max(8, total - LABEL_WIDTH - GAP - FIGURE_WIDTH * len(FIGURES))


def spark_text(series_key: str, sparkline: str, cells: list[float | None], styles: Callable[[str], Style]) -> Text:
    """A sparkline with its colours: pain by band, everything else in one colour; gaps stay gaps."""
    text = Text(no_wrap=True)
    if series_key.startswith("pain:"):
        # Days running in one band are one span: one piece to draw, not one a day.
        days = zip(sparkline, cells, strict=False)
        for band, run in groupby(days, key=lambda day: None if day[1] is None else pain_band(day[1])):
            text.append(
                "".join(character for character, _ in run), styles(f"pain-{band}") if band is not None else None
            )
    else:
        text.append(sparkline, styles("spark"))
    return text


class TrendTable(TextLines):
    """The trends of a range, drawn as lines of text."""

    DEFAULT_CSS = """
    TrendTable {
        height: auto;
        & > .trend-table--heading { color: $text-secondary; text-style: bold; }
        & > .trend-table--label { color: $text; }
        & > .trend-table--spark { color: $spark; }
        & > .trend-table--pain-low { color: $pain-low; }
        & > .trend-table--pain-mid { color: $pain-mid; }
        & > .trend-table--pain-high { color: $pain-high; }
        & > .trend-table--figure { color: $text; }
        & > .trend-table--muted { color: $text-muted; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "trend-table--heading",
        "trend-table--label",
        "trend-table--spark",
        "trend-table--pain-low",
        "trend-table--pain-mid",
        "trend-table--pain-high",
        "trend-table--figure",
        "trend-table--muted",
    }

    class Resized(Message):
        """The table's width changed: the terminal's did, or a scrollbar beside it came or went (which the pane
        around it does not feel). Its sparklines hold as many cells as that width has room for."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.series: list[Series] = []
        self.caption = ""

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())

    def show(self, series: list[Series], caption: str) -> None:
        self.series = series
        self.caption = caption
        self.refresh(layout=True)

    def _style(self, name: str) -> Style:
        return self.component_style(f"trend-table--{name}")

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.series) + 1

    def line_text(self, y: int) -> Text:
        width = spark_width(self.size.width)
        if y == 0:
            text = Text(
                self.caption.ljust(LABEL_WIDTH + width + GAP)[: LABEL_WIDTH + width + GAP],
                self._style("heading"),
                no_wrap=True,
            )
            text.append("".join(name.rjust(FIGURE_WIDTH) for name in FIGURES), self._style("muted"))
            return text
        if y > len(self.series):
            return Text()
        series = self.series[y - 1]
        text = Text(series.label.ljust(LABEL_WIDTH)[:LABEL_WIDTH], self._style("label"), no_wrap=True)
        sparkline = series.sparkline[-width:]
        text.append_text(spark_text(series.key, sparkline, series.cells[-width:], self._style))
        text.append(" " * (width - len(sparkline) + GAP))
        text.append(
            "".join(
                series.figure(value).rjust(FIGURE_WIDTH)
                for value in (series.latest, series.mean, series.minimum, series.maximum)
            ),
            self._style("figure"),
        )
        return text
