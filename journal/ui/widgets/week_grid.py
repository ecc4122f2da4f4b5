"""A week of the checklist as one grid: items down, days across, a cursor to tick with.

Like the score sheet it is one widget that draws every line itself, so a week of
any number of items opens at once. Space, enter or a click ticks the day under
the cursor; the pane does the saving.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message

from journal.domain.checklist import ItemProgress, Week, format_ratio, format_target
from journal.ui.widgets.text_grid import TextGrid

TITLE_WIDTH = 24
CELL_WIDTH = 5
HEADER_ROWS = 3  # day names, dates, day types
DAY_MARKS = {"rest": "rest", "race": "race", "injured": "inj", "sick": "sick"}


class WeekGrid(TextGrid):
    """Items down, the seven days across; the cursor sits on an item and a day."""

    DEFAULT_CSS = """
    WeekGrid {
        height: auto;
        width: 1fr;
        & > .week-grid--header { color: $text-muted; }
        & > .week-grid--today { color: $text-accent; text-style: bold; }
        & > .week-grid--off-day { color: $text-warning; }
        & > .week-grid--title { color: $text; }
        & > .week-grid--retired { color: $text-disabled; text-style: italic; }
        & > .week-grid--cell { color: $text-muted; }
        & > .week-grid--done { color: $text-success; text-style: bold; }
        & > .week-grid--cursor { background: $primary 60%; }
        & > .week-grid--figure { color: $text-muted; }
        & > .week-grid--met { color: $text-success; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "week-grid--header",
        "week-grid--today",
        "week-grid--off-day",
        "week-grid--title",
        "week-grid--retired",
        "week-grid--cell",
        "week-grid--done",
        "week-grid--cursor",
        "week-grid--figure",
        "week-grid--met",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space,enter",
            "tick",
            "Tick",
            show=False,
            key_display="space",
            tooltip="Tick or untick the day under the cursor (also enter or a click)",
            id="checklist.tick",
        ),
    ]

    class Toggled(Message):
        """The runner asked to tick or untick an item on a day."""

        def __init__(self, grid: WeekGrid, item_id: int, day: dt.date) -> None:
            super().__init__()
            self.grid = grid
            self.item_id = item_id
            self.day = day

        @property
        def control(self) -> WeekGrid:
            return self.grid

    class Moved(Message):
        """The cursor moved to another item or day."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.week: Week | None = None
        self.days: list[dt.date] = []
        self.today = dt.date.today()
        self.cursor = (0, 0)

    # -- data --------------------------------------------------------------------

    def show_week(self, week: Week, days: list[dt.date], today: dt.date) -> None:
        first = self.week is None
        self.week, self.days, self.today = week, days, today
        row, column = self.cursor
        if first and today in days:
            column = days.index(today)  # the day most often ticked
        self.cursor = (min(row, max(0, len(self.rows) - 1)), column)
        self.refresh(layout=True)

    @property
    def rows(self) -> list[ItemProgress]:
        return self.week.completion.items if self.week else []

    @property
    def current(self) -> ItemProgress | None:
        return self.rows[self.cursor[0]] if self.rows else None

    @property
    def current_day(self) -> dt.date | None:
        return self.days[self.cursor[1]] if self.days else None

    def move_to(self, item_id: int, day: dt.date | None = None) -> None:
        for index, progress in enumerate(self.rows):
            if progress.item.id == item_id:
                column = self.days.index(day) if day in self.days else self.cursor[1]
                self._set_cursor(index, column)
                return

    # -- keys and mouse ----------------------------------------------------------

    def action_move(self, rows: int, columns: int) -> None:
        if not self.rows:
            return
        row, column = self.cursor
        self._set_cursor(max(0, min(len(self.rows) - 1, row + rows)), max(0, min(6, column + columns)))

    def action_tick(self) -> None:
        if self.current is not None and self.current_day is not None:
            self.post_message(self.Toggled(self, self.current.item.number, self.current_day))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = offset.y - HEADER_ROWS
        column = (offset.x - TITLE_WIDTH) // CELL_WIDTH
        if 0 <= row < len(self.rows) and 0 <= column < 7 and offset.x >= TITLE_WIDTH:
            self.focus()
            self._set_cursor(row, column)
            self.action_tick()

    # -- drawing -----------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return HEADER_ROWS + max(1, len(self.rows))

    def line_text(self, y: int) -> Text:
        if y < HEADER_ROWS:
            return self._header(y)
        if not self.rows:
            # Every item not retired by a week's end shows in it: an empty week has nothing to tick.
            return Text("  No checklist items this week: press a to add one.") if y == HEADER_ROWS else Text()
        if y - HEADER_ROWS < len(self.rows):
            return self._row(y - HEADER_ROWS)
        return Text()

    def _header(self, y: int) -> Text:
        style = self.component_style
        text = Text(" " * TITLE_WIDTH, no_wrap=True)
        day_types = self.week.day_types if self.week else {}
        for day in self.days:
            if y == 0:
                label, name = f"{day:%a}", "week-grid--header"
            elif y == 1:
                label, name = f"{day.day:>2}{'•' if day == self.today else ''}", "week-grid--header"
            else:
                label, name = DAY_MARKS.get(day_types.get(day, ""), ""), "week-grid--off-day"
            if day == self.today:
                name = "week-grid--today"
            text.append(f" {label:<{CELL_WIDTH - 1}}", style(name))
        if y == 0:
            text.append("  done", style("week-grid--header"))
        return text

    def _row(self, index: int) -> Text:
        style = self.component_style
        progress = self.rows[index]
        item = progress.item
        title_style = "week-grid--retired" if item.retired_on else "week-grid--title"
        text = Text(f" {item.title}"[: TITLE_WIDTH - 1].ljust(TITLE_WIDTH), style(title_style), no_wrap=True)
        ticks = self.week.ticks if self.week else {}
        for column, day in enumerate(self.days):
            done = (item.id, day) in ticks
            mark = "✓" if done else ("" if day > self.today else "·")
            cell_style = style("week-grid--done" if done else "week-grid--cell")
            if self.has_focus and self.cursor == (index, column):
                cell_style += style("week-grid--cursor")
            text.append(f" {mark:^{CELL_WIDTH - 2}} ", cell_style)
        figure = f"{progress.done}/{format_target(progress.target)}"
        met = progress.ratio is not None and progress.ratio >= 1
        text.append(f"  {figure:<7}", style("week-grid--met" if met else "week-grid--figure"))
        text.append(format_ratio(progress.ratio), style("week-grid--figure"))
        return text

    def _set_cursor(self, row: int, column: int) -> None:
        self.cursor = (row, column)
        self.refresh()
        self.post_message(self.Moved())
        self.scroll_into_view(0, HEADER_ROWS + row, self.size.width)
