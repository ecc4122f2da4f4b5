"""Offseason goals, the measures that compute their progress, and the season assessment.

A goal may carry a measure; its progress is then computed from the journal and
the runner never has to update it by hand. Progress is a number from 0 to 1,
or None while there is nothing logged to measure yet.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from journal.domain.scales import NOTE_MAX, SHORT_TEXT_MAX, SLEEP_NEED_MAX, SLEEP_NEED_MIN, is_number, parse_text
from journal.errors import InvalidInput

STATUSES = ("todo", "doing", "done", "dropped")
STATUS_LABELS = {"todo": "To do", "doing": "Doing", "done": "Done", "dropped": "Dropped"}
CATEGORIES = ("strength", "technique", "health", "rehab", "mind", "endurance", "nutrition", "other")
MEASURE_KINDS = ("checklist", "pain", "sleep", "days", "ticks", "cramps")
TITLE_MAX = 80  # a goal's title; its note and the assessment's texts take the limits of domain.scales


@dataclass(frozen=True)
class Measure:
    """What the journal counts for a goal. One of:

    checklist: the named items' weekly completion is at least `level` (0-1) in `weeks` weeks;
    pain: the site's 7-day mean pain is at most `level`;
    sleep: the 7-day mean of sleep hours is at least `level`;
    days: `count` logged days of the day type `day_type`;
    ticks: `count` ticks of the named checklist items;
    cramps: the cramps of the latest 7 days come down from where they were when the goal was set, to `level` or
    fewer.
    """

    kind: str
    items: tuple[str, ...] = ()  # checklist item titles (checklist, ticks), as shown
    item_ids: tuple[int, ...] = ()  # the same items by number: a renamed item keeps its goals
    site: str = ""
    day_type: str = ""
    level: float = 0.0
    weeks: int = 0
    count: int = 0

    def to_json(self) -> str:
        return json.dumps(
            {k: v for k, v in self.__dict__.items() if v not in ((), "", 0, 0.0)} | {"kind": self.kind}, sort_keys=True
        )

    @classmethod
    def from_json(cls, text: str) -> Measure:
        data = json.loads(text)
        data["items"] = tuple(data.get("items", ()))
        data["item_ids"] = tuple(data.get("item_ids", ()))
        return cls(**data)

    def spec(self) -> str:
        """The measure as it is typed: the inverse of `parse_measure`."""
        if self.kind == "checklist":
            return f"checklist:{','.join(self.items)}:{self.level * 100:.0f}%:{self.weeks}w"
        if self.kind == "pain":
            return f"pain:{self.site}:{self.level:g}"
        if self.kind == "sleep":
            return f"sleep:{self.level:g}"
        if self.kind == "days":
            return f"days:{self.day_type}:{self.count}"
        if self.kind == "cramps":
            return f"cramps:{self.level:g}"
        return f"ticks:{','.join(self.items)}:{self.count}"

    def describe(self) -> str:
        if self.kind == "checklist":
            return f"{', '.join(self.items)} at {self.level:.0%} or more of the week, {self.weeks} weeks"
        if self.kind == "pain":
            return f"{self.site} pain, 7-day mean at {self.level:g} or less"
        if self.kind == "sleep":
            return f"sleep, 7-day mean at {self.level:g} h or more"
        if self.kind == "days":
            return f"{self.count} {self.day_type} days logged"
        if self.kind == "cramps":
            return f"cramps per week down to {self.level:g} or fewer"
        return f"{self.count} ticks of {', '.join(self.items)}"


@dataclass(frozen=True)
class Goal:
    title: str
    category: str = "other"
    status: str = "todo"
    due: dt.date | None = None
    note: str = ""
    measure: Measure | None = None
    id: int | None = None
    position: int = 0
    created_on: dt.date = dt.date(1900, 1, 1)
    done_on: dt.date | None = None
    uid: str = ""  # the goal's identity for ever, across exports and imports; the number is the journal's
    assessment_id: int | None = None  # the assessment that proposed it

    @property
    def number(self) -> int:
        """The goal's number: every goal in a journal or an export has one; one not added yet has none."""
        if self.id is None:
            raise ValueError(f"the goal {self.title!r} has no number: it is not in a journal")
        return self.id

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today and self.status not in ("done", "dropped")


