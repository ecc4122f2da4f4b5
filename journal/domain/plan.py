"""Return to running after pain: a ladder of stages, and the pain-monitoring model's judgement of each session.

Silbernagel et al. (AJSM 2007) let runners train through pain kept inside limits;
DOMAIN.md turns those limits into a ladder. After each plan session the journal
judges, from three numbers at the plan's site, whether to move on, repeat or go
back one stage, and says why in plain words with the numbers. It never diagnoses.

The rules, as `judge` applies them:

- **Back one stage** (never below stage 1) when the pain during the session was
  above 5, or the next morning was meaningfully worse than the morning before.
  "Meaningfully worse" is the journal's one meaning of a meaningful change
  (`journal.domain.signals.is_meaningful`, Farrar et al. 2001): a rise of 2 points
  **or** of 30% of the morning before. So from a morning of 1 to 3 a single point
  already counts (it is 30% or more), from 4 up it takes 2 points, and from a
  morning of 0 it takes 2 points (30% of nothing is no rise at all). "Or" is
  the cautious reading: stepping back too readily costs a few days, stepping on
  too readily can cost weeks.
- **Next stage** when every limit was kept: pain during at most 5, the next
  morning no higher than the morning before and not above 5, and morning pain
  not rising from one week to the next (below), and the session as long as
  the stage's running at least (below). Passing the top stage completes the
  plan, and the decision says so.
- **Repeat** anything else: the next morning a little higher (not meaningfully),
  the next morning above 5, the week's rise, or a session short of the stage.
- **A session short of the stage.** A session whose minutes (the whole session,
  walking included) are fewer than the stage's running minutes did not do the
  stage: it is repeated at best, whatever the pain ("the session was 12 min,
  short of the stage's 20 min of running"); the back rules apply as ever. As many
  minutes as the stage's running is enough: the journal does not know how many
  of them were walked.
- **The week's rise.** "Pain must not rise from one week to the next" is read on
  the morning pain at the site: the mean of the 7 mornings ending with the next
  morning against the mean of the 7 before (each from at least 3 logged mornings,
  as the journal's other weekly means). Any rise turns a "next" into a "repeat";
  it never sends the runner back on its own.
- **Missing numbers.** A day's pain is the morning's pain. A logged day with no
  reading at the plan's site counts as 0 there (the runner logged the day and
  named no pain at that site); a day that is not logged at all has no reading.
  Likewise a plan session with no pain during at the site counts as 0, so a form
  that logs a plan session should ask for the pain at the plan's site. With no next morning yet, there is no
  decision: it waits (`Waiting`). With no morning before, no rise can be ruled
  out, so the session can at best be repeated (a back rule still applies).
- **Site and side.** A plan for one side reads that side's readings and the
  site's readings without a side; a plan without a side reads the worst side.

For the command line and the app (the store's side is `journal.store.plans`):
`DEFAULT_LADDER` of `Stage(description, run_minutes)`; `parse_stage_text` reads
`DESCRIPTION[=MINUTES]` and `parse_stage_number` a stage; a `Plan` says `label`
("stage 3 of 10"), `where` ("left knee"), `current`, `running`; `judge` gives a
`Decision` (outcome, from and to stage, reason, `completes`) or `Waiting`;
`todays_session` what the plan asks of a day (run, rest, done, complete,
stopped); a `PlanView` holds all `journal plan` shows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from journal.dates import short_day
from journal.domain.entries import DayEntry
from journal.domain.scales import SHORT_TEXT_MAX, parse_text
from journal.domain.sessions import Session
from journal.domain.signals import PAIN_LIMIT, WEEK, is_meaningful, weekly_means
from journal.errors import InvalidInput

NEXT, REPEAT, BACK = "next", "repeat", "back"
OUTCOMES = (NEXT, REPEAT, BACK)
DURING_LIMIT = PAIN_LIMIT  # pain during a session may reach 5 of 10
MORNING_LIMIT = PAIN_LIMIT  # and so may the next morning's
STAGES_MAX = 30
RUN_MINUTES_MAX = 300
DAY = dt.timedelta(days=1)
WEEKS_READ = 2  # the week's rise compares the 7 mornings ending with the next one to the 7 before


@dataclass(frozen=True)
class Stage:
    """One rung of the ladder: what to do, and how many of its minutes are running."""

    description: str
    run_minutes: int


# From short runs broken by walks to 30 minutes without a break, each stage on alternate days.
DEFAULT_LADDER = (
    Stage("10 x 1 min run / 1 min walk", 10),
    Stage("8 x 2 min run / 1 min walk", 16),
    Stage("6 x 3 min run / 1 min walk", 18),
    Stage("5 x 4 min run / 1 min walk", 20),
    Stage("4 x 5 min run / 1 min walk", 20),
    Stage("3 x 8 min run / 1 min walk", 24),
    Stage("2 x 12 min run / 1 min walk", 24),
    Stage("20 min continuous", 20),
    Stage("25 min continuous", 25),
    Stage("30 min continuous", 30),
)


@dataclass(frozen=True)
class Plan:
    """A return-to-run plan for one painful site (and side, '' for none), at one stage of its ladder."""

    site: str
    side: str
    stages: tuple[Stage, ...]
    stage: int  # the current stage, 1 to len(stages)
    started: dt.date
    stopped: dt.date | None = None  # the runner ended it
    completed: dt.date | None = None  # the top stage was passed: the morning that said so
    id: int | None = None

    @property
    def number(self) -> int:
        if self.id is None:
            raise ValueError("the plan has no number: it is not in a journal")
        return self.id

    @property
    def top(self) -> int:
        return len(self.stages)

    @property
    def running(self) -> bool:
        return self.stopped is None and self.completed is None

    @property
    def current(self) -> Stage:
        return self.stages[self.stage - 1]

    @property
    def label(self) -> str:
        """'stage 3 of 10'."""
        return f"stage {self.stage} of {self.top}"

    @property
    def where(self) -> str:
        """The site in a sentence: 'knee', 'left knee'."""
        return where(self.site, self.side)


def where(site: str, side: str) -> str:
    """A site and side as words: 'knee', 'left knee', 'lower back'."""
    name = site.replace("-", " ")
    return f"{side} {name}" if side else name


# -- the pain a plan session is judged on ------------------------------------------


@dataclass(frozen=True)
class PlanPain:
    """The numbers at the plan's site that judge one plan session (see the module's text for missing ones)."""

    during: int  # the worst pain during the session
    before: int | None  # the morning of the session's day; None: the day is not logged
    after: int | None  # the next morning; None: not logged yet
    week: float | None = None  # mean morning pain over the 7 mornings ending with the next one
    week_before: float | None = None  # ... and over the 7 before those

    @property
    def week_rose(self) -> bool:
        return self.week is not None and self.week_before is not None and self.week > self.week_before


def worst_at(readings: Iterable[tuple[str, str, int]], site: str, side: str) -> int | None:
    """The worst of (site, side, score) readings at the plan's site: its side and the site's sideless reading."""
    scores = [score for name, at, score in readings if name == site and (not side or at in (side, ""))]
    return max(scores, default=None)


def morning_pain(entry: DayEntry | None, site: str, side: str) -> int | None:
    """The day's pain at the site; 0 on a logged day without a reading there; None on a day not logged."""
    if entry is None:
        return None
    found = worst_at(((name, at, score) for (name, at), score in entry.pain.items()), site, side)
    return 0 if found is None else found


