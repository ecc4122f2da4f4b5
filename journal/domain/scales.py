"""The scales of a daily entry, and the checks every typed value goes through.

The CLI, the app and the CSV code all validate with these functions, so a value
is accepted or refused the same way wherever it is typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from journal.errors import InvalidInput

DAY_TYPES = ("normal", "rest", "race", "injured", "sick")
SIDES = ("left", "right")
PAIN_MIN, PAIN_MAX = 0, 10
SLEEP_MIN, SLEEP_MAX = 0.0, 24.0
CRAMPS_MIN, CRAMPS_MAX = 0, 50  # cramps in a day, counted
# What a device may say and still be believed: beyond these a reading is a fault, not a runner.
RESTING_HR_MIN, RESTING_HR_MAX = 20, 150  # beats a minute at rest; trained endurance runners go below 40
HRV_MIN, HRV_MAX = 1.0, 500.0  # heart rate variability in milliseconds, RMSSD or SDNN
HRV_METHODS = ("rmssd", "sdnn")  # how it was measured: the two are not comparable
SLEEP_NEED_MIN, SLEEP_NEED_MAX = 5.0, 12.0  # hours a night a runner needs: the setting and a sleep goal
SITE_NAME = re.compile(r"^[a-z][a-z0-9-]{0,29}$")
# ASCII digits only: a regular expression's \d also takes '٣' and '²'.
_HOURS = re.compile(r"[0-9]{1,2}([.,][0-9]{1,2})?")
_WHOLE = re.compile(r"[+-]?[0-9]{1,3}")
_HRV = re.compile(r"[0-9]{1,3}([.,][0-9])?")

# The longest text each kind of field holds: the same limit at entry, in the app and at import.
NOTE_MAX = 10_000  # a day's note, a goal's note, an assessment's note
SHORT_TEXT_MAX = 200  # a tick's note, an item's description, the race an assessment looks back on
LABEL_MAX = 40  # a body site's label


@dataclass(frozen=True)
class WellnessItem:
    """One of the five 1-5 self-report items; on every one of them 5 is best."""

    field: str
    label: str
    low: str  # what a 1 means
    high: str  # what a 5 means


WELLNESS = (
    WellnessItem("sleep_quality", "sleep quality", "very poor", "excellent"),
    WellnessItem("fatigue", "fatigue", "exhausted", "fresh"),
    WellnessItem("soreness", "soreness", "very sore", "not sore"),
    WellnessItem("stress", "stress", "very stressed", "relaxed"),
    WellnessItem("mood", "mood", "very low", "very good"),
)
WELLNESS_FIELDS = tuple(item.field for item in WELLNESS)
WELLNESS_MIN, WELLNESS_MAX = 1, 5

# A day's cramps: how many, and where (a body site's name, only with a count of 1 or more).
CRAMP_FIELDS = ("cramps", "cramp_site")

# What a watch measures: the resting heart rate, and the HRV with the method it was measured by.
DEVICE_FIELDS = ("resting_hr", "hrv", "hrv_method")

# Every field of a day, in the order the journal shows and exports them.
ENTRY_FIELDS = ("day_type", "sleep_hours", *WELLNESS_FIELDS, *CRAMP_FIELDS, *DEVICE_FIELDS, "note")


def wellness_item(field: str) -> WellnessItem:
    for item in WELLNESS:
        if item.field == field:
            return item
    raise KeyError(field)


def parse_sleep_hours(text: str | float) -> float:
    """Hours slept, 0 to 24, decimals allowed ("7.5", "7,5")."""
    raw = str(text).strip()
    hours = float(raw.replace(",", ".")) if _HOURS.fullmatch(raw) else None
    if hours is None or not SLEEP_MIN <= hours <= SLEEP_MAX:
        raise InvalidInput(f"sleep must be hours from 0 to 24, like 7.5, got {raw!r}")
    return round(hours, 2)


def parse_wellness(field: str, text: str | int) -> int:
    """A 1-5 wellness score, where 5 is best."""
    item = wellness_item(field)
    return _score(text, item.label, (WELLNESS_MIN, item.low), (WELLNESS_MAX, item.high))


def parse_pain_score(text: str | int, where: str = "pain") -> int:
    """A 0-10 pain rating: 0 no pain, 10 the worst imaginable."""
    return _score(text, where, (PAIN_MIN, "none"), (PAIN_MAX, "worst"))


def parse_cramps(text: str | int) -> int:
    """Cramps in a day: a whole count from 0 (none) to 50."""
    raw = str(text).strip()
    value = int(raw) if _WHOLE.fullmatch(raw) else None
    if value is None or not CRAMPS_MIN <= value <= CRAMPS_MAX:
        raise InvalidInput(f"cramps must be a whole count from {CRAMPS_MIN} (none) to {CRAMPS_MAX}, got {raw!r}")
    return value


def parse_resting_hr(text: str | int) -> int:
    """The resting heart rate, whole beats a minute, 20 to 150."""
    raw = str(text).strip()
    value = int(raw) if _WHOLE.fullmatch(raw) else None
    if value is None or not RESTING_HR_MIN <= value <= RESTING_HR_MAX:
        raise InvalidInput(
            f"resting heart rate must be whole beats a minute from {RESTING_HR_MIN} to {RESTING_HR_MAX}, got {raw!r}"
        )
    return value


def parse_hrv(text: str | float) -> float:
    """Heart rate variability in milliseconds, 1 to 500, up to one decimal."""
    raw = str(text).strip()
    value = float(raw.replace(",", ".")) if _HRV.fullmatch(raw) else None
    if value is None or not HRV_MIN <= value <= HRV_MAX:
        raise InvalidInput(f"HRV must be milliseconds from 1 to 500, like 62 or 48.5, got {raw!r}")
    return value


def parse_hrv_method(text: str) -> str:
    value = text.strip().lower()
    if value not in HRV_METHODS:
        raise InvalidInput(f"the HRV method is rmssd or sdnn (as your watch or app says), got {text.strip()!r}")
    return value


def _score(text: str | int, label: str, low: tuple[int, str], high: tuple[int, str]) -> int:
    """A whole number on a scale; the message says what both ends mean."""
    raw = str(text).strip()
    value = int(raw) if _WHOLE.fullmatch(raw) else None
    if value is None or not low[0] <= value <= high[0]:
        raise InvalidInput(
            f"{label} must be a whole number from {low[0]} ({low[1]}) to {high[0]} ({high[1]}), got {raw!r}"
        )
    return value


def mean(values: Iterable[float]) -> float | None:
    """The mean of what there is; None when there is nothing (never zero)."""
    values = list(values)
    return sum(values) / len(values) if values else None


def is_number(text: str) -> bool:
    """Whether `text` is a whole number the journal can hold: ASCII digits ('²'.isdigit() is true), at most 18."""
    return text.isascii() and text.isdigit() and len(text) <= 18


# Control characters other than line ends and tabs: an escape sequence in a note would drive the runner's terminal.
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def parse_text(text: str, what: str, limit: int = NOTE_MAX) -> str:
    """Free text for a field: at most `limit` characters, no NUL nor control character but line ends and tabs,
    and text that UTF-8 can store.

    A lone surrogate is what a terminal's stray byte becomes on the way in; it
    cannot be written to the journal, so it is refused here rather than failing later.
    """
    if "\x00" in text:
        raise InvalidInput(f"{what} holds a NUL character")
    if control := _CONTROL.search(text):
        raise InvalidInput(
            f"{what} holds a control character ({control[0]!r}): a terminal would obey it instead of showing it;"
            " line breaks and tabs are fine"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(f"{what} is not valid text (a byte that is not UTF-8?)") from None
    if len(text) > limit:
        raise InvalidInput(f"{what} is at most {limit:,} characters, got {len(text):,}")
    return text


def parse_day_type(text: str) -> str:
    value = text.strip().lower()
    if value not in DAY_TYPES:
        raise InvalidInput(f"day type must be one of {', '.join(DAY_TYPES)}, got {text.strip()!r}")
    return value


def parse_side(text: str) -> str:
    value = text.strip().lower()
    aliases = {"l": "left", "r": "right"}
    value = aliases.get(value, value)
    if value not in SIDES:
        raise InvalidInput(f"side must be left or right, got {text.strip()!r}")
    return value


def parse_site_name(text: str) -> str:
    """A new body site's name: short, lower case, letters, digits and hyphens."""
    name = "-".join(text.strip().lower().replace("_", " ").split())
    if not SITE_NAME.match(name):
        raise InvalidInput(
            f"a site name is 1-30 letters, digits or hyphens, starting with a letter, got {text.strip()!r}"
        )
    return name
