"""The goal form and the season assessment, both checked before they close."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from journal.dates import parse_date
from journal.domain.entries import Site, resolve_site
from journal.domain.goals import (
    CATEGORIES,
    Assessment,
    Goal,
    Proposal,
    parse_goal_note,
    parse_looks_back_on,
    parse_measure,
)
from journal.errors import InvalidInput, JournalError
from journal.ui.screens.form import FormScreen, today_now
from journal.ui.widgets.text_area import WritingArea


class GoalFormScreen(FormScreen[Goal]):
    """Title, category, due date, note and an optional measure."""

    AUTO_FOCUS = "#goal-title"

    def __init__(self, heading: str, save: Callable[[Goal], Goal], goal: Goal | None = None) -> None:
        super().__init__(heading, save)
        self.goal = goal

    def fields(self) -> Iterable[tuple[str, Widget]]:
        goal = self.goal
        yield (
            "Title",
            Input(goal.title if goal else "", placeholder="Blood work with the doctor", id="goal-title", compact=True),
        )
        yield (
            "Category",
            Select(
                [(c, c) for c in CATEGORIES],
                value=goal.category if goal else "other",
                allow_blank=False,
                id="goal-category",
                compact=True,
            ),
        )
        yield (
            "Due",
            Input(
                goal.due.isoformat() if goal and goal.due else "",
                placeholder="20 dec (optional)",
                id="goal-due",
                compact=True,
            ),
        )
        yield "Note", WritingArea(goal.note if goal else "", id="goal-note", compact=True, placeholder="(optional)")
        yield (
            "Measure",
            Input(
                goal.measure.spec() if goal and goal.measure else "",
                placeholder="sleep:8, pain:knee:2 (optional)",
                id="goal-measure",
                compact=True,
            ),
        )

    def values(self) -> tuple[Goal]:
        due = self.text("#goal-due")
        measure = self.text("#goal-measure")
        return (
            Goal(
                self.text("#goal-title"),
                str(self.query_one("#goal-category", Select).value),
                due=parse_date(due, today=self.today_now(), allow_future=True) if due else None,
                note=self.query_one("#goal-note", TextArea).text.strip(),
                measure=parse_measure(measure) if measure else None,
            ),
        )


QUESTIONS = (
    ("faded", "Did you fade in the last miles?"),
    ("hit_wall", "Did you hit the wall?"),
    ("back_or_hips", "Did your lower back or hips bother you?"),
    ("cramping", "Was your cramping getting worse?"),
)


class AssessmentScreen(ModalScreen[list[Goal] | None]):
    """Look back on a race or season, then keep, edit or drop each proposed goal."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    AUTO_FOCUS = "#looks-back-on"

    def __init__(
        self,
        sites: list[Site],
        propose: Callable[[Assessment], list[Proposal]],
        save: Callable[[Assessment, list[Proposal]], list[Goal]],
    ) -> None:
        """The assessment is dated, its goals proposed and saved, on today as it is when each is done."""
        super().__init__()
        self.propose = propose  # the proposals for this journal: none already on the board or already met
        self.sites = sites
        self.save = save
        self.assessment: Assessment | None = None
        self.proposals: list[Proposal] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog assessment", id="assessment"):
            yield Label("Look back on your race or season", classes="dialog-title")
            with Grid(classes="dialog-form"):
                yield Label("Race")
                yield Input(placeholder="Valencia marathon, or the 2026 season", id="looks-back-on", compact=True)
            for name, question in QUESTIONS[:1]:
                yield Checkbox(question, id=name, compact=True)
            yield Label("Constant pain in feet, shins or knees? Where:")
            yield Input(placeholder="knee, shin", id="pain-sites", compact=True)
            for name, question in QUESTIONS[1:]:
                yield Checkbox(question, id=name, compact=True)
            yield Input(placeholder="a note on the race (optional)", id="assessment-note", compact=True)
            yield Static("", id="assessment-error", classes="error-line", markup=False)
            with Horizontal(classes="dialog-buttons dialog-answers"):  # docked: in view however long the form
                yield Button("Propose goals", id="propose", variant="primary")
                yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#propose")
    async def show_proposals(self) -> None:
        text = self.query_one("#pain-sites", Input).value
        try:
            named = (resolve_site(name, self.sites).name for name in text.split(",") if name.strip())
            sites = tuple(dict.fromkeys(named))
            looks_back_on = parse_looks_back_on(self.query_one("#looks-back-on", Input).value)
            note = parse_goal_note(self.query_one("#assessment-note", Input).value, "the note")
        except InvalidInput as error:
            self._refuse(error)
            return
        answers = {name: self.query_one(f"#{name}", Checkbox).value for name, _ in QUESTIONS}
        self.assessment = Assessment(today_now(self.app), looks_back_on, pain_sites=sites, note=note, **answers)
        self.proposals = self.propose(self.assessment)
        body = self.query_one("#assessment")
        await body.remove_children()
        await body.mount(Label("Proposed goals: untick or edit", classes="dialog-title"))
        for index, proposal in enumerate(self.proposals):
            await body.mount(
                Checkbox(Content(f"keep ({proposal.why})"), value=proposal.keep, id=f"keep-{index}", compact=True)
            )
            await body.mount(Input(proposal.goal.title, id=f"title-{index}", compact=True))
        await body.mount(Static("", id="assessment-error", classes="error-line", markup=False))
        await body.mount(
            Horizontal(
                Button("Add to the board", id="accept", variant="primary"),
                Button("Cancel", id="cancel"),
                classes="dialog-buttons dialog-answers",
            )
        )
        self.query_one("#keep-0", Checkbox).focus()

    @on(Button.Pressed, "#accept")
    def accept(self) -> None:
        from dataclasses import replace

        if self.assessment is None:  # the proposals are not drawn yet: nothing to accept
            return

        kept = []
        for index, proposal in enumerate(self.proposals):
            if self.query_one(f"#keep-{index}", Checkbox).value:
                title = self.query_one(f"#title-{index}", Input).value
                kept.append(Proposal(replace(proposal.goal, title=title), proposal.why, True, proposal.needs_items))
        today_now(self.app)  # past midnight, the app moves on first: the goals are added on the new day
        try:
            goals = self.save(self.assessment, kept)
        except JournalError as error:
            self._refuse(error)
            return
        self.dismiss(goals)

    def _refuse(self, error: JournalError) -> None:
        """Say why in the form's error line, scrolled into view: a long list of proposals can hide it."""
        line = self.query_one("#assessment-error", Static)
        line.update(str(error))
        line.scroll_visible()

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
