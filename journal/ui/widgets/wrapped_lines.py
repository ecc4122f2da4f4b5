"""Lines of prose that wrap to the width they have, each continuation under its line's text.

A flag such as "  !! Tue: Sleep debt of 17 h ..." wraps with its next lines
starting under "Tue", so each item still reads as one, in a terminal of any width.
"""

from __future__ import annotations

import re
import textwrap

from rich.style import Style
from rich.text import Text
from textual.geometry import Size

from journal.ui.widgets.text_grid import TextLines

# What a continuation goes under: the indent, then a flag's marks or a day's name ("Thu 26  ").
HANG = re.compile(r" *(?:!!? +|[A-Z][a-z]{2} \d{1,2}  +)?")


def wrap(line: str, width: int) -> list[str]:
    """`line` in pieces of at most `width` cells, the later ones indented to its hang."""
    indent = HANG.match(line)  # the pattern matches any line, if only its empty start
    hang = min(indent.end() if indent else 0, max(0, width // 2))
    return textwrap.wrap(
        line, max(1, width), subsequent_indent=" " * hang, drop_whitespace=True, break_on_hyphens=False
    ) or [""]


class WrappedLines(TextLines):
    """Styled lines of text, wrapped with a hanging indent to the widget's width."""

    DEFAULT_CSS = """
    WrappedLines {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[tuple[str, Style | None]] = []
        self._wrapped: tuple[int, list[Text]] = (-1, [])

    def show(self, lines: list[tuple[str, Style | None]]) -> None:
        self.lines = lines
        self._wrapped = (-1, [])
        self.refresh(layout=True)

    def wrapped(self, width: int) -> list[Text]:
        if self._wrapped[0] != width:
            pieces: list[Text] = []
            for line, style in self.lines:
                # Leading spaces are kept: textwrap keeps an indent the line starts with.
                pieces.extend(Text(piece, style or "", no_wrap=True) for piece in wrap(line, width))
            self._wrapped = (width, pieces)
        return self._wrapped[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.wrapped(width))

    def line_text(self, y: int) -> Text:
        lines = self.wrapped(self.size.width)
        return lines[y].copy() if y < len(lines) else Text()
