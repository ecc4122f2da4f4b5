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
    ("tab / shift+tab", "Next / previous field"),
    ("enter", "Next field (in a number field)"),
    ("up / down", "Choose the day type; move in the recent days"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss(None)", "Close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Label("Keys", classes="dialog-title")
            for title, keys in [*self.sections, ("In the form", list(FORM_KEYS))]:
                yield Label(title, classes="help-section")
                for key, description in keys:
                    yield Static(Text.assemble((f"{key:<18}", "bold"), " ", description))
            yield Static("Escape closes this screen.", classes="help-footnote")
