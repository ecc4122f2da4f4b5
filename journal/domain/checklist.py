"""The weekly checklist: items with a target per week, ticks, and an honest completion figure.

Completion (also in the README): an item's figure for a week is
min(done, target) / target, and the week's is the sum of min(done, target) over
the sum of targets. A rest, injured or sick day is not a missed day: each one
lowers every target by a seventh. Rest items are the exception: a rest day is
what they ask for, so rest days do not lower their target.

An item counts in every week from the one it was added in to the one before it
was retired, with the target it had that week: a new target counts from the
week it was set, and earlier weeks keep theirs. In a week before it was added
it counts only when it was ticked in that week, with its first target. A tick
never moves an item's start, so a week's figure depends only on the items'
start, retirement and targets, the ticks in that week and the day types in
that week: ticking or unticking a day changes that day's week and no other.
A week shows every item that could be ticked in it (not retired by its end)
and every item ticked in it; one that asks nothing that week has the target "–".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from journal.dates import week_days
from journal.domain.scales import SHORT_TEXT_MAX, is_number, parse_text
from journal.errors import InvalidInput

ITEM_KINDS = ("strength", "plyometrics", "intervals", "strides", "technique", "rehab", "rest", "mind", "other")
OFF_DAY_TYPES = ("rest", "injured", "sick")
TARGET_MIN, TARGET_MAX = 1, 7
TITLE_MAX = 60


@dataclass(frozen=True)
class ChecklistItem:
    """Something to do a number of times a week."""

    title: str
    kind: str
    target: int
    description: str = ""
    id: int | None = None
    position: int = 0
    created_on: dt.date = dt.date(1900, 1, 1)
    retired_on: dt.date | None = None
    # (since, target): the target in force from each day on, oldest first.
    targets: tuple[tuple[dt.date, int], ...] = ()

    @property
    def number(self) -> int:
        """The item's number: every item in a journal or an export has one; one not added yet has none."""
        if self.id is None:
            raise ValueError(f"the checklist item {self.title!r} has no number: it is not in a journal")
        return self.id

    def counts_in(self, start: dt.date, ticked: bool) -> bool:
        """Whether the item asks for something in the week starting `start`, given whether it was ticked in it.

        From the week it was added to the one before it was retired; in an earlier week only when ticked.
        """
        end = start + dt.timedelta(days=6)
        if self.retired_on is not None and self.retired_on <= end:
            return False
        return ticked or self.created_on <= end

    def tickable_in(self, start: dt.date) -> bool:
        """Whether a day of the week starting `start` can still be ticked: the item was not retired by its end."""
        return self.retired_on is None or self.retired_on > start + dt.timedelta(days=6)

    def target_for(self, start: dt.date) -> int:
        """The target of the week starting `start`: the last one set by the end of that week."""
        end = start + dt.timedelta(days=6)
        set_by_then = [target for since, target in self.targets if since <= end]
        if set_by_then:
            return set_by_then[-1]
        return self.targets[0][1] if self.targets else self.target


# The items a new journal starts with (DOMAIN.md); the runner edits, adds and retires them.
DEFAULT_ITEMS = (
    ChecklistItem("Strength session", "strength", 2, "squat, deadlift, heavy calf raise"),
    ChecklistItem("Plyometrics", "plyometrics", 1, "hops and bounds"),
    ChecklistItem("Intervals", "intervals", 1, "10 x 20 s fast / 40 s walk, or 400 m run / 200 m walk x 6"),
    ChecklistItem("Strides", "strides", 2, "short fast runs for the finishing kick"),
    ChecklistItem("Technique drills", "technique", 2, "A-skips, B-skips, cadence"),
    ChecklistItem("Rehab or mobility", "rehab", 2, "massage or physio exercises for a sore site"),
    ChecklistItem("Full rest day", "rest", 1, "no training at all"),
    ChecklistItem("Family or relax time", "mind", 2, "time away from running"),
    ChecklistItem("Form check", "technique", 1, "film your running, or a coach or clinic session"),
)


@dataclass(frozen=True)
class ItemProgress:
    item: ChecklistItem
    done: int
    target: float  # this week's target, lowered for off days and days the item did not exist

    @property
    def counted(self) -> float:
        return min(self.done, self.target)

    @property
    def ratio(self) -> float | None:
        """Completion from 0 to 1, or None when there was nothing to do this week."""
        return self.counted / self.target if self.target > 0 else None


