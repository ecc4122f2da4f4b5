"""Training sessions: what the runner did, how hard it was, and what hurt while doing it.

A session has a day, a kind, minutes, perhaps kilometres, the session RPE on the
CR-10 scale (0 rest ... 10 maximal, asked about half an hour after it) and the pain
felt during it at each body site. Its load is minutes x RPE (Foster et al. 2001),
summed per week as a plain total: no acute:chronic ratio is made of it.

A session of a kind that matches a checklist item's kind ticks that item on its
day (a strength session ticks the strength item), so nothing is logged twice; the
matching is the runner's to change (`SESSION_TICKS` is where it starts).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from journal.domain.scales import NOTE_MAX, parse_text
from journal.errors import InvalidInput, closest

SESSION_KINDS = (
    "run",
    "intervals",
    "strides",
    "strength",
    "plyometrics",
    "technique",
    "rehab",
    "cross-training",
    "walk",
    "other",
)
# The checklist item kind a session of each kind ticks; a kind left out ticks nothing.
SESSION_TICKS: Mapping[str, str] = {
    "intervals": "intervals",
    "strides": "strides",
    "strength": "strength",
    "plyometrics": "plyometrics",
    "technique": "technique",
    "rehab": "rehab",
}
PLAN_KINDS = ("run",)  # a return-to-run plan's session: its stages are runs (with walks between)
MINUTES_MIN, MINUTES_MAX = 1, 24 * 60
RPE_MIN, RPE_MAX = 0, 10
# The CR-10 scale as Foster et al. word it for session RPE; the numbers between share the one below.
RPE_WORDS = {
    0: "rest",
    1: "very, very easy",
    2: "easy",
    3: "moderate",
    4: "somewhat hard",
    5: "hard",
    7: "very hard",
    10: "maximal",
}

# Patterns, compiled (and cached by `re`) when first used: the plan decisions `journal add` makes parse nothing.
_MINUTES = r"(?:(?P<hours>[0-9]{1,2}):(?P<minutes_of_hour>[0-5][0-9])|(?P<minutes>[0-9]{1,4}))"
_RPE = r"[0-9]{1,2}"

PainDuring = tuple[str, str, int]  # (site name, side or '', score 0-10)
# A session's fields as the runner sets them; with the pain during it, keyed by (site, side), its `fields`.
SESSION_FIELDS = ("day", "kind", "minutes", "km", "rpe", "note", "for_plan")
SessionField = str | tuple[str, str]


@dataclass(frozen=True)
class Session:
    """One session on one day; a day may have several."""

    day: dt.date
    kind: str
    minutes: int
    km: float | None = None
    rpe: int | None = None
    pain: tuple[PainDuring, ...] = ()  # during the session, in the sites' order
    note: str = ""
    for_plan: bool = False  # the return-to-run plan's session of that day
    id: int | None = None

    @property
    def number(self) -> int:
        if self.id is None:
            raise ValueError("the session has no number: it is not in a journal")
        return self.id

    @property
    def load(self) -> int | None:
        """Minutes x RPE; None when the RPE was not given."""
        return None if self.rpe is None else self.minutes * self.rpe

    def fields(self) -> dict[SessionField, object]:
        """Every field the runner sets, by name, and the pain during it by (site, side): what a window that changes
        the session merges with what was saved elsewhere meanwhile (`merge_sessions`)."""
        fields: dict[SessionField, object] = {name: getattr(self, name) for name in SESSION_FIELDS}
        fields.update(((site, side), score) for site, side, score in self.pain)
        return fields

    def pain_at(self, site: str, side: str | None = None) -> int | None:
        """The worst pain during the session at `site` (either side unless `side` is given), None if none was logged."""
        scores = [score for name, where, score in self.pain if name == site and (side is None or where == side)]
        return max(scores) if scores else None


@dataclass
class SessionChange:
    """What `journal session edit` asks for: the fields to set, pain to set or clear; the rest stays."""

    values: dict[str, object] = field(default_factory=dict)
    pain: dict[tuple[str, str], int] = field(default_factory=dict)
    clear_pain: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.values and not self.pain and not self.clear_pain

    def applied_to(self, session: Session) -> Session:
        pain = {} if self.clear_pain else {(site, side): score for site, side, score in session.pain}
        pain.update(self.pain)
        changed = replace(session, **self.values)  # type: ignore[arg-type]
        return replace(changed, pain=tuple((site, side, score) for (site, side), score in pain.items()))


@dataclass(frozen=True)
class SessionMerge:
    """A session changed in a window, put onto the session as stored meanwhile."""

    session: Session  # the stored session with the window's changes on it (the window's value on a clash)
    clashes: list[SessionField]  # fields both sides changed, to different values


def merge_sessions(loaded: Session, theirs: Session, mine: Session) -> SessionMerge:
    """Put what changed from `loaded` to `mine` onto `theirs`, the session as stored now."""
    from journal.domain import merge as three_way

    base, typed, stored = loaded.fields(), mine.fields(), theirs.fields()
    fields = three_way.merged(base, typed, stored)
    values = {name: fields[name] for name in SESSION_FIELDS}
    pain = tuple((key[0], key[1], score) for key, score in fields.items() if isinstance(key, tuple))
    session = replace(theirs, **values, pain=pain)  # type: ignore[arg-type]
    return SessionMerge(session, three_way.clashes(base, typed, stored))


@dataclass(frozen=True)
class WeekTotals:
    """A week's sessions added up: the load only over the sessions that have an RPE."""

    sessions: int = 0
    minutes: int = 0
    km: float = 0.0
    load: int = 0
    without_rpe: int = 0  # sessions whose load is unknown, so not in `load`