def pain_during(session: Session, site: str, side: str) -> int:
    """The worst pain during the session at the site; 0 when it logged none there."""
    return worst_at(session.pain, site, side) or 0


def mornings_needed(day: dt.date) -> tuple[dt.date, dt.date]:
    """The days of entries that judging a plan session on `day` reads, first and last."""
    return day + DAY - (WEEKS_READ * WEEK - 1) * DAY, day + DAY


def plan_pain(session: Session, entries: Mapping[dt.date, DayEntry], site: str, side: str) -> PlanPain:
    """What judges `session`: `entries` must hold the 14 days up to the morning after it (`mornings_needed`)."""
    after_day = session.day + DAY
    days = [after_day - offset * DAY for offset in range(WEEKS_READ * WEEK)]
    mornings = {day: score for day in days if (score := morning_pain(entries.get(day), site, side)) is not None}
    _, week_before, week = weekly_means(mornings, after_day)
    return PlanPain(
        during=pain_during(session, site, side),
        before=mornings.get(session.day),
        after=mornings.get(after_day),
        week=week,
        week_before=week_before,
    )


# -- the judgement --------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """What one plan session decided: next, repeat or back, the stages from and to, and why."""

    outcome: str  # next, repeat or back
    from_stage: int
    to_stage: int
    top: int
    reason: str  # plain words with the numbers; never a diagnosis
    pain: PlanPain
    completes: bool = False  # a "next" from the top stage: the plan is done
    day: dt.date | None = None  # the session's day; the next morning's pain decided it
    session_id: int | None = None
    decided_on: dt.date | None = None  # the day the journal made it: the week it shows in


