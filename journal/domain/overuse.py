"""The weekly overuse check (OSTRC-O2): four questions about one body site, a severity score, a flag.

The Oslo Sports Trauma Research Center overuse questionnaire (Clarsen et al., BJSM
2013; updated as OSTRC-O2, BJSM 2020) asks, once a week for each site with a
problem, about the past 7 days: taking part in training (4 answers), cutting back
training (5), running less well (5) and pain (4). The questions below are the
journal's own words for them. Answers are numbered from 0, and 0 always means no
problem. Each answer scores 0/8/17/25 (four answers) or 0/6/13/19/25 (five), and
the sum is the week's severity, 0 to 100.

A **substantial problem** is, as the papers define it, a moderate or greater cut
in training or in performance, or not being able to take part at all: answer 2
or more to the volume or the performance question, or answer 3 (the last) to the
participation question. It raises a flag that suggests talking to a doctor or a
physiotherapist; the journal never names what the problem is.

The score is the plain sum of the answers as given (DOMAIN.md); the questionnaire
expects "could not take part at all" to go with the last answer of the volume and
performance questions, and a form may fill those in, but the journal does not
refuse other combinations.

For the command line and the app: `QUESTIONS` (each with `key`, `text`, `answers`,
`listed()` for a hint), `parse_answers` for the four typed numbers (a refusal lists
the answers), `Answers` with `score` and `substantial`, `describe` for the line
`journal overuse` prints, `overuse_flag` for the review and Trends. The store's
side is `journal.store.overuse`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from journal.dates import short_day
from journal.domain.signals import Flag
from journal.errors import InvalidInput

FOUR_SCORES = (0, 8, 17, 25)
FIVE_SCORES = (0, 6, 13, 19, 25)
SEVERITY_MAX = 100
SUBSTANTIAL_FROM = 2  # on the volume and performance questions: "moderately" and beyond


@dataclass(frozen=True)
class Question:
    """One of the four questions: its key (the command line's option), its words and its answers, 0 first."""

    key: str
    text: str
    answers: tuple[str, ...]
    scores: tuple[int, ...]

    @property
    def worst(self) -> int:
        return len(self.answers) - 1

    def listed(self) -> str:
        """'0 not at all, 1 a little, ...' for a message or a form's hint."""
        return ", ".join(f"{number} {answer}" for number, answer in enumerate(self.answers))


PARTICIPATION = Question(
    "participation",
    "In the past 7 days, could you take part in your running and training despite problems at this site?",
    (
        "fully, with no problem",
        "fully, but with a problem",
        "only in part, because of the problem",
        "not at all, because of the problem",
    ),
    FOUR_SCORES,
)
VOLUME = Question(
    "volume",
    "In the past 7 days, how much did problems at this site cut back how much you trained?",
    ("not at all", "a little", "moderately", "a lot", "could not train at all"),
    FIVE_SCORES,
)
PERFORMANCE = Question(
    "performance",
    "In the past 7 days, how much did problems at this site hold back how well you ran?",
    ("not at all", "a little", "moderately", "a lot", "could not run at all"),
    FIVE_SCORES,
)
PAIN = Question(
    "pain",
    "In the past 7 days, how much did this site hurt while you trained?",
    ("no pain", "mild pain", "moderate pain", "severe pain"),
    FOUR_SCORES,
)
QUESTIONS = (PARTICIPATION, VOLUME, PERFORMANCE, PAIN)


@dataclass(frozen=True)
class Answers:
    """One week's four answers for one site, each the answer's number (0 = no problem)."""

    participation: int
    volume: int
    performance: int
    pain: int

    def __post_init__(self) -> None:
        for question, answer in zip(QUESTIONS, self.numbers, strict=True):
            if not 0 <= answer <= question.worst:
                raise ValueError(f"{question.key} has answers 0-{question.worst}, got {answer}")

    @property
    def numbers(self) -> tuple[int, int, int, int]:
        return (self.participation, self.volume, self.performance, self.pain)

    @property
    def score(self) -> int:
        return score(*self.numbers)

    @property
    def substantial(self) -> bool:
        return substantial(*self.numbers)


def score(participation: int, volume: int, performance: int, pain: int) -> int:
    """The severity score, 0 (no problem) to 100 (the worst answer to every question).

    As the 2020 update of the questionnaire scores it, a runner who could not take part
    at all is scored at the worst answer to volume and performance too, whatever was
    answered there: not training is the greatest cut in both.
    """
    answers = (participation, volume, performance, pain)
    for question, answer in zip(QUESTIONS, answers, strict=True):
        if not 0 <= answer <= question.worst:
            raise ValueError(f"{question.key} has answers 0-{question.worst}, got {answer}")
    if participation == PARTICIPATION.worst:
        volume, performance = VOLUME.worst, PERFORMANCE.worst
    answers = (participation, volume, performance, pain)
    return sum(question.scores[answer] for question, answer in zip(QUESTIONS, answers, strict=True))


def substantial(participation: int, volume: int, performance: int, pain: int = 0) -> bool:
    """A moderate or greater cut in training or performance, or no taking part at all (pain plays no part)."""
    del pain  # asked and scored, but not part of the definition
    return participation == PARTICIPATION.worst or volume >= SUBSTANTIAL_FROM or performance >= SUBSTANTIAL_FROM


def parse_answer(question: Question | str, text: str | int) -> int:
    """An answer's number, 0 to the question's last; the refusal lists the answers."""
    if isinstance(question, str):
        question = _question(question)
    raw = str(text).strip()
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 2) or int(raw) > question.worst:
        raise InvalidInput(f"{question.key} is an answer number 0-{question.worst} ({question.listed()}), got {raw!r}")
    return int(raw)


def parse_answers(participation: str | int, volume: str | int, performance: str | int, pain: str | int) -> Answers:
    """The four answers as typed (`journal overuse --participation A --volume B --performance C --pain D`)."""
    return Answers(
        parse_answer(PARTICIPATION, participation),
        parse_answer(VOLUME, volume),
        parse_answer(PERFORMANCE, performance),
        parse_answer(PAIN, pain),
    )


def _question(key: str) -> Question:
    for question in QUESTIONS:
        if question.key == key:
            return question
    raise KeyError(key)


@dataclass(frozen=True)
class WeekAnswers:
    """A site's answers for one week (the week's first day), as the journal keeps them."""

    week: dt.date
    site: str
    side: str  # '' for the site as a whole
    answers: Answers

    @property
    def score(self) -> int:
        return self.answers.score

    @property
    def substantial(self) -> bool:
        return self.answers.substantial


def describe(answers: Answers) -> str:
    """'severity 38 of 100, a substantial problem' or '... not a substantial problem'."""
    verdict = "a substantial problem" if answers.substantial else "not a substantial problem"
    return f"severity {answers.score} of {SEVERITY_MAX}, {verdict}"


def overuse_flag(week: WeekAnswers, label: str) -> Flag | None:
    """The flag for a week with a substantial problem at a site (`label`, as 'Knee' or 'Knee (left)'), else None."""
    if not week.substantial:
        return None
    return Flag(
        "overuse",
        "amber",
        label,
        f"{label}: a substantial overuse problem in the week of {short_day(week.week)}"
        f" (severity {week.score} of {SEVERITY_MAX})",
        "A problem that cuts your training or your running is worth talking over with a doctor or physiotherapist",
        week.week,
    )
