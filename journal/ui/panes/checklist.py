"""The Checklist pane: a week of strength, technique and rest items to tick.

Its widgets are built, and its week read, the first time the pane is shown,
so the journal opens as fast with the pane as without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Label, Static

from journal.dates import (
    describe_day,
    short_day,
    week_days,
    week_label,
    week_span,
    week_start,
)
from journal.errors import JournalError
from journal.store.db import Journal
from journal.ui.panes.lazy import WeekPane, after_any_load
from journal.ui.widgets.arrow import Arrow
from journal.ui.widgets.blank import BlankHorizontal, BlankScroll

Written = TypeVar("Written")

if TYPE_CHECKING:
    from journal.domain.checklist import ChecklistItem
    from journal.ui.widgets.week_grid import WeekGrid

# The checklist's own modules are imported when the pane is first shown (see
# `on_show`), not while the app starts: the journal opens on the Today pane.

HISTORY_WEEKS = 12
BARS = "▁▂▃▄▅▆▇█"


def completion_bars(history: list[float | None]) -> str:
    """One bar a week on a fixed 0-100% scale; a week with nothing to do is a dot."""
    return "".join("·" if ratio is None else BARS[min(7, int(ratio * 8))] for ratio in history)


class ChecklistPane(WeekPane):
    """Tick what was done; see each item's done/target and the week's figure."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("alt+left", "previous_week", "Prev", tooltip="Previous week", id="checklist.previous_week"),
        Binding("alt+right", "next_week", "Next", tooltip="Next week", id="checklist.next_week"),
        Binding("ctrl+t", "this_week", "This week", show=False, tooltip="This week", id="checklist.this_week"),
        Binding("a", "add_item", "Add", tooltip="Add an item", id="checklist.add_item"),
        Binding("e", "edit_item", "Edit", tooltip="Edit the item under the cursor", id="checklist.edit_item"),
        Binding("n", "note", "Note", tooltip="Tick the day under the cursor with a note", id="checklist.note"),
        Binding(
            "r",
            "retire_item",
            "Retire",
            show=False,
            tooltip="Retire the item under the cursor",
            id="checklist.retire_item",
        ),
        Binding("shift+up", "move_item(-1)", "Move up", show=False, tooltip="Move the item up", id="checklist.move_up"),
        Binding(
            "shift+down",
            "move_item(1)",
            "Move down",
            show=False,
            tooltip="Move the item down",
            id="checklist.move_down",
        ),
    ]
    PALETTE: ClassVar[list[tuple[str, str]]] = [
        ("Add a checklist item", "checklist.add_item"),
        ("Checklist: this week", "checklist.this_week"),
        ("Checklist: previous week", "checklist.previous_week"),
        ("Checklist: next week", "checklist.next_week"),
        ("Checklist: tick the day", "checklist.tick"),
        ("Checklist: note for the day", "checklist.note"),
        ("Checklist: edit the item", "checklist.edit_item"),
        ("Checklist: retire the item", "checklist.retire_item"),
        ("Checklist: move the item up", "checklist.move_up"),
        ("Checklist: move the item down", "checklist.move_down"),
    ]

    @classmethod
    def palette_keys(cls) -> list[tuple[type[Widget], Binding]]:
        from journal.ui.widgets.week_grid import WeekGrid

        # Ticking is the grid's own key (space or enter on the cell under its cursor).
        grid: list[tuple[type[Widget], Binding]] = [
            (WeekGrid, binding) for binding in WeekGrid.BINDINGS if isinstance(binding, Binding) and binding.id
        ]
        return [*super().palette_keys(), *grid]

    DRAWN_HIDDEN = True  # a week's grid, whatever its size: drawn before the pane is first shown

    def __init__(self, journal: Journal, today: dt.date) -> None:
        super().__init__("Checklist", id="checklist", journal=journal, today=today)

    def build(self) -> ComposeResult:
        from journal.ui.widgets.week_grid import WeekGrid

        with BlankHorizontal(id="week-bar"):
            yield Arrow("◀", -1, id="previous-week")
            yield Static("", id="week-label")
            yield Arrow("▶", 1, id="next-week")
            yield Static("", id="week-figure")
            yield Label(f"{HISTORY_WEEKS} weeks", id="history-label")
            yield Static("", id="week-history")
        with BlankScroll(id="week-body"):
            yield WeekGrid(id="week-grid")
            yield Static("", id="item-about", markup=False)  # an item's title, description and tick note

    @property
    def grid(self) -> WeekGrid:
        from journal.ui.widgets.week_grid import WeekGrid

        return self.query_one("#week-grid", WeekGrid)

    @property
    def focus_target(self) -> Widget | None:
        return self.grid if self.loaded else None

    async def draw(self) -> None:
        """Read the week from the journal and draw it."""
        from journal.domain.checklist import format_ratio
        from journal.store.checklist import completion_history, load_week

        self._follow_first_weekday()
        week = load_week(self.journal, self.start)
        days = week_days(self.start)
        self.grid.show_week(week, days, self.today)
        so_far = " so far" if days[0] <= self.today <= days[-1] else ""
        label = f"{week_label(self.start)} ·" if self.first_weekday == 0 else "week of"
        self.query_one("#week-label", Static).update(f"{label} {week_span(self.start)}")
        self.query_one("#week-figure", Static).update(f"{format_ratio(week.completion.ratio)} done{so_far}")
        self.query_one("#next-week").set_class(self.start > self.today, "-disabled")
        history = completion_history(self.journal, self.start, HISTORY_WEEKS)
        self.query_one("#week-history", Static).update(completion_bars(history))
        self.describe_current()

    def date_changed(self, today: dt.date) -> None:
        """A new day: the today column moves. A new week follows it, except on a grid on show: a key
        pressed as midnight passes must tick the day that was under the cursor, not the new week's."""
        first = self.first_weekday
        if self.loaded and self.display and week_start(today, first) != week_start(self.today, first):
            self.today = today
            self.load()
            this_week = next(binding for _, binding in self.palette_keys() if binding.id == "checklist.this_week")
            self.notify(f"A new week has begun: {self.shell.key_display(this_week)} shows it")
            return
        super().date_changed(today)

    def on_week_grid_moved(self) -> None:
        self.describe_current()

    def describe_current(self) -> None:
        progress = self.grid.current
        about = self.query_one("#item-about", Static)
        if progress is None:
            about.update("")
            return
        item = progress.item
        parts = [f"{item.title}: {item.kind}, {item.target}x a week"]
        if item.description:
            parts.append(item.description)
        if item.retired_on:
            parts.append(f"retired from {item.retired_on}")
        week, day = self.grid.week, self.grid.current_day
        note = week.ticks.get((item.number, day)) if week and day else None
        if note:
            parts.append(f"note: {note}")
        about.update(" · ".join(parts))

    @after_any_load
    def on_week_grid_toggled(self, event: WeekGrid.Toggled) -> None:
        if event.day > self.today:
            self.notify("That day has not happened yet", severity="warning")
            return
        note = self.grid.week.ticks.get((event.item_id, event.day)) if self.grid.week else None
        if note:  # unticking would lose the note: ask first
            from journal.ui.screens.dialogs import ChoiceScreen

            self.app.push_screen(
                ChoiceScreen(
                    "Untick this day?",
                    f"Its note goes with it: {note}",
                    [("untick", "Untick", "error", "y"), ("cancel", "Keep it", "default", "escape")],
                    default="cancel",
                ),
                lambda choice: self._tick(event.item_id, event.day, False) if choice == "untick" else None,
            )
            return
        self._tick(event.item_id, event.day, note is None)

    def _tick(self, item_id: int, day: dt.date, done: bool, note: str = "") -> None:
        from journal.store.checklist import set_tick
        from journal.store.undo import tick_scopes

        title = next(progress.item.title for progress in self.grid.rows if progress.item.number == item_id)
        what = f"{'noted' if note else 'ticked' if done else 'unticked'} {title}, {short_day(day)}"
        try:
            self.shell.history.record(
                what,
                ("checklist", day, item_id),
                tick_scopes(item_id, day),
                lambda: set_tick(self.journal, item_id, day, done, note=note),
            )
        except JournalError as error:
            self.notify(str(error), title="Not saved", severity="error")
            return
        self.load()

    def show_change(self, day: dt.date | None = None, item_id: int | None = None) -> None:
        """Show the week, the item and the day an undo or redo changed."""
        if day is not None:
            self.start = week_start(day, self.first_weekday)
        self.load()
        if item_id is not None:
            self.when_drawn(self._move_to(item_id, day))
        self.grid.focus()

    def _move_to(self, item_id: int, day: dt.date | None = None) -> Callable[[], None]:
        """Put the grid's cursor on the item (and the day), once the week is drawn."""
        return lambda: self.grid.move_to(item_id, day)

    @after_any_load
    def action_note(self) -> None:
        """Tick the day under the cursor with a note (or change its note)."""
        from journal.domain.scales import SHORT_TEXT_MAX
        from journal.ui.screens.dialogs import TextScreen

        progress, day = self.grid.current, self.grid.current_day
        if progress is None or day is None:
            return
        if day > self.today:
            self.notify("That day has not happened yet", severity="warning")
            return
        item_id = progress.item.number
        current = self.grid.week.ticks.get((item_id, day), "") if self.grid.week else ""
        self.app.push_screen(
            TextScreen(
                f"Note for {progress.item.title}, {describe_day(day, self.today)}",
                current,
                "10 x 20 s, legs felt sharp",
                max_length=SHORT_TEXT_MAX,
            ),
            lambda note: self._tick(item_id, day, True, note) if note else None,
        )

    # -- items -------------------------------------------------------------------

    def action_add_item(self) -> None:
        from journal.store.checklist import add_item
        from journal.ui.screens.item_form import ItemFormScreen

        def save(title: str, kind: str, target: str, description: str) -> ChecklistItem:
            return self._record(
                f"added {title}",
                lambda: add_item(
                    self.journal, title, kind=kind, target=target, description=description, today=self.today
                ),
            )

        self.app.push_screen(ItemFormScreen("Add a checklist item", save), self._item_saved)

    def action_edit_item(self) -> None:
        from journal.store.checklist import update_item
        from journal.ui.screens.item_form import ItemFormScreen

        progress = self.grid.current
        if progress is None:
            return
        item = progress.item

        def save(title: str, kind: str, target: str, description: str) -> ChecklistItem:
            return self._record(
                f"edited {item.title}",
                lambda: update_item(
                    self.journal,
                    item.number,
                    title=title,
                    kind=kind,
                    target=target,
                    description=description,
                    today=self.today,
                ),
                item.number,
            )

        self.app.push_screen(ItemFormScreen(f"Edit {item.title}", save, item), self._item_saved)

    def _item_saved(self, item: ChecklistItem | None) -> None:
        if item is None:
            return
        self.load()
        self.when_drawn(self._move_to(item.number))
        self.notify(f"Saved {item.title}")

    def action_retire_item(self) -> None:
        from journal.store.checklist import retire_item
        from journal.ui.screens.dialogs import ChoiceScreen

        progress = self.grid.current
        if progress is None or progress.item.retired_on is not None:
            return
        item = progress.item

        def decided(choice: str | None) -> None:
            if choice != "retire":
                return
            try:
                retired = self._record(
                    f"retired {item.title}",
                    lambda: retire_item(self.journal, item.number, today=self.today),
                    item.number,
                )
            except JournalError as error:
                self.notify(str(error), severity="error")
                return
            self.load()
            retired_on = retired.retired_on or self.today  # retire_item always sets it
            self.notify(f"{retired.title} leaves the weeks from {describe_day(retired_on, self.today)}")

        self.app.push_screen(
            ChoiceScreen(
                f"Retire {item.title}?",
                "It leaves the weeks to come; its ticks stay in the weeks it was done.",
                [("retire", "Retire", "error", "y"), ("cancel", "Keep it", "default", "escape")],
                default="cancel",
            ),
            decided,
        )

    def action_move_item(self, offset: int) -> None:
        from journal.store.checklist import move_item

        progress = self.grid.current
        if progress is None or progress.item.retired_on is not None:
            return
        try:
            self._record(
                f"moved {progress.item.title}",
                lambda: move_item(self.journal, progress.item.number, offset),
                progress.item.number,
            )
        except JournalError as error:
            self.notify(str(error), severity="error")
            return
        self.load()
        self.when_drawn(self._move_to(progress.item.number))

    def _record(self, what: str, write: Callable[[], Written], item_id: int | None = None) -> Written:
        """Make a change to the items, which undo can take back."""
        from journal.store.undo import ITEMS

        return self.shell.history.record(what, ("checklist", None, item_id), ITEMS, write)