@dataclass(frozen=True)
class Assessment:
    """An honest look back at a race or season: the five questions of the article."""

    day: dt.date
    looks_back_on: str = ""
    faded: bool = False  # faded in the last miles
    pain_sites: tuple[str, ...] = ()  # constant pain in feet, shins or knees: where
    hit_wall: bool = False
    back_or_hips: bool = False
    cramping: bool = False
    note: str = ""
    id: int | None = None


@dataclass
class Proposal:
    """A goal the assessment suggests; the runner keeps, edits or drops it."""

    goal: Goal
    why: str
    keep: bool = True
    needs_items: list[tuple[str, str, int]] = field(default_factory=list)  # (title, kind, target) to add


SLEEP_NEED_HOURS = 8.0


def propose(assessment: Assessment, today: dt.date, *, sleep_need: float = SLEEP_NEED_HOURS) -> list[Proposal]:
    """The goals an assessment suggests: one or more for each "yes", and a few for everyone."""
    proposals = []
    if assessment.faded:
        proposals.append(
            Proposal(
                Goal(
                    "Build strength and a finishing kick",
                    "strength",
                    measure=Measure("checklist", items=("Strength session", "Strides"), level=0.8, weeks=8),
                ),
                "you faded in the last miles",
            )
        )
    for site in dict.fromkeys(assessment.pain_sites):  # each site once
        proposals.append(
            Proposal(
                Goal(f"Settle the {site} pain", "rehab", measure=Measure("pain", site=site, level=2)),
                f"constant pain: {site}",
            )
        )
    if assessment.pain_sites:
        where = " and ".join(dict.fromkeys(assessment.pain_sites))
        proposals.append(
            Proposal(
                Goal(
                    f"Ask the doctor whether the {where} pain needs a scan",
                    "health",
                    due=today + dt.timedelta(weeks=4),
                    note="Pain that stays or grows is worth a look: imaging can show what rest cannot.",
                ),
                "pain that keeps coming back",
            )
        )
    if assessment.hit_wall:
        proposals.append(
            Proposal(
                Goal(
                    "Practise long runs with fuelling",
                    "endurance",
                    measure=Measure("ticks", items=("Long run with fuelling",), count=8),
                ),
                "you hit the wall",
                needs_items=[("Long run with fuelling", "other", 1)],
            )
        )
    if assessment.back_or_hips:
        proposals.append(
            Proposal(
                Goal(
                    "Strengthen hips and core",
                    "strength",
                    measure=Measure("checklist", items=("Strength session", "Rehab or mobility"), level=0.8, weeks=8),
                ),
                "your lower back or hips bothered you",
            )
        )
    if assessment.cramping:
        proposals.append(
            Proposal(
                Goal(
                    "Note cramps and go over them with a clinician",
                    "health",
                    due=today + dt.timedelta(weeks=4),
                    measure=Measure("cramps", level=0),
                    note="Cramps have many causes: write down when they come, and ask rather than guess.",
                ),
                "your cramping got worse",
            )
        )
    proposals += [
        Proposal(
            Goal("Sleep to your need", "health", measure=Measure("sleep", level=sleep_need)),
            "everyone: sleep is when the body heals",
        ),
        Proposal(
            Goal("See the doctor: blood work and a stress test", "health", due=today + dt.timedelta(weeks=4)),
            "everyone: a check after a hard season",
        ),
        Proposal(
            Goal(
                "Book rehab appointments",
                "rehab",
                due=today + dt.timedelta(weeks=2),
                note="massage, physiotherapy or a chiropractor",
            ),
            "everyone: fix the small things before they grow",
        ),
    ]
    return proposals