@dataclass(frozen=True)
class Waiting:
    """A plan session that cannot be judged yet: the next morning's pain is not logged."""

    reason: str
    day: dt.date | None = None
    session_id: int | None = None


def judge(
    stage: int,
    top: int,
    pain: PlanPain,
    site: str = "the site",
    *,
    minutes: int | None = None,
    run_minutes: int | None = None,
) -> Decision | Waiting:
    """Judge one plan session at `stage` of `top` by the pain-monitoring model (the module's text has the rules).

    `minutes` are the session's (walking included) and `run_minutes` the running the stage asks: a session
    shorter than that did not do the stage, so it can at best be repeated. Without either, the length is not judged.
    """
    if not 1 <= stage <= top:
        raise ValueError(f"stage {stage} is not on a ladder of {top}")
    if pain.after is None:
        return Waiting(f"waiting for the next morning's pain at the {site}: log it to decide the next stage")
    too_much = _back_reasons(pain, site)
    if too_much:
        to_stage = max(1, stage - 1)
        move = f"back to stage {to_stage} of {top}" if to_stage < stage else f"stay at stage 1 of {top}, the first"
        return Decision(BACK, stage, to_stage, top, f"{_sentence(too_much)}: {move}", pain)
    short = _short_of_stage(minutes, run_minutes)
    breaches = _limits_breached(pain, site)
    kept = f"All limits kept at the {site} (pain during {pain.during}, next morning {pain.after} after {pain.before})"
    if breaches or short:
        said = _sentence([*short, *breaches]) if breaches else f"{kept}, but {short[0]}"
        return Decision(REPEAT, stage, stage, top, f"{said}: repeat stage {stage} of {top}", pain)
    if stage == top:
        return Decision(NEXT, stage, stage, top, f"{kept}: stage {top} of {top} done, the plan is complete", pain, True)
    return Decision(NEXT, stage, stage + 1, top, f"{kept}: on to stage {stage + 1} of {top}", pain)


def _short_of_stage(minutes: int | None, run_minutes: int | None) -> list[str]:
    """Why a session of `minutes` did not do a stage of `run_minutes` running: fewer minutes in all than its running."""
    if minutes is None or run_minutes is None or minutes >= run_minutes:
        return []
    return [f"the session was {minutes} min, short of the stage's {run_minutes} min of running"]


def _back_reasons(pain: PlanPain, site: str) -> list[str]:
    reasons = []
    if pain.during > DURING_LIMIT:
        reasons.append(f"pain during the session was {pain.during} at the {site}, above {DURING_LIMIT}")
    if meaningfully_worse(pain.before, pain.after):
        reasons.append(
            f"the next morning's pain {pain.after} was meaningfully worse than the morning before's {pain.before}"
            " (2 points or 30%)"
        )
    return reasons


def meaningfully_worse(before: int | None, after: int | None) -> bool:
    """A rise of 2 points or of 30% of `before` (from 0, only 2 points count); False when either is unknown."""
    return before is not None and after is not None and after > before and is_meaningful(before, after)


def _limits_breached(pain: PlanPain, site: str) -> list[str]:
    assert pain.after is not None
    breaches = []
    if pain.before is None:
        breaches.append(f"the morning before has no pain logged at the {site}, so a rise cannot be ruled out")
    elif pain.after > pain.before:
        breaches.append(f"the next morning's pain {pain.after} was higher than the morning before's {pain.before}")
    if pain.after > MORNING_LIMIT:
        breaches.append(f"the next morning's pain {pain.after} was above {MORNING_LIMIT}")
    if pain.week_rose:
        breaches.append(
            f"morning pain at the {site} rose from one week to the next"
            f" (7-day mean {pain.week:.1f}, after {pain.week_before:.1f})"
        )
    return breaches


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


# -- what the plan asks of today --------------------------------------------------------


RUN, REST, DONE, COMPLETE, STOPPED = "run", "rest", "done", "complete", "stopped"


@dataclass(frozen=True)
class TodaysSession:
    """What the plan asks of a day: run the current stage, rest, nothing more (done), or nothing (ended)."""

    kind: str  # run, rest, done, complete, stopped
    text: str
    stage: Stage | None = None