def totals(sessions: Iterable[Session]) -> WeekTotals:
    count = minutes = load = without_rpe = 0
    km = 0.0
    for session in sessions:
        count += 1
        minutes += session.minutes
        km += session.km or 0.0
        if session.load is None:
            without_rpe += 1
        else:
            load += session.load
    return WeekTotals(count, minutes, round(km, 3), load, without_rpe)


def weekly(sessions: Iterable[Session], first_start: dt.date, weeks: int) -> list[WeekTotals]:
    """The totals of `weeks` weeks from the one starting on `first_start`, oldest first (an empty week too)."""
    by_week: list[list[Session]] = [[] for _ in range(weeks)]
    for session in sessions:
        index = (session.day - first_start).days // 7
        if 0 <= index < weeks:
            by_week[index].append(session)
    return [totals(week) for week in by_week]


# -- the values a runner types ------------------------------------------------------


def parse_session_kind(text: str) -> str:
    value = text.strip().lower().replace("_", "-").replace(" ", "-")
    value = {"cross": "cross-training", "xt": "cross-training", "gym": "strength"}.get(value, value)
    if value not in SESSION_KINDS:
        raise InvalidInput(
            f"a session's kind is one of {', '.join(SESSION_KINDS)}, got {text.strip()!r}"
            f"{closest(value, list(SESSION_KINDS))}"
        )
    return value


def parse_minutes(text: str | int) -> int:
    """Whole minutes, 1-1440: `40`, or hours and minutes as `1:30`."""
    raw = str(text).strip()
    match = re.fullmatch(_MINUTES, raw)
    if match is None:
        raise InvalidInput(f"minutes are a whole number like 40, or hours:minutes like 1:30, got {raw!r}")
    if match["minutes"] is not None:
        minutes = int(match["minutes"])
    else:
        minutes = int(match["hours"]) * 60 + int(match["minutes_of_hour"])
    if not MINUTES_MIN <= minutes <= MINUTES_MAX:
        raise InvalidInput(f"a session lasts {MINUTES_MIN}-{MINUTES_MAX} minutes, got {raw!r}")
    return minutes


def parse_rpe(text: str | int) -> int:
    """Session RPE, 0 (rest) to 10 (maximal)."""
    raw = str(text).strip()
    if not re.fullmatch(_RPE, raw) or not RPE_MIN <= int(raw) <= RPE_MAX:
        raise InvalidInput(f"RPE is a whole number {RPE_MIN}-{RPE_MAX} (0 rest, 5 hard, 10 maximal), got {raw!r}")
    return int(raw)


def parse_session_note(text: str) -> str:
    return parse_text(text, "a session's note", NOTE_MAX)


def rpe_words(rpe: int) -> str:
    """What an RPE means, in the scale's own words (6 is "hard+", between hard and very hard)."""
    below = max(level for level in RPE_WORDS if level <= rpe)
    return RPE_WORDS[below] + ("" if below == rpe else "+")
