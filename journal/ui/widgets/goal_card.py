"""A goal on the board: title, category, due date and the progress the journal computes."""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from journal.domain.goals import Goal

BAR_WIDTH = 12
ARROWS = "◀ ▶"


class GoalCard(Widget, can_focus=True):
    """One goal. The arrows in its corner move it to the column before or after."""

    DEFAULT_CSS = """
    GoalCard {
        height: auto;
        width: 1fr;
        padding: 0 1;
        margin-bottom: 1;
        background: $surface;
        border-left: outer $border-blurred;
        &:focus { background: $primary 25%; border-left: outer $primary; }
        &.status-done { border-left: outer $success; }
        & > .goal-card--title { text-style: bold; }
        & > .goal-card--meta { color: $text-muted; }
        & > .goal-card--overdue { color: $text-error; text-style: bold; }
        & > .goal-card--bar { color: $success; }
        & > .goal-card--empty { color: $panel-lighten-2; }
        & > .goal-card--arrows { color: $text-primary; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "goal-card--title",
        "goal-card--meta",
        "goal-card--overdue",
        "goal-card--bar",
        "goal-card--empty",
        "goal-card--arrows",
    }

    class MoveAsked(Message):
        def __init__(self, card: GoalCard, step: int) -> None:
            super().__init__()
            self.card = card
            self.step = step

    def __init__(self, goal: Goal, progress: float | None, today: dt.date) -> None:
        super().__init__(id=f"goal-{goal.id}", classes=f"goal-card status-{goal.status}")
        self.goal = goal
        self.progress = progress
        self.today = today

    def render(self) -> Text:
        style = self.get_component_rich_style
        goal = self.goal
        width = max(10, self.size.width)
        text = Text(no_wrap=False, overflow="fold")
        # The title wraps; its first line leaves room for the arrows.
        lines = textwrap.wrap(goal.title, width - len(ARROWS) - 1) or [""]
        text.append(lines[0].ljust(width - len(ARROWS)), style("goal-card--title"))
        text.append(ARROWS, style("goal-card--arrows"))
        for line in textwrap.wrap(" ".join(lines[1:]), width):
            text.append("\n" + line, style("goal-card--title"))
        text.append("\n")
        text.append(goal.category, style("goal-card--meta"))
        if goal.due:
            overdue = goal.overdue(self.today)
            label = f" · due {goal.due.day} {goal.due:%b}" + (" · overdue" if overdue else "")
            text.append(label, style("goal-card--overdue" if overdue else "goal-card--meta"))
        if goal.measure:
            text.append("\n")
            if self.progress is None:
                text.append("no data yet", style("goal-card--meta"))
            else:
                filled = round(self.progress * BAR_WIDTH)
                text.append("█" * filled, style("goal-card--bar"))
                text.append("█" * (BAR_WIDTH - filled), style("goal-card--empty"))
                text.append(f" {self.progress * 100:.0f}%", style("goal-card--meta"))
        return text

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and offset.y == 0:
            start = self.size.width - len(ARROWS)
            if offset.x == start:
                self.post_message(self.MoveAsked(self, -1))
            elif offset.x == start + 2:
                self.post_message(self.MoveAsked(self, 1))
