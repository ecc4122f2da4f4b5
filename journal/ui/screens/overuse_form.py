"""The weekly overuse check (OSTRC-O2) for one body site: four questions, each answered from a list."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.widget import Widget
from textual.widgets import Select

from journal.domain.overuse import QUESTIONS, Answers, WeekAnswers
from journal.errors import InvalidInput
from journal.ui.screens.form import FormScreen

# Each question in a word or two, beside its answers (the heading says "at this site, in the past 7 days").
SHORT = {"participation": "Took part", "volume": "Cut back", "performance": "Ran worse", "pain": "Pain"}


class OveruseFormScreen(FormScreen[WeekAnswers]):
    """Participation, training volume, performance and pain, in the past 7 days, at one site."""

    AUTO_FOCUS = "#overuse-participation"

    def __init__(self, heading: str, save: Callable[[Answers], WeekAnswers], answers: Answers | None = None) -> None:
        super().__init__(heading, save)
        self.answers = answers

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

    def values(self) -> tuple[Answers]:
        chosen = [self.query_one(f"#overuse-{question.key}", Select).value for question in QUESTIONS]
        missing = [
            SHORT[question.key].lower()
            for question, value in zip(QUESTIONS, chosen, strict=True)
            if value is Select.NULL
        ]
        if missing:
            raise InvalidInput(f"answer every question ({', '.join(missing)} still to answer)")
        return (Answers(*(int(str(value)) for value in chosen)),)
