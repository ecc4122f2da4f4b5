"""What another app's export brings: days and sessions read from its file, before the journal takes them.

Each reader in `journal.io` (Strava, Apple Health, intervals.icu, Daylio) turns its
file into a `SourceBatch`; the store writes a batch so that a value the runner typed
is never replaced by an imported one unless asked, and the same file imported twice
changes nothing. A reader checks every value as the command line would and reports a
line it cannot read (with its line or record number) in `problems` instead of failing.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

from journal.domain.scales import DEVICE_FIELDS, HRV_MAX, HRV_METHODS, HRV_MIN, RESTING_HR_MAX, RESTING_HR_MIN
from journal.domain.sessions import Session
from journal.errors import InvalidInput

SOURCES = ("strava", "apple-health", "intervals", "daylio")
SESSION_SOURCES = ("strava",)  # the apps whose exports bring training sessions
DAY_SOURCES = ("apple-health", "intervals", "daylio")  # those that bring a day's values or note

# The day's fields an import may fill, by the journal's own names: the device measures and the
# subjective scales (each already turned onto the journal's scale and direction by its reader).
IMPORTED_FIELDS = (
    "sleep_hours",
    "sleep_quality",
    "fatigue",
    "soreness",
    "stress",
    "mood",
    *DEVICE_FIELDS,  # resting_hr (beats a minute), hrv (milliseconds), hrv_method (one of HRV_METHODS)
)
__all__ = [
    "DAY_SOURCES",
    "HRV_METHODS",
    "IMPORTED_FIELDS",
    "SESSION_SOURCES",
    "SOURCES",
    "DayValues",
    "ImportedSession",
    "SourceBatch",
]

# A reading as a file writes it: ASCII digits, a decimal point or comma (a regular expression's \d takes '٣').
_READING = re.compile(r"[0-9]{1,6}([.,][0-9]{1,12})?")


# What each device reading is and the range the journal keeps it in (the typed fields' own, in journal.domain.scales).
_READINGS = {
    "resting_hr": ("resting heart rate", "beats a minute", RESTING_HR_MIN, RESTING_HR_MAX),
    "hrv": ("heart rate variability", "milliseconds", HRV_MIN, HRV_MAX),
}


def device_reading(field: str, text: str) -> float:
    """A device's `resting_hr` or `hrv` as its file writes it, decimals kept (a day's figure is a mean, rounded
    as the journal keeps it once taken: `whole` beats, a tenth of a millisecond); within the typed field's range."""
    what, unit, low, high = _READINGS[field]
    raw = text.strip()
    value = float(raw.replace(",", ".")) if _READING.fullmatch(raw) else None
    if value is None or not low <= value <= high:
        raise InvalidInput(f"{what} must be {unit} from {low:g} to {high:g}, got {raw!r}")
    return value


def whole(value: float) -> int:
    """`value` rounded to the nearest whole number, halves up (round() takes 52.5 to 52)."""
    return math.floor(value + 0.5)


@dataclass
class DayValues:
    """What a source says of one day: each field it knows (names from IMPORTED_FIELDS), and text to add to the
    day's note (Daylio's notes and activities), with where in the file it was read ('line 12', 'record 3456')."""

    day: dt.date
    values: dict[str, float | int | str] = field(default_factory=dict)
    note: str = ""
    where: str = ""


@dataclass
class ImportedSession:
    """A session read from a source, with the source's own id for it (Strava's Activity ID): importing the same
    activity again finds the session it made."""

    source_id: str
    session: Session
    where: str = ""


@dataclass
class SourceBatch:
    """Everything one file of a source holds, read and checked."""

    source: str  # one of SOURCES
    days: list[DayValues] = field(default_factory=list)
    sessions: list[ImportedSession] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line 12: ..." for each line that could not be read
    mapping: dict[str, str] = field(default_factory=dict)  # the source's kinds -> session kinds, as used
    skipped: int = 0  # rows or records read and deliberately left out (another kind of data)
    truncated_notes: int = 0  # notes longer than the journal keeps, cut to its limit and ending in '…'
