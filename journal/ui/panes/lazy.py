"""What the panes after Today share: they are built, and their data read, when first shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.widgets import TabPane

from journal.store.db import Journal


class LazyPane(TabPane):
    """A pane whose widgets and data wait for its first showing, so the journal opens fast.

    Subclasses build in `first_show` and draw in `shown` (each time the pane is shown).
    """

    def __init__(self, title: str, *, id: str, journal: Journal, today: dt.date) -> None:
        super().__init__(title, id=id)
        self.journal = journal
        self.today = today
        self.loaded = False
        self._after_show: list[Callable[[], object]] = []

    def after_show(self, action: Callable[[], object]) -> None:
        """Run `action` (a command from the palette) once the pane is shown and drawn; now if it is."""
        if self.loaded and self.display and self.is_on_screen:
            action()
        else:
            self._after_show.append(action)

    async def on_show(self) -> None:
        if not self.loaded:
            self.loaded = True
            await self.first_show()
        await self.shown()
        while self._after_show:
            # After the next refresh: a dialog the action opens finds the pane fully drawn.
            self.call_after_refresh(self._after_show.pop(0))

    async def first_show(self) -> None:
        """Build what the pane needs; called once."""

    async def shown(self) -> None:
        """Draw the pane from the journal; called every time it is shown."""

    def load(self) -> None:
        """Read the pane's data from the journal and draw it."""

    def journal_changed(self) -> None:
        """Another window or command saved something: a pane on show draws it now, the others when shown."""
        if self.loaded and self.display:
            self.load()

    def date_changed(self, today: dt.date) -> None:
        self.today = today
        self.journal_changed()


class WeekPane(LazyPane):
    """A lazily built pane that shows one week at a time, starting on `start`."""

    start: dt.date
    first_weekday: int

    def build(self):
        """The pane's widgets (a compose), mounted the first time it is shown."""
        raise NotImplementedError

    async def first_show(self) -> None:
        from journal.dates import week_start
        from journal.store.settings import first_weekday

        await self.mount_compose(self.build())
        self.first_weekday = first_weekday(self.journal)
        self.start = week_start(self.today, self.first_weekday)

    def date_changed(self, today: dt.date) -> None:
        from journal.dates import week_start

        if self.loaded and self.start == week_start(self.today, self.first_weekday):
            self.start = week_start(today, self.first_weekday)  # the current week stays the current week
        super().date_changed(today)

    def go_to_week(self, start: dt.date) -> None:
        self.start = start
        self.load()

    def action_previous_week(self) -> None:
        self.go_to_week(self.start - dt.timedelta(days=7))

    def action_next_week(self) -> None:
        if self.start + dt.timedelta(days=7) > self.today:
            self.notify("This is the latest week")
            return
        self.go_to_week(self.start + dt.timedelta(days=7))

    def action_this_week(self) -> None:
        from journal.dates import week_start

        self.go_to_week(week_start(self.today, self.first_weekday))
