"""The shape every form dialog shares: labelled fields, an error line, Save and Cancel.

A form hands what was typed to a `save` function from the store; a refusal
(InvalidInput, or any journal error) is shown in the form, which stays open. A form
that reads its fields with `Refusals` says every field's problem at once, a line each.

A form may stay open for hours: "today" is read when it is needed (`today_now`),
never kept from when the form opened. A save looks at the clock first, as the Today
pane's does: past midnight, the app takes the new date before anything is written,
so a date word typed, or a plan decision made, is the new day's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Generic, Protocol, TypeVar, runtime_checkable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from journal import clock
from journal.errors import InvalidInput, JournalError
from journal.store.entries import ChangedHereAndElsewhere

Saved = TypeVar("Saved")
Value = TypeVar("Value")


@runtime_checkable
class Dated(Protocol):
    """The app's date, as a form asks for it (`journal.ui.app.OffseasonApp` is one)."""

    today: dt.date

    def check_the_date(self) -> bool: ...


def today_now(app: object) -> dt.date:
    """Today at this moment. The journal's app looks at the clock first: past midnight, it takes the new date
    (and tells its panes, which move on to it next, as they would have a moment later by themselves)."""
    if isinstance(app, Dated):
        app.check_the_date()
        return app.today
    return clock.today()


class Refusals:
    """What a form's fields refused, gathered as they are read so that the form says them all at once."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def read(self, parse: Callable[..., Value], *args: Any) -> Value | None:
        """`parse(*args)`, or None when it refuses (its reason is kept)."""
        try:
            return parse(*args)
        except InvalidInput as refusal:
            self.problems.append(str(refusal))
            return None

    def check(self) -> None:
        """Refuse the form, a line a problem, when any field was refused."""
        if self.problems:
            raise InvalidInput("\n".join(self.problems))


class FormScreen(ModalScreen[Saved | None], Generic[Saved]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, heading: str, save: Callable[..., Saved]) -> None:
        super().__init__()
        self.heading = heading
        self.save = save

    def fields(self) -> Iterable[tuple[str, Widget]]:
        """(label, widget) for each row of the form."""
        raise NotImplementedError

    def values(self) -> tuple[Any, ...]:
        """The arguments for `save`, read from the fields; may raise InvalidInput."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        # A form taller than the terminal scrolls, its error line and buttons docked in view at its foot.
        with VerticalScroll(classes="dialog"):
            # Headings and refusals carry the runner's own words ("Edit [/] hills"): shown as written.
            yield Label(self.heading, classes="dialog-title", markup=False)
            with Grid(classes="dialog-form"):
                for label, widget in self.fields():
                    yield Label(label)
                    yield widget
            with Vertical(classes="dialog-answers"):
                yield Static("", id="form-error", classes="error-line", markup=False)
                with Horizontal(classes="dialog-buttons"):
                    yield Button("Save", id="save", variant="primary")
                    yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def submit(self) -> None:
        # Past midnight, the app takes the new date first: the today that `values` and `save` read is the new day.
        today_now(self.app)
        try:
            saved = self.save(*self.values())
        except ChangedHereAndElsewhere as clash:
            self.changed_elsewhere(clash)
            return
        except JournalError as error:
            self.query_one("#form-error", Static).update(str(error))
            return
        self.saved(saved)
        self.dismiss(saved)

    def changed_elsewhere(self, clash: ChangedHereAndElsewhere) -> None:
        """What was saved was changed elsewhere meanwhile, where this form changes it too: nothing was saved. Said
        in the form; a form that can show both sides asks which to keep (`journal.ui.screens.merge_form`)."""
        self.query_one("#form-error", Static).update(str(clash))

    def saved(self, saved: Saved) -> None:
        """Called once `save` is done, as the form closes."""

    def today_now(self) -> dt.date:
        """Today at this moment (see `today_now`)."""
        return today_now(self.app)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    def clear_error(self) -> None:
        self.query_one("#form-error", Static).update("")

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)

    def text(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()
