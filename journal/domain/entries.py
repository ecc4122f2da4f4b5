"""A day in the journal, body sites, and the partial changes the command line and the app make."""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, field, replace

from journal.domain import merge as three_way
from journal.domain.scales import (
    CRAMP_FIELDS,
    DEVICE_FIELDS,
    ENTRY_FIELDS,
    WELLNESS_FIELDS,
    parse_cramps,
    parse_day_type,
    parse_hrv,
    parse_hrv_method,
    parse_pain_score,
    parse_resting_hr,
    parse_side,
    parse_sleep_hours,
    parse_text,
    parse_wellness,
)
from journal.errors import InvalidInput, closest

# A pain reading is keyed by site name and side; "" is a reading with no side.
PainKey = tuple[str, str]


class EverySide(enum.Enum):
    """In a pain key to clear, the side that stands for all of them: the site's reading without a side, left and
    right (`--clear pain:knee`)."""

    EVERY = "every"


TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: 3 ms of every command's start
if TYPE_CHECKING:
    from typing import Literal

    # A pain reading to clear: one reading by its key, or every reading of a site.
    ClearedPain = PainKey | tuple[str, Literal[EverySide.EVERY]]

# One field of a day: an entry field by name, or a pain reading by its key.
FieldKey = str | PainKey


@dataclass(frozen=True)
class Site:
    """A body site that can hurt. A sided site takes left and right readings too."""

    name: str
    label: str
    sided: bool = True
    position: int = 0
    id: int | None = None

    def column(self, side: str) -> str:
        """Its column in the entries CSV: pain_knee, pain_knee_left."""
        return f"pain_{self.name}_{side}" if side else f"pain_{self.name}"


# The sites where runners most often hurt (DOMAIN.md); the user may add more.
DEFAULT_SITES = (
    Site("knee", "Knee"),
    Site("shin", "Shin"),
    Site("achilles", "Achilles / calf"),
    Site("foot", "Foot / heel"),
    Site("ankle", "Ankle"),
    Site("hip", "Hip"),
    Site("hamstring", "Hamstring / thigh"),
    Site("lower-back", "Lower back", sided=False),
)


@dataclass
class DayEntry:
    """Everything logged for one date. None means "not logged", never zero."""

    date: dt.date
    day_type: str = "normal"
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    fatigue: int | None = None
    soreness: int | None = None
    stress: int | None = None
    mood: int | None = None
    cramps: int | None = None  # how many cramps that day
    cramp_site: str | None = None  # where (a body site's name), only with cramps of 1 or more
    resting_hr: int | None = None  # beats a minute
    hrv: float | None = None  # milliseconds
    hrv_method: str | None = None  # rmssd or sdnn, only with an hrv
    note: str = ""
    pain: dict[PainKey, int] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        """True when nothing at all is logged: such a day is not kept."""
        return (
            self.day_type == "normal"
            and self.sleep_hours is None
            and all(getattr(self, name) is None for name in WELLNESS_FIELDS)
            and self.cramps is None
            and self.cramp_site is None
            and all(getattr(self, name) is None for name in DEVICE_FIELDS)
            and not self.note
            and not self.pain
        )

    @property
    def worst_pain(self) -> int | None:
        return max(self.pain.values(), default=None)

    def values(self) -> dict[str, object]:
        """The day's fields (without pain), by name."""
        return {name: getattr(self, name) for name in ENTRY_FIELDS}

    def fields(self) -> dict[FieldKey, object]:
        """Every field of the day, a pain reading by its (site, side); a reading not taken is absent."""
        fields: dict[FieldKey, object] = dict(self.values().items())
        fields.update(self.pain.items())
        return fields


ADD_SITE = "journal sites add NAME"  # how a site is added, said when one is not known (the app says its key)


