"""The sessions of the day on the Today pane: a line each, and a last line to add one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from journal.domain.entries import Site
from journal.domain.sessions import Session
from journal.render.sessions import session_line

ADD = "add"  # the id of the last line, which adds a session


class SessionList(OptionList):
    """enter on a session edits it, on the last line adds one; delete removes the session under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "delete",
            "remove",
            "Remove session",
            show=False,
            tooltip="Remove the session under the cursor (undo brings it back)",
            id="today.remove_session",
        ),
    ]

    class RemoveAsked(Message):
        def __init__(self, session: Session) -> None:
            super().__init__()
            self.session = session

    def __init__(self, *, id: str, days: bool = False) -> None:
        super().__init__(id=id)
        self.days = days  # each line begins with its day (a week's sessions)
        self.sessions: list[Session] = []
        self.unit = "km"

    def show(self, sessions: list[Session], sites: list[Site], add_key: str, *, unit: str) -> None:
        """List `sessions` (their distances in `unit`), keeping the cursor on the same line where it can."""
        lines = [
            (str(session.number), f"{session.day:%a %d}  " * self.days + session_line(session, sites, unit=unit))
            for session in sessions
        ]
        lines.append((ADD, f"+ add a session ({add_key})"))
        if sessions == self.sessions and unit == self.unit and self.option_count == len(lines):
            return
        highlighted = self.highlighted
        self.sessions, self.unit = sessions, unit
        # One set, not a clear and an add: a list as long as before is not laid out again.
        self.set_options(Option(Text(label, no_wrap=True, overflow="ellipsis"), id=key) for key, label in lines)
        if highlighted is not None:
            self.highlighted = min(highlighted, self.option_count - 1)

    def highlight(self, session: Session) -> None:
        """Put the cursor on `session`, the list scrolled into view (a form below the fold scrolls to it)."""
        numbers = [each.number for each in self.sessions]
        if session.number in numbers:
            self.highlighted = numbers.index(session.number)
        self.call_after_refresh(self.scroll_visible, animate=False)

    def _on_focus(self, event: events.Focus) -> None:
        # Tabbed to, the cursor is on a line at once: enter and delete act on what it shows.
        super()._on_focus(event)
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def session_at(self, index: int | None) -> Session | None:
        return self.sessions[index] if index is not None and index < len(self.sessions) else None

    def action_remove(self) -> None:
        session = self.session_at(self.highlighted)
        if session is not None:
            self.post_message(self.RemoveAsked(session))
