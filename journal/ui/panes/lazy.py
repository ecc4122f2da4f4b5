"""What the panes after Today share: they are built, and their data read, when first shown.

Every such pane loads the same way: `load` starts the pane's one exclusive worker,
which awaits the pane's `draw` (read the journal, draw the widgets). A newer load
cancels one still running, so two never interleave, and nothing needs a lock.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from collections.abc import Awaitable, Callable
from inspect import isawaitable
from typing import ClassVar, Concatenate, ParamSpec, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.reactive import var
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from journal.store.db import Journal
from journal.ui.panes.pane import JournalPane
from journal.ui.widgets.arrow import Arrow

P = ParamSpec("P")
Pane = TypeVar("Pane", bound="LazyPane")


def after_any_load(handler: Callable[Concatenate[Pane, P], None]) -> Callable[Concatenate[Pane, P], None]:
    """A key's action or handler that waits for a load under way, so that it acts on the pane as saved:
    a second key pressed while the first one's change is drawn never acts on what it replaced."""

    @functools.wraps(handler)
    def run(pane: Pane, *args: P.args, **kwargs: P.kwargs) -> None:
        if pane.load_running:
            pane.when_drawn(lambda: run(pane, *args, **kwargs))
            return
        handler(pane, *args, **kwargs)

    return run


class LazyPane(JournalPane):
    """A pane whose widgets and data wait for its first showing, so the journal opens fast.

    Subclasses build in `first_show`, take the focus in `shown` (each time the pane
    is shown) and read and draw their data in `draw`, always through `load`.
    """

    DRAWN_HIDDEN: ClassVar[bool] = False
    """Whether `prepare` draws the pane's data as well, while it is hidden, so that its first showing is as
    quick as any other: for a pane whose drawing does not depend on its size on screen (a hidden pane has none).
    Its `draw` then runs while the pane is hidden (`drawing_hidden`), where it must not take the focus."""

    def __init__(self, title: str, *, id: str, journal: Journal, today: dt.date) -> None:
        super().__init__(title, id=id, journal=journal, today=today)
        self.loaded = False  # built, by `prepare` or a first showing
        self._building = asyncio.Lock()  # a showing during `prepare` waits for the pane to be built
        self.stale = True  # what is drawn may be out of date: drawn again when next shown
        self._loader: Worker[None] | None = None
        self._hidden_loader: Worker[None] | None = None  # the load `prepare` started, while hidden
        self._when_drawn: list[Callable[[], object]] = []

    async def on_show(self) -> None:
        await self.showing()

    async def showing(self) -> None:
        """The pane is on show: built, given the focus, and drawn again if it is stale. The app calls this
        as its tab is activated, as well as on Textual's Show: after a scroll, Textual can miss the Show of
        a pane switched to (it makes its map again, lazily, as the focus moves into the pane). Twice is
        harmless: the second finds the pane built and drawn."""
        await self._build()
        self.shown()
        self.shell.check_outside_changes()  # what another window saved makes this pane stale too
        if self.stale:
            self.load()  # shown again with nothing changed, it keeps what it drew: a switch back is instant
        elif self._when_drawn:
            self.call_after_refresh(self._run_when_drawn)  # drawn already (hidden, say): what waits for it runs

    async def prepare(self) -> None:
        """Build the pane while it is hidden (the app does so once the journal is on screen): its first showing
        then only reads and draws its data, as any other showing does. A pane that can be drawn hidden
        (`DRAWN_HIDDEN`) is drawn now as well: its first showing only puts it on screen."""
        await self._build()
        if not (self.DRAWN_HIDDEN and self.stale and not self.display and self.app.is_running):
            return  # nor while the app closes: its widgets are being removed, from the bottom up
        self.stale = False
        self._loader = self._hidden_loader = self._load()
        try:
            await self._loader.wait()
        except (WorkerCancelled, WorkerFailed):
            pass  # a newer load took over (a showing, say), or the app is closing: the pane is drawn as it is shown
        finally:
            self._hidden_loader = None

    @property
    def drawing_hidden(self) -> bool:
        """True while `prepare` draws the pane, hidden: a draw that takes the focus leaves it where it is. False
        once the app is closing: a draw under way then draws no more (its widgets are being removed)."""
        hidden_load = self._loader is not None and self._loader is self._hidden_loader
        return hidden_load and not self.display and self.app.is_running

    async def _build(self) -> None:
        async with self._building:  # once, whoever asks first; the other waits for it
            if not self.loaded:
                await self.first_show()
                self.loaded = True

    async def first_show(self) -> None:
        """Build what the pane needs; called once, by `prepare` or the first showing."""

    def shown(self) -> None:
        """Put the focus in the pane; called every time it is shown."""
        if (target := self.focus_target) is not None:
            target.focus()

    async def draw(self) -> None:
        """Read the pane's data from the journal and draw it; only `load` calls this."""
        raise NotImplementedError

    # -- loading ------------------------------------------------------------------

    @property
    def load_running(self) -> bool:
        return self._loader is not None and not self._loader.is_finished

    def load(self) -> None:
        """Read and draw the pane's data in its worker; a pane not on show is drawn when it is next shown."""
        if self.loaded and self.display and self.app.is_running:  # not as the app closes (`prepare`)
            self.stale = False
            self._loader = self._load()
        else:
            self.stale = True

    @work(exclusive=True, group="load")
    async def _load(self) -> None:
        await self.draw()
        self.call_after_refresh(self._run_when_drawn)

    def when_drawn(self, action: Callable[[], object]) -> None:
        """Run `action` once the pane is on show and drawn, with no load running: soon, if it is."""
        self._when_drawn.append(action)
        if self.loaded and self.display:
            self.call_after_refresh(self._run_when_drawn)

    async def _run_when_drawn(self) -> None:
        # A load begun meanwhile runs what is left once it has drawn: an action never sees a board half built.
        while self._when_drawn and self.display and not self.load_running:
            result = self._when_drawn.pop(0)()
            if isawaitable(result):
                await result

    # -- what the app's signals ask ----------------------------------------------------

    def journal_changed(self) -> None:
        """Another window or command saved something: a pane on show draws it now, the others when shown."""
        self.load()

    def date_changed(self, today: dt.date) -> None:
        super().date_changed(today)
        self.load()