def resolve_site(text: str, sites: list[Site], *, add_site: str = ADD_SITE) -> Site:
    """The site a runner means by `text`: its name or its label, in any case."""
    wanted = " ".join(text.strip().lower().replace("_", "-").split())
    for site in sites:
        if wanted in (site.name, site.label.lower(), site.label.lower().replace(" ", "")):
            return site
    hyphenated = wanted.replace(" ", "-")
    for site in sites:
        if hyphenated == site.name:
            return site
    # A word of one site's label: "calf" is the Achilles / calf, "heel" the foot / heel.
    by_word = [site for site in sites if wanted in re.split(r"[^a-z0-9-]+", site.label.lower())]
    if len(by_word) == 1:
        return by_word[0]
    names = [site.name for site in sites]
    raise InvalidInput(
        f"unknown body site {text.strip()!r}{closest(hyphenated, names)};"
        f" known sites: {', '.join(names)} (add one with: {add_site})"
    )


def parse_pain_setting(text: str, sites: list[Site], *, add_site: str = ADD_SITE) -> tuple[PainKey, int]:
    """`knee=3`, `shin:left=2`, `lower-back=4` as ((site, side), score)."""
    where, sep, score_text = text.partition("=")
    if not sep or not where.strip() or not score_text.strip():
        raise InvalidInput(f"pain is SITE=SCORE or SITE:SIDE=SCORE, like knee=3 or shin:left=2, got {text!r}")
    key = parse_pain_key(where, sites, add_site=add_site)
    label = f"pain at {key[0]}{':' + key[1] if key[1] else ''}"
    return key, parse_pain_score(score_text, where=label)


def parse_pain_key(text: str, sites: list[Site], *, add_site: str = ADD_SITE) -> PainKey:
    """`knee` or `shin:left` as (site name, side), side '' when none is given."""
    site_text, _, side_text = text.partition(":")
    site = resolve_site(site_text, sites, add_site=add_site)
    if not side_text.strip():
        return (site.name, "")
    side = parse_side(side_text)
    if not site.sided:
        raise InvalidInput(f"{site.name} has no left or right side: use {site.name}=SCORE")
    return (site.name, side)


@dataclass
class EntryChange:
    """What one `journal add` asks for: fields to set or clear, pain to set or remove.

    Fields that the change does not name keep the value they had.
    """

    values: dict[str, object] = field(default_factory=dict)
    cleared: set[str] = field(default_factory=set)
    pain: dict[PainKey, int] = field(default_factory=dict)
    pain_cleared: set[ClearedPain] = field(default_factory=set)
    all_pain_cleared: bool = False

    @classmethod
    def between(cls, before: DayEntry, after: DayEntry) -> EntryChange:
        """What turns `before` into `after`: the fields edited in a window, and nothing else."""
        change = cls()
        old, new = before.values(), after.values()
        for name in ENTRY_FIELDS:
            if new[name] == old[name]:
                continue
            if new[name] == DayEntry.__dataclass_fields__[name].default:
                change.cleared.add(name)
            else:
                change.values[name] = new[name]
        for key in before.pain.keys() - after.pain.keys():
            change.pain_cleared.add(key)
        change.pain = {key: score for key, score in after.pain.items() if before.pain.get(key) != score}
        return change

    def is_empty(self) -> bool:
        return not (self.values or self.cleared or self.pain or self.pain_cleared or self.all_pain_cleared)

    def clashes(self, loaded: DayEntry, stored: DayEntry) -> list[FieldKey]:
        """The fields this change sets that were changed elsewhere since `loaded` to something else.

        A field changed elsewhere that this change leaves alone is no clash (it
        is kept), nor is one changed both ways to the same value.
        """
        return three_way.clashes(loaded.fields(), self.apply(loaded).fields(), stored.fields())

    def apply(self, entry: DayEntry) -> DayEntry:
        changed = replace(entry, pain=dict(entry.pain))
        for name in self.cleared:
            setattr(changed, name, DayEntry.__dataclass_fields__[name].default)
        for name, value in self.values.items():
            setattr(changed, name, value)
        if self.all_pain_cleared:
            changed.pain.clear()
        for site, side in self.pain_cleared:
            for key in list(changed.pain):
                if key[0] == site and (side is EverySide.EVERY or key[1] == side):
                    del changed.pain[key]
        changed.pain.update(self.pain)
        return changed


