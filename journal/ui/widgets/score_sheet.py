"""The day's numbers as one sheet: sleep, the five 1-5 items and pain per site.

One widget draws every row and keeps one cursor, so a morning entry is arrow
keys and digits, and the journal opens fast however many sites there are.
Each cell is checked as it is typed with the journal's own validation; a cell
that is refused turns red and its row says why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message

from journal.errors import InvalidInput
from journal.ui.widgets.text_grid import TextGrid

LABEL_WIDTH = 19
GAP = 2
TREND_AT = LABEL_WIDTH + 15  # the trend column starts after the widest row of cells (pain: any, L, R)
NUMBER_KEYS = "0123456789"


@dataclass
class Cell:
    """One value: its key in the form, how it is checked, how wide it is drawn."""

    key: str
    parse: Callable[[str], object]
    width: int = 3
    max_length: int = 2
    characters: str = NUMBER_KEYS
    choices: tuple[str, ...] = ()  # a choice cell: letters and space pick, nothing is typed

    def choose(self, current: str, character: str) -> str:
        """The choice that `character` picks: space takes the next one, a letter the next starting with it."""
        if character == " ":
            candidates = list(self.choices)
        else:
            candidates = [choice for choice in self.choices if choice.startswith(character.lower())]
        if not candidates:
            return current
        following = [choice for choice in candidates if self.choices.index(choice) > self.choices.index(current)]
        return (following or candidates)[0]


@dataclass
class Row:
    label: str
    cells: list[Cell] = field(default_factory=list)
    hint: str = ""  # what the cells take, for the line that explains the cursor's row
    scale: str = ""  # what fits, shown in red when a cell is refused (the hint when empty)
    heading: str = ""  # a row with no cells: a section head over the columns
    trend: str = ""  # the key of the trend drawn beside the cells

    @property
    def editable(self) -> bool:
        return bool(self.cells)


class SheetMessage(Message):
    """A message from a score sheet, which is its control."""

    def __init__(self, sheet: ScoreSheet) -> None:
        super().__init__()
        self.sheet = sheet

    @property
    def control(self) -> ScoreSheet:
        return self.sheet


class ScoreSheet(TextGrid, inherit_bindings=False):
    """A sheet of number cells with one cursor: arrows move, digits type, enter moves on."""

    DEFAULT_CSS = """
    ScoreSheet {
        height: auto;
        width: 1fr;
        & > .score-sheet--label { color: $text-muted; }
        & > .score-sheet--cell { background: $primary 15%; }
        & > .score-sheet--cursor { background: $primary 60%; text-style: bold underline; }
        & > .score-sheet--invalid { background: $error 45%; color: $text; }
        & > .score-sheet--hint { color: $text-muted; }
        & > .score-sheet--error { color: $text-error; }
        & > .score-sheet--heading { color: $text-secondary; text-style: bold; }
        & > .score-sheet--trend { color: $spark; }
        & > .score-sheet--pain-low { color: $pain-low; }
        & > .score-sheet--pain-mid { color: $pain-mid; }
        & > .score-sheet--pain-high { color: $pain-high; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "score-sheet--label",
        "score-sheet--cell",
        "score-sheet--cursor",
        "score-sheet--invalid",
        "score-sheet--hint",
        "score-sheet--error",
        "score-sheet--heading",
        "score-sheet--trend",
        "score-sheet--pain-low",
        "score-sheet--pain-mid",
        "score-sheet--pain-high",
    }
    # The sheet's own keys. They are taken in `on_key`, in turn with the digits, not as
    # bindings: a binding runs only once its key has bubbled up to the app, after the
    # keys behind it, so a burst of keys ("7 enter 4") would land in the wrong fields.
    KEYS: ClassVar[dict[str, tuple[str, tuple[int, ...]]]] = {
        "enter": ("next_cell", ()),
        "backspace": ("erase", ()),
        "delete": ("clear", ()),
        "up": ("move", (-1, 0)),
        "down": ("move", (1, 0)),
        "left": ("move", (0, -1)),
        "right": ("move", (0, 1)),
    }

    class CursorMoved(SheetMessage):
        """The cursor went to another row."""

        def __init__(self, sheet: ScoreSheet, row: Row) -> None:
            super().__init__(sheet)
            self.row = row

    class Changed(SheetMessage):
        """A cell's text changed (typed, erased or cleared)."""

        def __init__(self, sheet: ScoreSheet, key: str) -> None:
            super().__init__(sheet)
            self.key = key

    def __init__(self, rows: Iterable[Row], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = list(rows)
        self.cells: dict[str, Cell] = {cell.key: cell for row in self.rows for cell in row.cells}
        self.values: dict[str, str] = {}
        self.trends: dict[str, Text] = {}
        self.trend_end = ""  # the last day the trends show: the caption says how many days lead to it
        self.set_values({})
        self.cursor = (self._editable_rows()[0], 0)
        self._fresh = True  # the next key typed replaces the cell, as when a field is selected

    # -- the data ----------------------------------------------------------------

    def replace_rows(self, rows: Iterable[Row]) -> None:
        """New rows (sites changed); the texts of cells that stay are kept."""
        cursor_key = self.cursor_key
        values = self.values
        self.rows = list(rows)
        self.cells = {cell.key: cell for row in self.rows for cell in row.cells}
        self.set_values(values)
        self.cursor = (self._editable_rows()[0], 0)
        if cursor_key in self.cells:
            self.move_to(cursor_key)
        self.refresh(layout=True)

    def add_row(self, row: Row) -> None:
        self.rows.append(row)
        self.cells.update({cell.key: cell for cell in row.cells})
        self.values.update({cell.key: cell.choices[0] if cell.choices else "" for cell in row.cells})
        self.refresh(layout=True)

    def show_trends(self, trends: dict[str, Text], end: str) -> None:
        """Draw these texts in the trend column of the rows whose `trend` they are keyed by.

        A row whose trend is "caption" says how many days are shown, up to `end`.
        """
        changed = {key for key in trends.keys() | self.trends.keys() if trends.get(key) != self.trends.get(key)}
        if changed or end != self.trend_end:
            changed.add("caption")  # it counts the days of the longest trend, up to the end
        self.trends = trends
        self.trend_end = end
        self._refresh_rows(lambda row: row.trend in changed)

    def set_values(self, values: dict[str, str]) -> None:
        """Show these texts (missing keys are empty, or a choice cell's first choice), without posting Changed."""
        before = self.values
        self.values = {
            key: values.get(key, cell.choices[0] if cell.choices else "") for key, cell in self.cells.items()
        }
        self._fresh = True
        self._refresh_rows(lambda row: any(before.get(cell.key) != self.values[cell.key] for cell in row.cells))

    def _refresh_rows(self, changed: Callable[[Row], bool]) -> None:
        """Draw again the rows that `changed` picks: a day shown after another leaves about half of them as they
        were (the headings, the sites with no pain in the month), and every row drawn again costs."""
        width = self.size.width
        rows = [Region(0, y, width, 1) for y, row in enumerate(self.rows) if changed(row)]
        if rows:
            self.refresh(*rows)

    def error(self, key: str) -> str | None:
        text = self.values[key]
        if not text.strip():
            return None
        try:
            self.cells[key].parse(text)
        except InvalidInput as failure:
            return str(failure)
        return None

    def errors(self) -> list[tuple[str, str]]:
        """(key, message) for every refused cell, in sheet order."""
        return [(key, message) for key in self.values if (message := self.error(key))]

    def parsed(self, key: str) -> object | None:
        text = self.values[key]
        return self.cells[key].parse(text) if text.strip() else None

    @property
    def cursor_key(self) -> str:
        row, column = self.cursor
        return self.rows[row].cells[column].key

    def move_to(self, key: str) -> None:
        """Put the cursor on the cell `key`."""
        for row_index, row in enumerate(self.rows):
            for column, cell in enumerate(row.cells):
                if cell.key == key:
                    self._set_cursor(row_index, column)
                    return
        raise KeyError(key)

    # -- keys and mouse ----------------------------------------------------------

    def action_move(self, rows: int, columns: int) -> None:
        row, column = self.cursor
        if columns:
            column = max(0, min(len(self.rows[row].cells) - 1, column + columns))
        if rows:
            editable = self._editable_rows()
            position = editable.index(row) + rows
            if not 0 <= position < len(editable):
                return
            row = editable[position]
            column = min(column, len(self.rows[row].cells) - 1)
        self._set_cursor(row, column)

    def action_next_cell(self) -> None:
        row, column = self.cursor
        if column + 1 < len(self.rows[row].cells):
            self._set_cursor(row, column + 1)
            return
        editable = self._editable_rows()
        position = editable.index(row) + 1
        if position < len(editable):
            self._set_cursor(editable[position], 0)
        else:
            self.screen.focus_next()

    def action_erase(self) -> None:
        key = self.cursor_key
        if self.cells[key].choices:
            self.action_clear()
            return
        self._edit(key, "" if self._fresh else self.values[key][:-1])

    def action_clear(self) -> None:
        cell = self.cells[self.cursor_key]
        self._edit(cell.key, cell.choices[0] if cell.choices else "")

    def on_key(self, event: events.Key) -> None:
        if event.key in self.KEYS:
            event.stop()
            event.prevent_default()
            name, args = self.KEYS[event.key]
            getattr(self, f"action_{name}")(*args)
            return
        character = event.character
        cell = self.cells[self.cursor_key]
        if character is None or not character.isprintable():
            return
        if cell.choices:
            event.stop()
            self._edit(cell.key, cell.choose(self.values[cell.key], character))
            return
        if character not in cell.characters:
            return
        event.stop()
        event.prevent_default()
        text = character if self._fresh else self.values[cell.key] + character
        # A full cell starts again: typing 3 then 4 into a 1-5 field leaves 4.
        self._edit(cell.key, text if len(text) <= cell.max_length else character)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not 0 <= offset.y < len(self.rows):
            return
        row = self.rows[offset.y]
        for column, (start, end) in enumerate(self._cell_spans(row)):
            if start <= offset.x < end:
                self.focus()
                self._set_cursor(offset.y, column)
                return

    def on_focus(self) -> None:
        self._fresh = True
        super().on_focus()

    # -- drawing -----------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows)

    def line_text(self, y: int) -> Text:
        return self._row_text(y) if y < len(self.rows) else Text()

    def _row_text(self, y: int) -> Text:
        row = self.rows[y]
        style = self.component_style
        if not row.editable:
            return Text(row.heading, style=style("score-sheet--heading"), no_wrap=True)
        text = Text(row.label.ljust(LABEL_WIDTH)[:LABEL_WIDTH], style=style("score-sheet--label"), no_wrap=True)
        refused = False
        for column, cell in enumerate(row.cells):
            error = self.error(cell.key) is not None
            refused |= error
            cell_style = style("score-sheet--cell")
            if self.has_focus and self.cursor == (y, column):
                cell_style += style("score-sheet--cursor")
            if error:
                cell_style += style("score-sheet--invalid")
            value = self.values[cell.key]
            if len(value) > cell.width:  # a long choice (a site's name) is cut, and says so
                value = value[: cell.width - 1] + "…"
            text.append(value.ljust(cell.width), cell_style)
            text.append(" " * GAP)
        text.append(" " * (TREND_AT - text.cell_len))
        if refused:
            # The scale says what fits; saving names the field and the value in full.
            text.append(f"✗ {row.scale or row.hint}", style("score-sheet--error"))
        elif row.trend == "caption" and self.trends:
            days = max(len(trend) for trend in self.trends.values())
            room = self.size.width - TREND_AT
            shown = min(days, room) if room > 0 else days
            text.append(f"{shown} days to {self.trend_end}", style("score-sheet--hint"))
        elif row.trend in self.trends:
            trend = self.trends[row.trend]
            room = self.size.width - TREND_AT
            if 0 < room < trend.cell_len:
                trend = trend[trend.cell_len - room :]  # a narrow sheet shows the latest days
            text.append_text(trend)
        return text

    def _cell_spans(self, row: Row) -> list[tuple[int, int]]:
        spans, x = [], LABEL_WIDTH
        for cell in row.cells:
            spans.append((x, x + cell.width))
            x += cell.width + GAP
        return spans

    # -- internals ---------------------------------------------------------------

    def _editable_rows(self) -> list[int]:
        return [index for index, row in enumerate(self.rows) if row.editable]

    def _set_cursor(self, row: int, column: int) -> None:
        if row != self.cursor[0]:
            self.post_message(self.CursorMoved(self, self.rows[row]))
        self.cursor = (row, column)
        self._fresh = True
        self.refresh()
        start, end = self._cell_spans(self.rows[row])[column]
        self.scroll_into_view(start, row, end - start)

    def _edit(self, key: str, text: str) -> None:
        self._fresh = False
        if self.values[key] != text:
            self.values[key] = text
            self.refresh()
            self.post_message(self.Changed(self, key))