@dataclass(frozen=True)
class WeekCompletion:
    start: dt.date
    items: list[ItemProgress]
    off_days: list[dt.date]

    @property
    def ratio(self) -> float | None:
        """The week's figure: the sum of min(done, target) over the sum of targets."""
        total = sum(progress.target for progress in self.items)
        return sum(progress.counted for progress in self.items) / total if total > 0 else None


def items_in_week(
    items: Iterable[ChecklistItem], start: dt.date, ticked: set[tuple[int, dt.date]]
) -> list[ChecklistItem]:
    """The items a week shows: those that could be ticked in it, and those that were."""
    days = week_days(start)
    return [item for item in items if item.tickable_in(start) or any((item.id, day) in ticked for day in days)]


def week_completion(
    start: dt.date,
    items: Iterable[ChecklistItem],
    ticked: set[tuple[int, dt.date]],
    day_types: dict[dt.date, str],
) -> WeekCompletion:
    """How much of the week's checklist was done; see the module's doc for the rule."""
    days = week_days(start)
    off_days = [day for day in days if day_types.get(day) in OFF_DAY_TYPES]
    progress = []
    for item in items_in_week(items, start, ticked):
        done = sum((item.id, day) in ticked for day in days)
        progress.append(ItemProgress(item, done, week_target(item, start, len(off_days), done)))
    return WeekCompletion(start, progress, off_days)


def week_target(item: ChecklistItem, start: dt.date, off_days: int, done: int) -> float:
    """The item's target for the week starting `start` with `done` ticks in it, lowered by a seventh an off day."""
    if not item.counts_in(start, done > 0):
        return 0.0
    return item.target_for(start) * (7 if item.kind == "rest" else 7 - off_days) / 7


def week_ratio(items: Iterable[ChecklistItem], start: dt.date, done: dict[int, int], off_days: int) -> float | None:
    """The week's figure from tick counts per item id: what `week_completion` gives, without the detail."""
    counted = total = 0.0
    for item in items:
        ticks = 0 if item.id is None else done.get(item.id, 0)
        target = week_target(item, start, off_days, ticks)
        counted += min(ticks, target)
        total += target
    return counted / total if total > 0 else None


def format_target(target: float) -> str:
    """'2', '1.7' when off days lowered it, '–' when the item asks for nothing this week."""
    if target == 0:
        return "–"
    return f"{target:.0f}" if abs(target - round(target)) < 0.05 else f"{target:.1f}"


def format_ratio(ratio: float | None) -> str:
    return "–" if ratio is None else f"{ratio * 100:.0f}%"


def parse_title(text: str) -> str:
    title = " ".join(parse_text(text, "an item's title").split())
    if not title or len(title) > TITLE_MAX:
        raise InvalidInput(f"an item's title is 1 to {TITLE_MAX} characters, got {text.strip()!r}")
    return title


def parse_description(text: str) -> str:
    return parse_text(text.strip(), "an item's description", SHORT_TEXT_MAX)


def parse_kind(text: str) -> str:
    kind = text.strip().lower()
    if kind not in ITEM_KINDS:
        raise InvalidInput(f"kind must be one of {', '.join(ITEM_KINDS)}, got {text.strip()!r}")
    return kind


def parse_target(text: str | int) -> int:
    raw = str(text).strip()
    if not is_number(raw) or not TARGET_MIN <= int(raw) <= TARGET_MAX:
        raise InvalidInput(f"a target is how many times a week, a whole number from 1 to 7, got {raw!r}")
    return int(raw)


def resolve_item(text: str, items: list[ChecklistItem]) -> ChecklistItem:
    """The item a runner means: its number, or a case-insensitive part of its title that fits one item."""
    wanted = text.strip()
    if is_number(wanted):
        for item in items:
            if item.id == int(wanted):
                return item
    else:
        exact = [item for item in items if item.title.lower() == wanted.lower()]
        matches = exact or [item for item in items if wanted.lower() in item.title.lower()]
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = ", ".join(f"{item.id} {item.title}" for item in matches)
            raise InvalidInput(f"{wanted!r} fits several items: {listed}; give the number or more of the title")
    listed = ", ".join(f"{item.id} {item.title}" for item in items)
    raise InvalidInput(f"no checklist item {wanted!r}; the items are: {listed}")


@dataclass(frozen=True)
class Week:
    """A week of the checklist as the journal holds it: its completion, its ticks and its day types."""

    completion: WeekCompletion
    ticks: dict[tuple[int, dt.date], str]
    day_types: dict[dt.date, str]
