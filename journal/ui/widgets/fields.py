"""Form fields that check what is typed with the journal's own validation."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Label, Static

from journal.errors import InvalidInput


class DomainValidator(Validator):
    """Validates with a parse function of `journal.domain.scales`: one message, one rule."""

    def __init__(self, parse: Callable[[str], object]) -> None:
        super().__init__()
        self.parse = parse

    def validate(self, value: str) -> ValidationResult:
        if not value.strip():
            return self.success()  # empty means "not logged"
        try:
            self.parse(value)
        except InvalidInput as error:
            return self.failure(str(error))
        return self.success()


class ValueInput(Input):
    """A one-line number field; empty is allowed and means "not logged"."""

    def __init__(self, parse: Callable[[str], object], *, number_type: str, id: str, placeholder: str = "") -> None:
        super().__init__(
            type=number_type,
            validators=[DomainValidator(parse)],
            valid_empty=True,
            compact=True,
            id=id,
            placeholder=placeholder,
            select_on_focus=True,
        )
        self.parse = parse

    @property
    def error(self) -> str | None:
        """Why the typed value is refused, or None when it is fine."""
        result = self.validate(self.value)
        if result is None or result.is_valid:
            return None
        return result.failure_descriptions[0]

    def parsed(self) -> object | None:
        return self.parse(self.value) if self.value.strip() else None

    async def action_submit(self) -> None:
        # Enter moves on, as in a paper form; ctrl+s saves the whole day.
        await super().action_submit()
        self.screen.focus_next()


class FieldRow(Horizontal):
    """A label, a field and a hint that turns into the error when the value is refused."""

    def __init__(self, label: str, field: ValueInput, hint: str) -> None:
        super().__init__(classes="field-row")
        self.label = label
        self.field = field
        self.hint = hint

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        yield self.field
        yield Static(self.hint, classes="field-hint")

    @on(Input.Changed)
    def show_validity(self, event: Input.Changed) -> None:
        error = self.field.error
        hint = self.query_one(".field-hint", Static)
        # The label already names the field: the hint says only what is wrong.
        hint.update(error.removeprefix(f"{self.label.lower()} ") if error else self.hint)
        hint.set_class(error is not None, "-error")