def todays_session(plan: Plan, last_session: dt.date | None, today: dt.date) -> TodaysSession:
    """The plan's ask of `today`, given the day of its last plan session: stages run on alternate days."""
    if plan.completed is not None:
        return TodaysSession(COMPLETE, f"The plan for the {plan.where} is complete: all {plan.top} stages done")
    if plan.stopped is not None:
        return TodaysSession(STOPPED, f"The plan for the {plan.where} was stopped on {short_day(plan.stopped)}")
    if last_session == today:
        return TodaysSession(DONE, f"Today's plan session is logged ({plan.label}); tomorrow morning's pain decides")
    if last_session == today - DAY:
        return TodaysSession(
            REST, f"Rest from running today: the plan runs on alternate days ({plan.label} is next, tomorrow)"
        )
    stage = plan.current
    return TodaysSession(
        RUN, f"{plan.label.capitalize()}: {stage.description} ({stage.run_minutes} min running)", stage
    )


# -- the values a runner types ------------------------------------------------------------

# Patterns, compiled (and cached by `re`) when a stage is first read: the decisions `journal add` makes read none.
_REPEATS = r"([0-9]{1,3})\s*x\s*([0-9]{1,3})\s*min(?:ute)?s?\s+run"
_RUN = r"([0-9]{1,3})\s*min(?:ute)?s?\s+(?:run|running|continuous|jog|easy)"
# A stage that is only a length of time, "20 min" or "20 minutes", is that much running.
_ONLY_MINUTES = r"([0-9]{1,3})\s*min(?:ute)?s?"


def parse_stage(description: str, run_minutes: str | int | None = None) -> Stage:
    """A stage from its words and its running minutes; without minutes they are read from the words
    ('6 x 3 min run / 1 min walk' is 18, '25 min continuous' 25, '20 min' alone 20)."""
    # Checked as typed (a control character is refused, not taken for a space), then one line of single spaces.
    text = " ".join(parse_text(description, "a stage's description", 10 * SHORT_TEXT_MAX).split())
    text = parse_text(text, "a stage's description", SHORT_TEXT_MAX)
    if not text:
        raise InvalidInput("a stage needs a description, like '6 x 3 min run / 1 min walk'")
    minutes = _minutes_in(text) if run_minutes is None else _parse_run_minutes(run_minutes)
    if minutes is None:
        raise InvalidInput(f"how many minutes of {text!r} are running? Give them, like {text}=18")
    return Stage(text, minutes)


def _minutes_in(text: str) -> int | None:
    lowered = text.lower()
    if only := re.fullmatch(_ONLY_MINUTES, lowered):
        return int(only[1]) if 1 <= int(only[1]) <= RUN_MINUTES_MAX else None
    repeats = [int(count) * int(minutes) for count, minutes in re.findall(_REPEATS, lowered)]
    single = [int(minutes) for minutes in re.findall(_RUN, re.sub(_REPEATS, "", lowered))]
    total = sum(repeats) + sum(single)
    return total if (repeats or single) and 1 <= total <= RUN_MINUTES_MAX else None


def _parse_run_minutes(value: str | int) -> int:
    raw = str(value).strip()
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= RUN_MINUTES_MAX:
        raise InvalidInput(f"a stage's running minutes are a whole number 1-{RUN_MINUTES_MAX}, got {raw!r}")
    return int(raw)


def parse_stage_text(text: str) -> Stage:
    """`DESCRIPTION` or `DESCRIPTION=MINUTES`, as a command line gives a stage."""
    description, sep, minutes = text.rpartition("=")
    if sep and minutes.strip().isdigit():
        return parse_stage(description, minutes)
    return parse_stage(text)


def check_ladder(stages: Iterable[Stage]) -> tuple[Stage, ...]:
    ladder = tuple(stages)
    if not 1 <= len(ladder) <= STAGES_MAX:
        raise InvalidInput(f"a ladder has 1-{STAGES_MAX} stages, got {len(ladder)}")
    return ladder


def parse_stage_number(text: str | int, top: int) -> int:
    """A stage of a ladder of `top`: a whole number 1-`top`."""
    raw = str(text).strip()
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= top:
        raise InvalidInput(f"a stage is a whole number from 1 to {top} (the ladder's stages), got {raw!r}")
    return int(raw)


@dataclass(frozen=True)
class PlanView:
    """All `journal plan` shows of one plan: where it stands, today's ask, each decision, and one waiting."""

    plan: Plan
    today: TodaysSession
    decisions: tuple[Decision, ...] = field(default=())
    waiting: Waiting | None = None
