"""The Trends pane: a sparkline per metric, pain site, the checklist, training and overuse, over 30 days to all.

The range is read in a thread with its own read-only connection, so even a
century of entries never holds up the keys; SQLite buckets the days to the
width there is to draw them.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Static

from journal.domain.trends import RANGES, Trends, days_per_cell
from journal.store.db import Journal
from journal.ui.panes.lazy import LazyPane
from journal.ui.widgets.trend_table import TrendTable, spark_width


def caption(trends: Trends) -> str:
    """'28 Oct – 26 Nov 2026 · a day a column', or how many days each column holds."""
    span = f"{trends.start:%d %b %Y} – {trends.end:%d %b %Y}".lstrip("0").replace(" 0", " ")
    per = "a day a column" if trends.per_cell == 1 else f"{trends.per_cell} days a column"
    return f"{span} · {per}"


class RangeChoice(Static):
    """One range in the bar; a click posts `RangeChoice.Chosen`."""

    DEFAULT_CSS = """
    RangeChoice {
        width: auto;
        padding: 0 1;
        color: $text-muted;
        &:hover { background: $primary 30%; }
        &.-chosen { color: $text-primary; text-style: bold reverse; }
    }
    """

    @dataclass
    class Chosen(Message):
        """The runner clicked the range `key`."""

        choice: RangeChoice
        key: str

        @property
        def control(self) -> RangeChoice:
            return self.choice

    def __init__(self, key: str, label: str) -> None:
        super().__init__(label, id=f"range-{key}")
        self.key = key

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Chosen(self, self.key))


class TrendsPane(LazyPane):
    """Every trend of a range; keys 1-4 (or r) choose the range."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r", "next_range", "Range", tooltip="The next range: 30 days, 90 days, a year, all", id="trends.next_range"
        ),
        *(
            Binding(
                str(number),
                f"choose_range('{key}')",
                label,
                show=False,
                tooltip=f"Show {label}",
                id=f"trends.range_{key}",
            )
            for number, (key, label, _) in enumerate(RANGES, start=1)
        ),
    ]
    PALETTE: ClassVar[list[tuple[str, str]]] = [
        *((f"Trends: {label}", f"trends.range_{key}") for key, label, _ in RANGES),
        ("Trends: the next range", "trends.next_range"),
    ]

    DRAWN_HIDDEN = True  # at the width it will have (`width_when_shown`): drawn before the pane is first shown

    range: var[str] = var(RANGES[0][0], init=False)
    """The key of the range on show (see journal.domain.trends.RANGES); setting it draws that range."""

    def __init__(self, journal: Journal, today: dt.date) -> None:
        super().__init__("Trends", id="trends", journal=journal, today=today)
        self.trends: Trends | None = None
        self._width = 0

    def build(self) -> ComposeResult:
        with Horizontal(id="range-bar"):
            yield Static("Range", id="range-title")
            for key, label, _ in RANGES:
                yield RangeChoice(key, label)
            yield Static("", id="trends-status")
        with VerticalScroll(id="trends-body"):
            yield TrendTable(id="trend-table")
            yield Static("", id="trends-empty")

    async def first_show(self) -> None:
        await self.mount_compose(self.build())

    @property
    def focus_target(self) -> Widget | None:
        return self.query_one("#trends-body") if self.loaded else None

    def watch_range(self) -> None:
        self.load()

    @property
    def table(self) -> TrendTable:
        return self.query_one(TrendTable)

    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day of the chosen range; None for 'all' on an empty journal."""
        days = {key: days for key, _, days in RANGES}[self.range]
        if days is not None:
            return self.today - dt.timedelta(days=days - 1), self.today
        from journal.store.trends import first_day

        first = first_day(self.journal)
        return (min(first, self.today), self.today) if first else None

    async def draw(self) -> None:
        """Read the range in a thread and draw it when it comes, bucketed to the width the table is laid out at."""
        hidden = self.drawing_hidden
        if not self.table.size.width and not hidden:
            # Shown as its tab is activated, before the screen has laid the pane out: the table's width (which
            # sets how many days a column holds) is known once the screen has refreshed.
            await self.wait_for_refresh()
        for key, _, _ in RANGES:
            self.query_one(f"#range-{key}").set_class(key == self.range, "-chosen")
        span = self.span()
        if span is None:
            self._show(None)
            return
        self._width = self.width_when_shown() if hidden else self.table.size.width or self.size.width - 2
        self.query_one("#trends-status", Static).update("reading…")
        trends = await asyncio.to_thread(self._read, span, spark_width(self._width))
        if self.display or self.drawing_hidden:  # else hidden meanwhile: read again when next shown
            self._show(trends)

    def width_when_shown(self) -> int:
        """The table's width once the pane is shown: a hidden pane is not laid out, but it will fill the
        switcher that holds it, less the padding, borders and margins on the way down to the table (a
        scrollbar that comes as it is shown narrows the table, which reads the range again if it must: see
        `on_trend_table_resized`)."""
        width = self.parent.size.width if isinstance(self.parent, Widget) else self.screen.size.width
        widget: Widget | None = self.table
        while widget is not None:
            width -= widget.styles.gutter.width + widget.styles.margin.width
            widget = None if widget is self else cast(Widget, widget.parent)
        return max(0, width)

    def _read(self, span: tuple[dt.date, dt.date], width: int) -> Trends:
        """The trends of `span`, `width` columns wide; runs in a thread, on a connection of its own."""
        from journal.store.trends import load_trends

        with self.journal.reader() as reader:
            return load_trends(reader, *span, width)

    def _show(self, trends: Trends | None) -> None:
        self.trends = trends
        empty = self.query_one("#trends-empty", Static)
        self.query_one("#trends-status", Static).update("")
        if trends is None or not any(series.latest is not None for series in trends.series):
            self.table.show([], "Nothing logged in this range yet.")
            empty.update("Log a few days on the Today pane (f2) and their trends appear here.")
            return
        empty.update(
            "Gaps are days with nothing logged."
            " Pain: [$pain-low]0-3[/] [$pain-mid]4-5[/] [$pain-high]above 5[/]."
            " The checklist, training and overuse rows are whole weeks (overuse: severity 0-100, a week not answered"
            " is a gap)."
        )
        self.table.show(trends.series, caption(trends))

    def on_trend_table_resized(self, event: TrendTable.Resized) -> None:
        # A range being read for another width is read again for this one (a newer load replaces the one under
        # way); a range drawn is read again if this width holds another number of days a column.
        event.stop()
        width = self.table.size.width
        if not self.loaded or width in (0, self._width):
            return
        if self.load_running or (
            self.trends is not None and days_per_cell(self.trends.days, spark_width(width)) != self.trends.per_cell
        ):
            self.load()
        else:
            self._width = width

    # -- actions -------------------------------------------------------------------

    def on_range_choice_chosen(self, event: RangeChoice.Chosen) -> None:
        event.stop()
        self.range = event.key

    def action_choose_range(self, key: str) -> None:
        self.range = key

    def action_next_range(self) -> None:
        keys = [key for key, _, _ in RANGES]
        self.range = keys[(keys.index(self.range) + 1) % len(keys)]
