"""Small modal dialogs: a question with answers, going to a date, adding a body site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Static
from textual.widgets.button import ButtonVariant

from journal.dates import parse_date
from journal.domain.entries import Site
from journal.errors import InvalidInput
from journal.ui.screens.form import FormScreen, today_now


class ChoiceScreen(ModalScreen[str]):
    """A question with a few answers, each a button and a key; escape is "cancel"."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss('cancel')", "Cancel")]

    def __init__(
        self, title: str, body: str, choices: list[tuple[str, str, ButtonVariant, str]], *, default: str | None = None
    ) -> None:
        """`choices` are (answer, button label, button variant, key); `default` has the focus (enter)."""
        super().__init__()
        self.title_text = title
        self.body = body
        self.choices = choices
        self.default = default

    def on_mount(self) -> None:
        if self.default:
            self.query_one(f"#{self.default}", Button).focus()

    def compose(self) -> ComposeResult:
        keys = " · ".join(f"{key} {label.lower()}" for _, label, _, key in self.choices)
        # The answers are docked at the foot: a long question scrolls above them in a small terminal.
        with VerticalScroll(classes="dialog choice"):
            with Vertical(classes="dialog-answers"):
                with Horizontal(classes="dialog-buttons"):
                    for answer, label, variant, _ in self.choices:
                        yield Button(label, id=answer, variant=variant)
                yield Static(keys, classes="dialog-keys")
            # The runner's own words (a goal's title, a note) are shown as written, never read as markup.
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.body, markup=False)

    def on_key(self, event: events.Key) -> None:
        for answer, _, _, key in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(answer)

    @on(Button.Pressed)
    def choose(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


def unsaved_changes(day_label: str, leaving: str) -> ChoiceScreen:
    """Asks what to do with a day's unsaved changes: 'save', 'discard' or 'cancel'."""
    return ChoiceScreen(
        f"{day_label} has unsaved changes",
        f"Save them before {leaving}?",
        [
            ("save", "Save", "primary", "s"),
            ("discard", "Discard", "error", "d"),
            ("cancel", "Keep editing", "default", "escape"),
        ],
    )


def changed_elsewhere(label: str, clashes: list[tuple[str, str, str]], thing: str = "day") -> ChoiceScreen:
    """Asks about fields changed both here and elsewhere: 'overwrite', 'reload' or 'cancel'.

    `label` names what changed ('Thu 26 Nov 2026 (today)', 'The run of Thu 26 Nov'), `thing` says what it is
    ('day', 'session'); `clashes` are (field, their value, your value), each shown so the runner chooses knowingly.
    """
    lines = "\n".join(f"{field}: theirs {theirs} · yours {yours}" for field, theirs, yours in clashes)
    return ChoiceScreen(
        f"{label} changed elsewhere",
        f"Another window or a journal command saved this {thing} after you opened it, and changed what you"
        f" changed too:\n\n{lines}\n\n“Save mine” keeps yours in these and what was saved elsewhere in"
        f" every other field; “Load theirs” shows the {thing} as saved and drops what you typed here."
        " Nothing has been saved or lost yet.",
        [
            ("reload", "Load theirs", "primary", "l"),
            ("overwrite", "Save mine", "error", "o"),
            ("cancel", "Keep editing", "default", "escape"),
        ],
    )


class GoToDateScreen(ModalScreen[dt.date | None]):
    """Asks for a date in any form the journal reads; returns it, or None. The date is read against today as it
    is when enter is pressed: a dialog opened before midnight reads "today" after it as the new day."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to a date", classes="dialog-title")
            yield Input(placeholder="yesterday, monday, 20 nov, 2026-11-20", id="date")
            yield Static("", id="date-error", classes="error-line", markup=False)

    @on(Input.Submitted)
    def go(self, event: Input.Submitted) -> None:
        try:
            day = parse_date(event.value, today=today_now(self.app))
        except InvalidInput as error:
            self.query_one("#date-error", Static).update(str(error))
            return
        self.dismiss(day)


class AddSiteScreen(FormScreen[Site]):
    """Asks for a new body site and adds it with `add(name, label, sided)`."""

    AUTO_FOCUS = "#site-name"

    def fields(self) -> Iterable[tuple[str, Widget]]:
        yield "Name", Input(placeholder="groin", id="site-name", compact=True)
        yield "Shown as", Input(placeholder="Groin (optional)", id="site-label", compact=True)
        yield "Sides", Checkbox("left and right", value=True, id="site-sided", compact=True)

    def values(self) -> tuple[str, str | None, bool]:
        return self.text("#site-name"), self.text("#site-label") or None, self.query_one("#site-sided", Checkbox).value


class TextScreen(ModalScreen[str | None]):
    """Asks for a line of text; returns it (stripped), or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, value: str = "", placeholder: str = "", *, max_length: int = 200) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            # No max_length on the field: it would drop a long paste without a word. Too long is said here.
            yield Input(self.value, placeholder=self.placeholder, id="text")
            yield Static("", id="text-error", classes="error-line", markup=False)
            yield Static("enter saves · escape cancels", classes="dialog-keys")

    @on(Input.Submitted)
    def done(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if len(text) > self.max_length:
            self.query_one("#text-error", Static).update(
                f"At most {self.max_length} characters; this is {len(text)}. Shorten it, or escape to cancel."
            )
            return
        self.dismiss(text or None)


def welcome() -> ChoiceScreen:
    """The first start on an empty journal: what to do each morning, and the demo to look around in."""
    return ChoiceScreen(
        "Welcome to Offseason",
        "Each morning, log the day here in Today: sleep, how you feel (1-5, 5 is best) and pain"
        " per body site (0-10); ctrl+s saves it. Tick what you did in Checklist (f3). In Goals (f4),"
        " s looks back on your season and proposes goals. Trends (f5) and Week (f6) show what the days"
        " add up to. f1 lists every key, ctrl+p every action.\n\n"
        "The demo is a separate journal of 12 made-up weeks to look around in; this one stays empty.",
        [("start", "Start my journal", "primary", "escape"), ("demo", "Try the demo", "default", "d")],
        default="start",
    )