async def uncancelled(awaitable: Awaitable[object]) -> None:
    """Await `awaitable` (a removal of widgets), shielded from the cancellation of the load awaiting it.

    A removal's awaitable gathers the removed widgets' own tasks, and the app awaits
    the same tasks: cancelling a load mid-removal would cancel them through the gather,
    and the app's message loop with them. Shielded, a cancelled load stops at once and
    the removal goes on to its end in the background (the newer load removes what is
    left before it draws).
    """

    async def finish() -> None:
        await awaitable

    await asyncio.shield(finish())


class WeekPane(LazyPane):
    """A lazily built pane that shows one week at a time: the week starting on `start`."""

    start: var[dt.date] = var(dt.date.min, init=False)
    """The first day of the week on show; setting it draws that week."""

    first_weekday: int

    def __init__(self, title: str, *, id: str, journal: Journal, today: dt.date) -> None:
        from journal.dates import week_start

        super().__init__(title, id=id, journal=journal, today=today)
        self.first_weekday = 0
        self.set_reactive(WeekPane.start, week_start(today))

    def build(self) -> ComposeResult:
        """The pane's widgets (a compose), mounted the first time it is shown."""
        raise NotImplementedError

    async def first_show(self) -> None:
        from journal.dates import week_start
        from journal.store.settings import first_weekday

        await self.mount_compose(self.build())
        self.first_weekday = first_weekday(self.journal)
        self.set_reactive(WeekPane.start, week_start(self.today, self.first_weekday))  # drawn as it is shown

    def watch_start(self) -> None:
        self.load()

    def _follow_first_weekday(self) -> None:
        """Read the first day of the week, which may have been set elsewhere; the week on show starts on it."""
        from journal.dates import week_start
        from journal.store.settings import first_weekday

        self.first_weekday = first_weekday(self.journal)
        # Set without a watcher: this is part of a draw already under way.
        self.set_reactive(WeekPane.start, week_start(self.start, self.first_weekday))

    def date_changed(self, today: dt.date) -> None:
        from journal.dates import week_start

        if self.loaded and self.start == week_start(self.today, self.first_weekday):
            # The current week stays the current week (the draw below shows it).
            self.set_reactive(WeekPane.start, week_start(today, self.first_weekday))
        super().date_changed(today)

    def on_arrow_pressed(self, event: Arrow.Pressed) -> None:
        event.stop()
        if event.step < 0:
            self.action_previous_week()
        else:
            self.action_next_week()

    def action_previous_week(self) -> None:
        self.start -= dt.timedelta(days=7)

    def action_next_week(self) -> None:
        if self.start + dt.timedelta(days=7) > self.today:
            self.notify("This is the latest week")
            return
        self.start += dt.timedelta(days=7)

    def action_this_week(self) -> None:
        from journal.dates import week_start

        self.start = week_start(self.today, self.first_weekday)
