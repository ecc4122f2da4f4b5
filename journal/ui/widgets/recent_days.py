"""The recent days beside the Today pane's form: a line a day, the cursor on the day shown."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class RecentDays(OptionList):
    """A line a day, named by its date; enter or a click goes to that day.

    Stepping from day to day moves only the cursor, which redraws the two lines it
    leaves and reaches: an OptionList redraws every line when its cursor moves.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._labels: list[tuple[str, str]] = []
        self._drawn_width = -1

    def on_resize(self, event: events.Resize) -> None:
        # An OptionList forgets how it drew its lines on any resize. The list grows and shrinks as the flags above
        # come and go from day to day: only a new width changes how a line is drawn.
        if event.size.width == self._drawn_width:
            event.prevent_default()  # OptionList's own handler, which comes after this one
        self._drawn_width = event.size.width

    def show(self, labels: list[tuple[str, str]]) -> None:
        """(date, label) for each line; the same lines again change nothing."""
        if labels == self._labels:
            return
        self._labels = labels
        # One set, not a clear and an add: the list keeps its length, so nothing is laid out again.
        self.set_options(Option(Text(label, no_wrap=True, overflow="ellipsis"), id=day) for day, label in labels)

    def move_cursor(self, index: int | None) -> None:
        """Put the cursor on line `index` (None: on no line), redrawing only the lines that change."""
        index = self.validate_highlighted(index)
        before = self.highlighted
        if index == before:
            return
        if index is None or before is None or not self.is_mounted:
            self.highlighted = index  # the list is drawn whole in any case
            return
        self.set_reactive(OptionList.highlighted, index)
        for line in (before, index):  # a day is one line (no_wrap): its index is its line
            self.refresh_line(line)
        self.scroll_to_highlight()  # as a move of the cursor does (nothing listens for its OptionHighlighted)
