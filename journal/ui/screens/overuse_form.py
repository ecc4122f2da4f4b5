"""The weekly overuse check (OSTRC-O2) for one body site: four questions, each answered from a list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from textual.widget import Widget
from textual.widgets import Select

from journal.domain.overuse import QUESTIONS, Answers, WeekAnswers
from journal.errors import InvalidInput
from journal.store.db import Journal
from journal.store.entries import ChangedHereAndElsewhere
from journal.store.undo import History
from journal.ui.screens.merge_form import MergeFormScreen

# Each question in a word or two, beside its answers (the heading says "at this site, in the past 7 days").
SHORT = {"participation": "Took part", "volume": "Cut back", "performance": "Ran worse", "pain": "Pain"}

# What the form's Save does (`save_overuse`): the answers chosen, today as it is at the save, and the site's answers
# as the form last saw them stored (None: none).
SaveAnswers = Callable[[Answers, dt.date, Answers | None], WeekAnswers]


class OveruseFormScreen(MergeFormScreen[WeekAnswers]):
    """Participation, training volume, performance and pain, in the past 7 days, at one site.

    Answers saved elsewhere for the site and week while the form is open (another window, `journal overuse`) are
    not replaced unseen: the form shows theirs beside the runner's and asks which to keep."""

    AUTO_FOCUS = "#overuse-participation"
    THING = "overuse check"

    def __init__(self, heading: str, save: SaveAnswers, answers: Answers | None = None, *, label: str = "") -> None:
        """`label` names the check in a question: 'The left knee check (week of 23 Nov)'."""
        super().__init__(heading, save)
        self.load(answers)
        self._label = label or "The overuse check"

    def load(self, stored: Answers | None) -> None:
        self.answers = self.since = stored

    @property
    def label(self) -> str:
        return self._label

    def fields(self) -> Iterable[tuple[str, Widget]]:
        # Each question starts unanswered (a new week's form): a save without an answer is refused, never
        # taken for "no problem".
        answers = self.answers.numbers if self.answers else [Select.NULL] * len(QUESTIONS)
        for question, answer in zip(QUESTIONS, answers, strict=True):
            yield (
                SHORT[question.key],
                Select(
                    [(f"{number} {words}", number) for number, words in enumerate(question.answers)],
                    value=answer,
                    prompt="choose an answer",
                    id=f"overuse-{question.key}",
                    compact=True,
                ),
            )

    def chosen(self) -> list[object]:
        return [self.query_one(f"#overuse-{question.key}", Select).value for question in QUESTIONS]

    def values(self) -> tuple[Answers, dt.date, Answers | None]:
        chosen = self.chosen()
        missing = [
            SHORT[question.key].lower()
            for question, value in zip(QUESTIONS, chosen, strict=True)
            if value is Select.NULL
        ]
        if missing:
            raise InvalidInput(f"answer every question ({', '.join(missing)} still to answer)")
        return Answers(*(int(str(value)) for value in chosen)), self.today_now(), self.since

    def clash_rows(self, clash: ChangedHereAndElsewhere) -> list[tuple[str, str, str]]:
        theirs: Answers | None = clash.stored
        mine = dict(zip((question.key for question in QUESTIONS), self.chosen(), strict=True))
        rows = []
        for index, question in enumerate(QUESTIONS):
            if question.key in clash.clashes:
                their = theirs.numbers[index] if theirs else None
                rows.append(
                    (
                        SHORT[question.key],
                        _answer(question.answers, their),
                        _answer(question.answers, mine[question.key]),
                    )
                )
        return rows


def _answer(answers: tuple[str, ...], number: object) -> str:
    """'2 moderately', or 'nothing' for a question not answered."""
    if not isinstance(number, int):
        return "nothing"
    return f"{number} {answers[number]}"


def save_overuse(history: History, journal: Journal, week: dt.date, site: str, side: str) -> SaveAnswers:
    """What the form's Save does: store the site's answers for the week starting `week`, undoably, unless answers
    saved for it elsewhere since the form last saw them differ (ChangedHereAndElsewhere)."""
    from journal.domain.plan import where
    from journal.store.overuse import save_answers, week_scopes

    def save(answers: Answers, today: dt.date, since: Answers | None) -> WeekAnswers:
        return history.record(
            f"answered the overuse check for the {where(site, side)}",
            ("training", week),
            week_scopes(week),
            lambda: save_answers(journal, week, site, side, answers, today=today, since=since, checked=True),
        )

    return save
