"""The day's note: shown as text until the runner goes to it, then edited in a text area.

The editor (Textual's TextArea) is built the first time it is needed, so the
journal opens without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.message import Message
from textual.widgets import Static

if TYPE_CHECKING:
    from journal.ui.widgets.text_area import WritingArea

PLACEHOLDER = "A note for the day: tab here or click to write"


class NotePreview(Static, can_focus=True):
    """The note as text; focusing it (tab or a click) asks for the editor."""

    DEFAULT_CSS = """
    NotePreview {
        height: auto;
        min-height: 1;
        padding: 0 1;
        background: $primary 15%;
        &.-empty { color: $text-muted; }
        &:focus { background: $primary 35%; }
    }
    """

    class EditAsked(Message):
        pass

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("markup", False)  # the runner's words, shown as written: "[/]" is not markup
        super().__init__(*args, **kwargs)

    def show(self, text: str) -> None:
        shown = text or PLACEHOLDER
        if shown != self.content:  # the same words take the same lines: nothing below moves
            self.update(shown, layout=False)
            # Laid out again only when the words take another number of lines: then the form below moves.
            size = self.content_size
            if not size.width or self.get_content_height(size, size, size.width) != size.height:
                self.refresh(layout=True)
        self.set_class(not text, "-empty")

    def on_focus(self) -> None:
        self.post_message(self.EditAsked())

    def on_click(self, event: events.Click) -> None:
        self.post_message(self.EditAsked())


def note_editor(text: str) -> WritingArea:
    """The note's editor (imports TextArea on first use): the cursor starts after what is written."""
    from journal.ui.widgets.text_area import WritingArea

    class NoteArea(WritingArea):
        def _on_focus(self, event: events.Focus) -> None:
            super()._on_focus(event)
            self.move_cursor(self.document.end)

    return NoteArea(text, id="note", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
