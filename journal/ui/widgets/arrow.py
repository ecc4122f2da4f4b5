"""The ◀ ▶ beside a date or a week: plain text that asks for the day or week before or after when clicked."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Static


class Arrow(Static):
    """Lighter than a button, as clickable: a click posts `Arrow.Pressed`, which its pane answers."""

    DEFAULT_CSS = """
    Arrow {
        width: 3;
        text-align: center;
        color: $text-primary;
        &:hover { background: $primary 30%; }
        &.-disabled { color: $text-disabled; }
    }
    """

    @dataclass
    class Pressed(Message):
        """The runner clicked the arrow: `step` is -1 for the one before, 1 for the one after."""

        arrow: Arrow
        step: int

        @property
        def control(self) -> Arrow:
            return self.arrow

    def __init__(self, label: str, step: int, *, id: str) -> None:
        super().__init__(label, id=id)
        self.step = step

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Pressed(self, self.step))
