"""The ◀ ▶ beside a date or a week: plain text that runs its pane's action when clicked."""

from __future__ import annotations

from textual import events
from textual.widgets import Static, TabPane


class Arrow(Static):
    """Lighter than a button, as clickable: a click runs `action_<action>` on the pane it is in."""

    def __init__(self, label: str, action: str, *, id: str) -> None:
        super().__init__(label, id=id, classes="day-arrow")
        self.action = action

    async def on_click(self, event: events.Click) -> None:
        event.stop()
        result = getattr(self.query_ancestor(TabPane), f"action_{self.action}")()
        if result is not None:  # an async action
            await result
