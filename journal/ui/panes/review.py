"""The Week pane: the weekly review of any week, as `journal week` prints it, in colour."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Static

from journal.store.db import Journal
from journal.ui.panes.lazy import WeekPane
from journal.ui.widgets.arrow import Arrow
from journal.ui.widgets.blank import BlankHorizontal, BlankScroll
from journal.ui.widgets.wrapped_lines import WrappedLines

# How each kind of review line is drawn, as theme-driven component classes of the pane.
LINE_CLASSES = {
    "title": "review--title",
    "heading": "review--heading",
    "muted": "review--muted",
    "better": "review--better",
    "worse": "review--worse",
    "red": "review--red",
    "amber": "review--amber",
    "info": "review--info",
}


class ReviewPane(WeekPane):
    """A week against the one before: averages, training, pain after load, plan decisions, overuse, flags, checklist,
    goals and notes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("alt+left", "previous_week", "Prev", tooltip="Previous week", id="review.previous_week"),
        Binding("alt+right", "next_week", "Next", tooltip="Next week", id="review.next_week"),
        Binding("ctrl+t", "this_week", "This week", show=False, tooltip="This week", id="review.this_week"),
    ]
    PALETTE: ClassVar[list[tuple[str, str]]] = [
        ("Week review: this week", "review.this_week"),
        ("Week review: previous week", "review.previous_week"),
        ("Week review: next week", "review.next_week"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = set(LINE_CLASSES.values())
    DEFAULT_CSS = """
    ReviewPane {
        & > .review--title { text-style: bold; }
        & > .review--heading { color: $text-secondary; text-style: bold; }
        & > .review--muted { color: $text-muted; }
        & > .review--better { color: $text-success; }
        & > .review--worse { color: $text-warning; }
        & > .review--red { color: $text-error; }
        & > .review--amber { color: $text-warning; }
        & > .review--info { color: $text-accent; }
    }
    """

    DRAWN_HIDDEN = True  # a week's lines, wrapped as they are laid out: drawn before the pane is first shown

    def __init__(self, journal: Journal, today: dt.date) -> None:
        super().__init__("Week", id="review", journal=journal, today=today)
        # The weeks' lines as drawn, kept while the journal and the date stay as they were (`Journal.state`):
        # stepping back and forth between weeks works each one out once.
        self._reviews: tuple[tuple[tuple[int, int], dt.date], dict[dt.date, list[tuple[str, str]]]] | None = None

    def build(self) -> ComposeResult:
        with BlankHorizontal(id="review-bar"):
            yield Arrow("◀", -1, id="review-previous")
            yield Static("", id="review-label")
            yield Arrow("▶", 1, id="review-next")
        with BlankScroll(id="review-body"):
            yield WrappedLines(id="review-text")

    @property
    def focus_target(self) -> Widget | None:
        return self.query_one("#review-body") if self.loaded else None

    async def draw(self) -> None:
        """Read the week's review from the journal and draw it."""
        from journal.dates import week_label, week_span
        from journal.render.review import review_lines
        from journal.store.insights import weekly_review

        self._follow_first_weekday()
        first = self.first_weekday
        state = (self.journal.state(), self.today)
        if self._reviews is None or self._reviews[0] != state:
            self._reviews = (state, {})
        lines = self._reviews[1].get(self.start)
        if lines is None:
            lines = self._reviews[1][self.start] = review_lines(weekly_review(self.journal, self.start, self.today))
        self.query_one("#review-text", WrappedLines).show(
            [
                (line, self.get_component_rich_style(LINE_CLASSES[kind]) if kind in LINE_CLASSES else None)
                for line, kind in lines[1:]  # the bar above shows the title
            ]
        )
        label = f"{week_label(self.start)} ·" if first == 0 else "week of"
        self.query_one("#review-label", Static).update(f"{label} {week_span(self.start)}")
        self.query_one("#review-next").set_class(self.start + dt.timedelta(days=6) >= self.today, "-disabled")