@dataclass
class Merge:
    """A day edited in a window onto the day as stored meanwhile."""

    entry: DayEntry  # the stored day with the window's edits on it (the window's value on a clash)
    clashes: list[FieldKey]  # fields both sides changed, to different values


def merge_entries(loaded: DayEntry, theirs: DayEntry, mine: DayEntry) -> Merge:
    """Put what changed from `loaded` to `mine` onto `theirs`, the day as stored now."""
    change = EntryChange.between(loaded, mine)
    return Merge(change.apply(theirs), change.clashes(loaded, theirs))


def parse_value(name: str, text: str) -> object:
    """One entry field from text, validated."""
    if name == "day_type":
        return parse_day_type(text)
    if name == "sleep_hours":
        return parse_sleep_hours(text)
    if name in WELLNESS_FIELDS:
        return parse_wellness(name, text)
    if name == "note":
        return parse_text(text.strip(), "the note")
    if name == "cramps":
        return parse_cramps(text)
    if name == "resting_hr":
        return parse_resting_hr(text)
    if name == "hrv":
        return parse_hrv(text)
    if name == "hrv_method":
        return parse_hrv_method(text)
    raise KeyError(name)


def check_hrv(entry: DayEntry) -> None:
    """An HRV figure says how it was measured (RMSSD and SDNN are not comparable), and a method needs a figure."""
    if entry.hrv is not None and entry.hrv_method is None:
        raise InvalidInput(f"{entry.date}'s HRV needs its method: --hrv-method rmssd or sdnn (as your watch says)")
    if entry.hrv is None and entry.hrv_method is not None:
        raise InvalidInput(f"an HRV method ({entry.hrv_method}) needs the HRV figure too (--hrv MS)")


def parse_cramp_site(text: str, sites: list[Site]) -> str:
    """Where the cramps were: a body site, named as pain sites are (`calf` finds the Achilles / calf)."""
    return resolve_site(text, sites).name


def check_cramps(entry: DayEntry) -> None:
    """A cramp site says where the day's cramps were: it needs a count of 1 or more."""
    if entry.cramp_site is not None and not entry.cramps:
        count = "no count" if entry.cramps is None else "a count of 0"
        raise InvalidInput(
            f"a cramp site ({entry.cramp_site}) needs a count of cramps of 1 or more, and {entry.date} has {count}:"
            " give the count too, or clear the site"
        )


def parse_clear(text: str, sites: list[Site], change: EntryChange) -> None:
    """Add one `--clear` target to `change`: a field, `pain`, `pain:SITE` or `pain:SITE:SIDE`."""
    target = text.strip().lower()
    if ":" not in target:
        target = target.replace("-", "_")
    if target == "cramps":  # the count and its site together: a site without cramps says nothing
        change.cleared.update(CRAMP_FIELDS)
        return
    if target == "hrv":  # the figure and its method together
        change.cleared.update(("hrv", "hrv_method"))
        return
    if target in ENTRY_FIELDS:
        change.cleared.add(target)
        return
    if target == "pain":
        change.all_pain_cleared = True
        return
    if target == "all":
        change.cleared.update(ENTRY_FIELDS)
        change.all_pain_cleared = True
        return
    if target.startswith("pain:"):
        site_text, _, side_text = target[len("pain:") :].partition(":")
        site = resolve_site(site_text, sites)
        if side_text:
            key = parse_pain_key(f"{site.name}:{side_text}", sites)
            change.pain_cleared.add(key)
        else:
            change.pain_cleared.add((site.name, EverySide.EVERY))
        return
    fields = ", ".join(ENTRY_FIELDS)
    raise InvalidInput(
        f"cannot clear {text.strip()!r}{closest(target, list(ENTRY_FIELDS))}: say one of {fields},"
        " pain, pain:SITE or pain:SITE:SIDE"
    )
