"""The help screen: every key of the app, read from the live bindings."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,q", "dismiss(None)", "Close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]]) -> None:
        """`sections`: (title, [(key, what it does, binding id)]), in the order shown."""
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Label("Keys", classes="dialog-title")
            yield Static(
                "Escape closes this screen; the arrows scroll it. The names in brackets are the ids"
                " to change a key with (see the README: Keys of your own).",
                classes="help-footnote",
            )
            for title, keys in self.sections:
                yield Label(title, classes="help-section")
                for key, description, binding_id in keys:
                    yield Static(
                        Text.assemble(
                            (f"{key:<18}", "bold"), " ", description, (f"  [{binding_id}]" if binding_id else "", "dim")
                        )
                    )
