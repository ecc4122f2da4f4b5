"""The form for adding or editing a checklist item, checked before it closes."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from journal.domain.checklist import ITEM_KINDS, ChecklistItem
from journal.errors import JournalError

# (title, kind, target, description) -> the stored item; raises InvalidInput to refuse.
SaveItem = Callable[[str, str, str, str], ChecklistItem]


class ItemFormScreen(ModalScreen[ChecklistItem | None]):
    """Title, kind, target per week and a description; a refusal is shown and the form stays."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, heading: str, save: SaveItem, item: ChecklistItem | None = None) -> None:
        super().__init__()
        self.heading = heading
        self.save = save
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="dialog-title")
            with Grid(classes="dialog-form"):
                yield Label("Title")
                yield Input(item.title if item else "", placeholder="Hill sprints", id="item-title", compact=True)
                yield Label("Kind")
                yield Select([(kind, kind) for kind in ITEM_KINDS], value=item.kind if item else "other",
                             allow_blank=False, id="item-kind", compact=True)
                yield Label("Per week")
                yield Input(str(item.target) if item else "1", type="integer", placeholder="1-7", id="item-target",
                            compact=True)
                yield Label("About")
                yield Input(item.description if item else "", placeholder="8 x 10 s uphill, walk back",
                            id="item-description", compact=True)
            yield Static("", id="item-error", classes="error-line")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def submit(self) -> None:
        values = (
            self.query_one("#item-title", Input).value,
            str(self.query_one("#item-kind", Select).value),
            self.query_one("#item-target", Input).value,
            self.query_one("#item-description", Input).value,
        )
        try:
            saved = self.save(*values)
        except JournalError as error:
            self.query_one("#item-error", Static).update(str(error))
            return
        self.dismiss(saved)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Changed)
    @on(Select.Changed)
    def clear_error(self) -> None:
        self.query_one("#item-error", Static).update("")