def set_aside_known(proposals: list[Proposal], on_board: list[Goal]) -> list[Proposal]:
    """Untick proposals already on the board (to do or doing), so a second assessment adds no twins."""
    known = {goal.title.lower() for goal in on_board if goal.status in ("todo", "doing")}
    for proposal in proposals:
        if proposal.goal.title.lower() in known:
            proposal.keep = False
            proposal.why += "; already on the board"
    return proposals


def set_aside_met(proposals: list[Proposal], progress: list[float | None]) -> list[Proposal]:
    """Untick measured proposals that what is logged already meets, and say which have nothing logged yet.

    `progress` is each proposal's progress as if it were set today (None: nothing
    to measure yet). A goal complete on its first day asks nothing of the runner,
    so it is left unticked with the reason; one with nothing logged is still
    proposed, since the runner's own answer is the evidence.
    """
    for proposal, value in zip(proposals, progress, strict=True):
        measure = proposal.goal.measure
        if measure is None:
            continue
        if value is None:
            proposal.why += "; no data yet"
        elif value >= 1 and proposal.keep:
            proposal.keep = False
            proposal.why += "; already met by what is logged"
    return proposals


# -- typed input --------------------------------------------------------------------------


def parse_goal_title(text: str) -> str:
    title = " ".join(parse_text(text, "a goal's title").split())
    if not title or len(title) > TITLE_MAX:
        raise InvalidInput(f"a goal's title is 1 to {TITLE_MAX} characters, got {text.strip()!r}")
    return title


def parse_goal_note(text: str, what: str = "a goal's note") -> str:
    return parse_text(text.strip(), what, NOTE_MAX)


def parse_looks_back_on(text: str) -> str:
    return parse_text(text.strip(), "the race or season looked back on", SHORT_TEXT_MAX)


def parse_category(text: str) -> str:
    category = text.strip().lower()
    if category not in CATEGORIES:
        raise InvalidInput(f"category must be one of {', '.join(CATEGORIES)}, got {text.strip()!r}")
    return category


def parse_status(text: str) -> str:
    status = text.strip().lower().replace(" ", "").replace("-", "")
    status = {"todo": "todo", "doing": "doing", "done": "done", "dropped": "dropped"}.get(status, status)
    if status not in STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(STATUSES)}, got {text.strip()!r}")
    return status


_PERCENT = re.compile(r"^([0-9]{1,3})%$")
_LEVEL = re.compile(r"^[0-9]{1,2}(\.[0-9]{1,2})?$")
MEASURE_USAGE = "a measure is checklist:ITEMS:80%:8w, pain:SITE:2, sleep:8, days:TYPE:10, ticks:ITEMS:8 or cramps:0"
COUNT_MAX = 1000
CRAMPS_PER_WEEK_MAX = 99.99  # a cramps level, per week: two digits, as a level is typed
WEEKS_MAX = 52


def parse_measure(text: str) -> Measure:
    """A measure from the command line:

    checklist:ITEM[,ITEM]:80%:8w   pain:SITE:2   sleep:8   days:TYPE:10   ticks:ITEM[,ITEM]:8   cramps:0
    """
    parts = [part.strip() for part in text.split(":")]
    kind = parts[0].lower()
    usage = MEASURE_USAGE
    try:
        if kind == "checklist" and len(parts) == 4:
            percent = _PERCENT.match(parts[2])
            weeks = parts[3].lower().removesuffix("w")
            if not percent:
                raise ValueError
            return check_measure(
                Measure("checklist", items=_names(parts[1]), level=int(percent[1]) / 100, weeks=_whole(weeks))
            )
        if kind == "pain" and len(parts) == 3:
            return check_measure(Measure("pain", site=parts[1].lower(), level=_level(parts[2])))
        if kind == "sleep" and len(parts) == 2:
            return check_measure(Measure("sleep", level=_level(parts[1])))
        if kind == "days" and len(parts) == 3:
            from journal.domain.scales import parse_day_type

            return check_measure(Measure("days", day_type=parse_day_type(parts[1]), count=_whole(parts[2])))
        if kind == "ticks" and len(parts) == 3:
            return check_measure(Measure("ticks", items=_names(parts[1]), count=_whole(parts[2])))
        if kind == "cramps" and len(parts) == 2:
            return check_measure(Measure("cramps", level=_level(parts[1])))
    except (ValueError, InvalidInput):
        pass
    if kind == "sleep":  # the hours a night a runner may need, as the sleep_need setting
        usage += f" (sleep from {SLEEP_NEED_MIN:g} to {SLEEP_NEED_MAX:g} hours)"
    raise InvalidInput(f"{usage}, got {text.strip()!r}")


