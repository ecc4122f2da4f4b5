"""The Trends pane: a sparkline per metric, pain site and the checklist, over 30 days to the whole journal.

The range is read on a worker thread with its own read-only connection, so even
a century of entries never holds up the keys; SQLite buckets the days to the
width there is to draw them.
"""

from __future__ import annotations

import datetime as dt

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from journal.domain.trends import RANGES, Trends
from journal.store.db import Journal
from journal.ui.panes.lazy import LazyPane
from journal.ui.widgets.trend_table import TrendTable, spark_width


def caption(trends: Trends) -> str:
    """'28 Oct – 26 Nov 2026 · a day a column', or how many days each column holds."""
    span = f"{trends.start:%d %b %Y} – {trends.end:%d %b %Y}".lstrip("0").replace(" 0", " ")
    per = "a day a column" if trends.per_cell == 1 else f"{trends.per_cell} days a column"
    return f"{span} · {per}"


class RangeChoice(Static):
    """One range in the bar; a click chooses it."""

    def __init__(self, key: str, label: str) -> None:
        super().__init__(label, id=f"range-{key}", classes="range-choice")
        self.key = key

    def on_click(self) -> None:
        self.query_ancestor(TrendsPane).choose_range(self.key)


class TrendsPane(LazyPane):
    """Every trend of a range; keys 1-4 (or r) choose the range."""

    BINDINGS = [
        Binding("r", "next_range", "Range", tooltip="The next range: 30 days, 90 days, a year, all",
                id="trends.next_range"),
        *(
            Binding(str(number), f"choose_range('{key}')", label, show=False, tooltip=f"Show {label}",
                    id=f"trends.range_{key}")
            for number, (key, label, _) in enumerate(RANGES, start=1)
        ),
    ]

    def __init__(self, journal: Journal, today: dt.date) -> None:
        super().__init__("Trends", id="trends", journal=journal, today=today)
        self.range = RANGES[0][0]
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

    async def shown(self) -> None:
        self.load()
        self.query_one("#trends-body").focus()

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

    def load(self) -> None:
        """Read the range on a worker thread and draw it when it comes."""
        for key, _, _ in RANGES:
            self.query_one(f"#range-{key}").set_class(key == self.range, "-chosen")
        span = self.span()
        if span is None:
            self._draw(None)
            return
        self._width = self.table.size.width or self.size.width - 2
        self.query_one("#trends-status", Static).update("reading…")
        self._read(span, spark_width(self._width))

    @work(thread=True, exclusive=True, group="trends")
    def _read(self, span: tuple[dt.date, dt.date], width: int) -> None:
        from journal.store.trends import load_trends

        with self.journal.reader() as reader:
            trends = load_trends(reader, *span, width)
        self.app.call_from_thread(self._draw, trends)

    def _draw(self, trends: Trends | None) -> None:
        self.trends = trends
        empty = self.query_one("#trends-empty", Static)
        self.query_one("#trends-status", Static).update("")
        if trends is None or not any(series.latest is not None for series in trends.series):
            self.table.show([], "Nothing logged in this range yet.")
            empty.update("Log a few days on the Today pane (f2) and their trends appear here.")
            return
        empty.update("Gaps are days with nothing logged. Pain: [$pain-low]0-3[/] [$pain-mid]4-5[/] [$pain-high]above 5[/]."
                     " The checklist is whole weeks.")
        self.table.show(trends.series, caption(trends))

    def on_resize(self) -> None:
        if self.loaded and self.trends is not None and self.table.size.width != self._width:
            self.load()

    # -- actions -------------------------------------------------------------------

    def choose_range(self, key: str) -> None:
        self.range = key
        self.load()

    def action_choose_range(self, key: str) -> None:
        self.choose_range(key)

    def action_next_range(self) -> None:
        keys = [key for key, _, _ in RANGES]
        self.choose_range(keys[(keys.index(self.range) + 1) % len(keys)])
