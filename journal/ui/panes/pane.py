"""What every pane shares: the journal, the date, what it does when either changes, and its keys by name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar, Protocol, runtime_checkable

from textual.binding import Binding
from textual.signal import Signal
from textual.widget import Widget
from textual.widgets import TabPane

from journal.store.db import Journal
from journal.store.undo import History


@runtime_checkable
class JournalShell(Protocol):
    """What a pane uses of the app it is in (`journal.ui.app.OffseasonApp` is one: mypy holds it to this)."""

    today: dt.date
    history: History
    journal_changed_signal: Signal[str | None]
    date_changed_signal: Signal[dt.date]

    def check_the_date(self) -> bool: ...

    def check_outside_changes(self) -> None: ...

    def key_display(self, binding: Binding) -> str: ...


class JournalPane(TabPane):
    """A tab of the journal.

    It listens to the app's two signals itself: `journal_changed_signal` (something
    was saved, here or elsewhere) and `date_changed_signal` (midnight passed); the
    app never refreshes a pane by name. Its commands in the palette and its keys in
    the help are declared here, beside its bindings.
    """

    PALETTE: ClassVar[list[tuple[str, str]]] = []
    """The pane's commands in the palette, in their order: (title, binding id), one for each key with an id."""

    BLANK = True  # a pane draws no border or text of its own (see journal.ui.widgets.blank)

    def __init__(self, title: str, *, id: str, journal: Journal, today: dt.date) -> None:
        super().__init__(title, id=id)
        self.journal = journal
        self.today = today

    @property
    def shell(self) -> JournalShell:
        """The app this pane is in, as the panes know it."""
        app = self.app
        assert isinstance(app, JournalShell), "a journal pane lives in the journal's app"
        return app

    def on_mount(self) -> None:
        # Textual calls this as well as a subclass's own on_mount.
        self.shell.journal_changed_signal.subscribe(self, self._journal_changed_by)
        self.shell.date_changed_signal.subscribe(self, self.date_changed)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _journal_changed_by(self, pane_id: str | None) -> None:
        if pane_id != self.id:  # the pane that made the change shows it itself (see `show_change`)
            self.journal_changed()

    def _theme_changed(self, theme: object) -> None:
        # Colours drawn into the pane's text (sparklines, the review's lines) are the theme's: drawn again.
        self.journal_changed()

    @property
    def focus_target(self) -> Widget | None:
        """The widget that takes the focus as the pane is shown; None while the pane is not built, or to keep
        the focus where the pane puts it itself."""
        return None

    def journal_changed(self) -> None:
        """Something was saved, in this window or another one: show it, losing nothing typed."""

    def date_changed(self, today: dt.date) -> None:
        """Midnight passed while the journal was open."""
        self.today = today

    def when_drawn(self, action: Callable[[], object]) -> None:
        """Run `action` (a command from the palette, an undo to show) once the pane is on show and drawn."""
        raise NotImplementedError

    # A pane where undo can take a change back shows it again: `show_change(*where)`, `where` being the rest of
    # the change's place (see journal.store.undo), such as the day for the Today pane.
    show_change: Callable[..., None]

    @classmethod
    def palette_keys(cls) -> list[tuple[type[Widget], Binding]]:
        """The pane's keys that the runner can remap and find in the palette (those with an id),
        each with the class whose binding it is: the pane's own, or a widget's in it."""
        return [(cls, binding) for binding in cls.BINDINGS if isinstance(binding, Binding) and binding.id]
