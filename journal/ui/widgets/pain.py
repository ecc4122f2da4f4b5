"""The pain rows of the daily form: one per body site, with left and right where it matters."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from journal.domain.entries import PainKey, Site
from journal.domain.scales import parse_pain_score
from journal.ui.widgets.fields import ValueInput

SIDE_COLUMNS = ("", "left", "right")


class PainRow(Horizontal):
    """A site's readings, 0-10: one field with no side, then left and right."""

    def __init__(self, site: Site) -> None:
        super().__init__(classes="pain-row")
        self.site = site
        sides = SIDE_COLUMNS if site.sided else ("",)
        self.fields: dict[PainKey, ValueInput] = {
            (site.name, side): ValueInput(
                lambda text, where=f"{site.label} {side}".strip(): parse_pain_score(text, where=f"pain at {where}"),
                number_type="integer",
                id=f"pain-{site.name}-{side or 'any'}",
            )
            for side in sides
        }

    def compose(self) -> ComposeResult:
        yield Label(self.site.label, classes="field-label")
        for (_, side), field in self.fields.items():
            if side:
                yield Label(side[0].upper(), classes="side-label")
            yield field
        yield Static("", classes="field-hint")

    @on(Input.Changed)
    def show_validity(self) -> None:
        errors = [field.error for field in self.fields.values() if field.error]
        hint = self.query_one(".field-hint", Static)
        hint.update(errors[0] if errors else "")
        hint.set_class(bool(errors), "-error")


class PainHeader(Horizontal):
    """The column heads above the pain rows."""

    def compose(self) -> ComposeResult:
        yield Label("Pain 0-10", classes="field-label section-label")
        yield Static("0 none … 10 worst · no side, L, R", classes="field-hint")