def check_measure(measure: Measure) -> Measure:
    """A measure whose levels and counts are what the command line takes, however it came (typed or imported).

    Raises ValueError naming what is out of bounds.
    """
    from journal.domain.scales import DAY_TYPES

    level, kind = measure.level, measure.kind
    numbers_fit = {
        "checklist": bool(measure.items)
        and 1 <= round(level * 100) <= 100
        and abs(level * 100 - round(level * 100)) < 1e-9
        and 1 <= measure.weeks <= WEEKS_MAX,
        "pain": bool(measure.site) and 0 <= level <= 10 and _two_decimals(level),
        "sleep": SLEEP_NEED_MIN <= level <= SLEEP_NEED_MAX and _two_decimals(level),
        "days": measure.day_type in DAY_TYPES and 1 <= measure.count <= COUNT_MAX,
        "ticks": bool(measure.items) and 1 <= measure.count <= COUNT_MAX,
        "cramps": 0 <= level <= CRAMPS_PER_WEEK_MAX and _two_decimals(level),
    }
    if kind not in numbers_fit or not math.isfinite(level) or not numbers_fit[kind]:
        raise ValueError(f"a {kind} measure out of its bounds")
    return measure


def _two_decimals(level: float) -> bool:
    """A level as one is typed: at most two decimals (`7.25`), as `_LEVEL` takes it."""
    return math.isfinite(level) and abs(level * 100 - round(level * 100)) < 1e-9


def _names(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if not names:
        raise ValueError
    return names


def _whole(text: str) -> int:
    if not is_number(text):
        raise ValueError
    return int(text)


def _level(text: str) -> float:
    """A level in plain decimals ('2', '7.5'): no exponents, infinities or other scripts' digits."""
    if not _LEVEL.match(text):
        raise ValueError
    return float(text)


# -- progress from what is logged ---------------------------------------------------------


def checklist_progress(week_ratios: list[float | None], level: float, weeks: int) -> float | None:
    """The share of the `weeks` weeks asked for in which the items reached `level`."""
    if all(ratio is None for ratio in week_ratios):
        return None
    return min(1.0, sum(ratio is not None and ratio >= level - 1e-9 for ratio in week_ratios) / weeks)


def pain_progress(baseline: float | None, current: float | None, level: float) -> float | None:
    """How far the 7-day mean has come down from where it started towards `level`."""
    if current is None:
        return None
    if current <= level:
        return 1.0
    if baseline is None or baseline <= level:
        return 0.0
    return max(0.0, min(1.0, (baseline - current) / (baseline - level)))


def cramps_progress(
    logged: Mapping[dt.date, int | None], set_on: dt.date, today: dt.date, level: float
) -> float | None:
    """How far the cramps per week have come down since the goal was set on `set_on`, towards `level`.

    `logged` holds every logged day from 6 days before `set_on` to `today` with its cramp count (None: not
    given, which counts none). Where they started is the 7 days up to `set_on`; where they are, the 7 days up
    to the latest logged day. With no cramp count logged in all that time there is no data yet: a journal
    that never logged cramps says nothing about them.
    """
    if all(count is None for count in logged.values()):
        return None

    def week(end: dt.date) -> int | None:
        days = [logged[day] for offset in range(7) if (day := end - dt.timedelta(days=offset)) in logged]
        return sum(count or 0 for count in days) if days else None

    latest = max(day for day in logged if day <= today)
    return pain_progress(week(set_on), week(latest), level)


def share(done: float | None, wanted: float) -> float | None:
    return None if done is None else max(0.0, min(1.0, done / wanted))
