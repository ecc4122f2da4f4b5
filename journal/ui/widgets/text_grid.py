"""What the score sheet, the week grid and the trend table share: lines drawn from rich Text; a cursor and
arrow keys."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


class TextLines(Widget):
    """A widget that draws each of its lines from the rich Text that `line_text` gives."""

    _line_style = Style()  # the widget's own colours, read once for all the lines drawn together
    _line_width = 0  # and its width

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rich_component_styles: dict[str, Style] = {}  # see `component_style`
        self._styles_seen = 0

    def component_style(self, name: str) -> Style:
        """The rich style of the component class `name`, worked out once until the widget's styles change.

        Textual's own `get_component_rich_style` works it out again after every refresh (the theme's colour
        blended over the backgrounds around), and these widgets refresh for every key typed and every day or
        week shown, with half a dozen styles a line.
        """
        style = self._rich_component_styles.get(name)
        if style is None:
            style = self._rich_component_styles[name] = self.get_component_rich_style(name)
        return style

    @property
    def styles_seen(self) -> int:
        """How many times the widget's styles have changed: what was drawn in its colours is kept with this."""
        return self._styles_seen

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rich_component_styles.clear()  # a theme changed, a class came or went
        self._styles_seen += 1

    def line_text(self, y: int) -> Text:
        raise NotImplementedError

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's style and width are worked out from all its ancestors: once for the lines drawn, not
        # once a line.
        self._line_style = self.rich_style
        self._line_width = self.size.width
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        text = self.line_text(y)
        width = self._line_width
        text.truncate(width, overflow="ellipsis")
        segments = list(text.render(self.app.console))
        # Unstyled text takes the widget's own colours, as every other line does.
        strip = Strip(segments, text.cell_len).apply_style(self._line_style)
        return strip.extend_cell_length(width, self._line_style)


class TextGrid(TextLines, can_focus=True):
    """A focusable widget of text lines that moves a cursor with the arrows.

    Subclasses draw their lines and implement `action_move(rows, columns)`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1, 0)", "Up", show=False),
        Binding("down", "move(1, 0)", "Down", show=False),
        Binding("left", "move(0, -1)", "Left", show=False),
        Binding("right", "move(0, 1)", "Right", show=False),
    ]

    def action_move(self, rows: int, columns: int) -> None:
        raise NotImplementedError

    def scroll_into_view(self, x: int, y: int, width: int) -> None:
        """Scroll the container so that this stretch of a line is visible."""
        if isinstance(self.parent, Widget):
            region = Region(x, y, width, 1).translate(self.virtual_region.offset)
            self.parent.scroll_to_region(region, animate=False)

    def on_focus(self) -> None:
        self.refresh()  # the cursor shows only while focused

    def on_blur(self) -> None:
        self.refresh()
