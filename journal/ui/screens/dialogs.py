"""Small modal dialogs: unsaved changes, going to a date, adding a body site."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

from journal.dates import EXAMPLES, parse_date
from journal.domain.scales import parse_site_name
from journal.errors import InvalidInput


class UnsavedChangesScreen(ModalScreen[str]):
    """Asks what to do with a day's unsaved changes: 'save', 'discard' or 'cancel'."""

    BINDINGS = [
        Binding("escape", "dismiss('cancel')", "Keep editing"),
        Binding("s", "dismiss('save')", "Save", show=False),
        Binding("d", "dismiss('discard')", "Discard", show=False),
    ]

    def __init__(self, day_label: str) -> None:
        super().__init__()
        self.day_label = day_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"{self.day_label} has unsaved changes.", classes="dialog-title")
            yield Static("Save them before you leave this day?  (s save · d discard · esc keep editing)")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Discard", id="discard", variant="error")
                yield Button("Keep editing", id="cancel")

    @on(Button.Pressed)
    def choose(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


class GoToDateScreen(ModalScreen[dt.date | None]):
    """Asks for a date in any form the journal reads; returns it, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, today: dt.date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to a date", classes="dialog-title")
            yield Input(placeholder=EXAMPLES, id="date")
            yield Static("", id="date-error", classes="error-line")

    @on(Input.Submitted)
    def go(self, event: Input.Submitted) -> None:
        try:
            day = parse_date(event.value, today=self.today)
        except InvalidInput as error:
            self.query_one("#date-error", Static).update(str(error))
            return
        self.dismiss(day)


class AddSiteScreen(ModalScreen[tuple[str, str, bool] | None]):
    """Asks for a new body site: returns (name, label, sided), or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Add a body site", classes="dialog-title")
            with Grid(classes="dialog-form"):
                yield Label("Name")
                yield Input(placeholder="groin", id="site-name")
                yield Label("Shown as")
                yield Input(placeholder="Groin (optional)", id="site-label")
            yield Checkbox("Has a left and a right side", value=True, id="site-sided")
            yield Static("", id="site-error", classes="error-line")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", id="add", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#add")
    def add(self) -> None:
        name = self.query_one("#site-name", Input).value
        label = self.query_one("#site-label", Input).value.strip()
        try:
            name = parse_site_name(name)
        except InvalidInput as error:
            self.query_one("#site-error", Static).update(str(error))
            self.query_one("#site-name", Input).focus()
            return
        sided = self.query_one("#site-sided", Checkbox).value
        self.dismiss((name, label, sided))

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
