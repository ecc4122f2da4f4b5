"""A goal on the board: title, category, due date and the progress the journal computes.

A card is one widget that draws its lines as text: no child widgets, and no component
classes (each of those is a node the stylesheet is applied to, on every card, at every
mount and every change of focus). Its colours are the theme's variables, resolved
against the card's own background as it is drawn, so a new theme, or the focus, colours
it afresh.
"""

from __future__ import annotations

import datetime as dt
import functools
import textwrap
from typing import TYPE_CHECKING, ClassVar, cast

from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.color import Color
from textual.geometry import Size
from textual.markup import parse_style
from textual.message import Message
from textual.visual import visualize
from textual.widget import Widget

from journal.domain.goals import Goal

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

BAR_WIDTH = 12
ARROWS = "◀ ▶"

Part = tuple[str, str]
"""A run of a card's text and its role: a key of `GoalCard.ROLES`."""


def card_lines(goal: Goal, progress: float | None, today: dt.date, width: int) -> list[list[Part]]:
    """A card's lines at `width` cells, each a list of (text, role): the title (wrapped, the arrows at the
    end of its first line), the category and due date, and the progress of a measured goal."""
    width = max(10, width)
    # The title wraps; its first line leaves room for the arrows.
    title = textwrap.wrap(goal.title, width - len(ARROWS) - 1) or [""]
    lines: list[list[Part]] = [[(title[0].ljust(width - len(ARROWS)), "title"), (ARROWS, "arrows")]]
    lines.extend([(line, "title")] for line in textwrap.wrap(" ".join(title[1:]), width))
    about: list[Part] = [(goal.category, "meta")]
    if goal.due:
        overdue = goal.overdue(today)
        label = f" · due {goal.due.day} {goal.due:%b}" + (" · overdue" if overdue else "")
        about.append((label, "overdue" if overdue else "meta"))
    lines.append(about)
    if goal.measure:
        if progress is None:
            lines.append([("no data yet", "meta")])
        else:
            filled = round(progress * BAR_WIDTH)
            lines.append(
                [
                    ("█" * filled, "bar"),
                    ("█" * (BAR_WIDTH - filled), "empty"),
                    (f" {progress * 100:.0f}%", "meta"),
                ]
            )
    return lines


@functools.lru_cache(maxsize=64)
def colour(value: str) -> Color | None:
    """A theme's colour as CSS has it, such as '#4ebf71' or 'auto 60%' (the contrasting colour, at 60%)."""
    return parse_style(value).foreground


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
    }
    """
    ROLES: ClassVar[dict[str, tuple[bool, str | None]]] = {
        "title": (True, None),
        "meta": (False, "text-muted"),
        "overdue": (True, "text-error"),
        "bar": (False, "success"),
        "empty": (False, "panel-lighten-2"),
        "arrows": (False, "text-primary"),
    }
    """How each part of a card looks: bold or not, and the theme's colour (a CSS variable), over the card."""

    class MoveAsked(Message):
        def __init__(self, card: GoalCard, step: int) -> None:
            super().__init__()
            self.card = card
            self.step = step

    def __init__(self, goal: Goal, progress: float | None, today: dt.date) -> None:
        super().__init__(classes=f"goal-card status-{goal.status}")
        self.goal = goal
        self.progress = progress
        self.today = today
        self.leaving = False  # no longer on the board where it is: soon removed
        self.removed = False  # its removal is under way
        self._lines: tuple[int, list[list[Part]]] | None = None  # the lines at a width, kept until the goal changes
        self._height: tuple[int, int] | None = None  # (width, height), likewise

    def on_mount(self) -> None:
        # Its colours are worked out from the theme's as it is drawn (see `_styles`): a new theme draws it
        # again, even one whose only change is a colour Textual's own styles of the card do not use.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())

    def show(self, goal: Goal, progress: float | None, today: dt.date) -> None:
        """Show the goal as it is now, in the same column: the card is drawn again only if what it shows has
        changed."""
        shown = self._shows()
        self.goal, self.progress, self.today = goal, progress, today
        if self._shows() != shown:
            self._lines = self._height = None
            width, height = self.size
            # Laid out again only when its height changes: a layout is of the whole screen.
            self.refresh(layout=not width or self.get_content_height(self.size, self.size, width) != height)

    def _shows(self) -> tuple[object, ...]:
        """What the card's text depends on (not the goal's place in its column, say)."""
        goal = self.goal
        return (goal.title, goal.category, goal.due, goal.overdue(self.today), bool(goal.measure), self.progress)

    def lines(self, width: int) -> list[list[Part]]:
        if self._lines is None or self._lines[0] != width:
            self._lines = (width, card_lines(self.goal, self.progress, self.today, width))
        return self._lines[1]

    def _text(self, width: int, styles: dict[str, RichStyle] | None = None) -> Text:
        text = Text(no_wrap=False, overflow="fold")
        for number, line in enumerate(self.lines(width)):
            if number:
                text.append("\n")
            for part, role in line:
                text.append(part, styles[role] if styles else None)
        return text

    def _styles(self) -> dict[str, RichStyle]:
        """Each role's style, its colour over the card's background as Textual puts a CSS colour there."""
        background = self.background_colors[1]
        base = self.rich_style
        variables = self.app.theme_variables
        styles = {}
        for role, (bold, variable) in self.ROLES.items():
            color = None if variable is None else colour(variables[variable])
            styles[role] = base + RichStyle(
                bold=bold or None, color=None if color is None else (background + color).rich_color
            )
        return styles

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Measured at the width it is laid out at (its size is not that width yet, the first time).
        if self._height is None or self._height[0] != width:
            # Measured as Textual measures a widget: by its visual, with the widget's styles as the rules.
            rules = cast("RulesMap", self.styles)
            self._height = (width, visualize(self, self._text(width)).get_height(rules, width))
        return self._height[1]

    def render(self) -> Text:
        return self._text(self.size.width, self._styles())

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and offset.y == 0:
            start = self.size.width - len(ARROWS)
            if offset.x == start:
                self.post_message(self.MoveAsked(self, -1))
            elif offset.x == start + 2:
                self.post_message(self.MoveAsked(self, 1))
