"""The help screen: every key of the app, read from the live bindings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

# Keys that belong to the form widgets rather than to a binding of ours.
FORM_KEYS = (
    ("arrows", "Move between the fields of the day"),
    ("digits", "Type a value: the first key replaces what was there"),
    ("enter", "Next field"),
    ("backspace / delete", "Erase a character / clear the field"),
    ("space or a letter", "Day type: n normal, r rest or race, i injured, s sick"),
    ("tab / shift+tab", "Next / previous part: the day, the note, the recent days"),
    ("click", "Pick a field, a recent day, or the arrows beside the date"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss(None)", "Close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]]) -> None:
        """`sections`: (title, [(key, what it does, binding id)]), the current pane's first."""
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Label("Keys", classes="dialog-title")
            yield Static("Escape closes this screen; the arrows scroll it. The names in brackets are the ids"
                         " to change a key with (see the README: Keys of your own).", classes="help-footnote")
            form = [(key, description, "") for key, description in FORM_KEYS]
            for title, keys in [*self.sections, ("In the form", form)]:
                yield Label(title, classes="help-section")
                for key, description, binding_id in keys:
                    yield Static(Text.assemble((f"{key:<18}", "bold"), " ", description,
                                               (f"  [{binding_id}]" if binding_id else "", "dim")))
