"""Daylio's CSV export read as days: a mood for each day, and the day's entries as text for its note.

Daylio writes a row per entry, newest first, under the header
`full_date,date,weekday,time,mood,activities,note_title,note` (older exports have no
`note_title`; newer ones may add columns: every column is found by its name). A day
may have several entries, and `time` is `6:50 pm` or `14:58`, even within one file.

- **mood**: Daylio's five moods onto the journal's 1-5, where 5 is best: rad 5, good
  4, meh 3, bad 2, awful 1 (capitals or not). A mood the runner renamed or added in
  Daylio is one of those five levels there, but the export writes only its name: give
  its level in `moods` (`{"sleepy": 2}`). A row whose mood is neither is a problem
  that says so, and the day is made of its other entries.
- **several entries a day**: the day's mood is the mean of its entries' levels,
  rounded to the nearest whole level, half up (2 and 3 make 3). The journal's mood
  is how the day went as a whole, asked once a day; the last entry would let a good
  evening stand for a bad morning, and the mean of the day's levels is the nearest
  single figure to what the runner logged across it. It is always within 1-5.
- **note**: each entry with a title, a note or activities gives the day's note a
  line, in the order of the day (by time; entries at the same minute in the order
  written), in this form:

      HH:MM mood: title — note (activities: a, b)

  `HH:MM` is the 24-hour time, `mood` the mood's name as Daylio wrote it; `title —
  note` keeps whichever of the two is there (without the dash when one is missing,
  and without the colon when both are); the parenthesis lists the activities
  (Daylio separates them with ` | `) and is left out when there are none. An entry
  with only a mood gives no line: its mood is in the day's figure. A note's `<br>`
  line breaks (rich-text notes) become line breaks; control characters other than
  line breaks and tabs are taken out (the journal refuses them: a terminal would
  obey them), and a day's note longer than the journal keeps is cut to its limit,
  ending in `…` (`batch.truncated_notes` counts those days).

A row that cannot be read goes to `batch.problems` as `FILE line N: reason`, N the
line it starts on (a quoted note may hold line breaks), and the other rows are read.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from journal.dates import parse_iso_date
from journal.domain.imported import DayValues, SourceBatch
from journal.domain.scales import WELLNESS_MAX, WELLNESS_MIN, parse_text, parse_wellness
from journal.errors import InvalidInput
from journal.io.source_csv import (
    Columns,
    clean_text,
    fit_note,
    header_names,
    numbered_rows,
    open_export,
    text_stream,
    unreadable,
)

# Daylio's own moods, best first, and their levels on the journal's 1-5 (5 best).
MOODS: Mapping[str, int] = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}

FULL_DATE, TIME, MOOD = "full_date", "time", "mood"
ACTIVITIES, NOTE_TITLE, NOTE = "activities", "note_title", "note"
REQUIRED = (FULL_DATE, TIME, MOOD)

# `14:58`, `6:50 pm`, `6:50 PM`, `6:50 p.m.`
_TIME = re.compile(r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-5][0-9])(?:\s*(?P<half>[AaPp])\.?\s*[Mm]\.?)?")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def recognise(header: list[str]) -> bool:
    """Whether a CSV header is Daylio's export: it names the columns a day's mood is read from."""
    names = set(header_names(header))
    return all(column in names for column in REQUIRED)


def read_daylio(path: Path, *, moods: Mapping[str, int] | None = None) -> SourceBatch:
    """The days of a Daylio CSV export: each day's mood (1-5) and its entries as a note.

    `moods` gives the level (1 awful ... 5 rad) of a mood the runner named themselves,
    or another level to one of Daylio's own. Raises InvalidInput for a file that is not
    Daylio's export at all; a row that cannot be read is a problem in the batch instead.
    """
    levels = _levels(moods or {})
    batch = SourceBatch(source="daylio")
    entries: dict[dt.date, list[_Entry]] = {}
    binary = open_export(path, "Daylio's export")
    with binary, text_stream(binary) as file:
        try:
            reader = csv.reader(file, strict=True)
            header = next(reader, None)
            if header is None:
                raise InvalidInput(f"{path.name} is empty: Daylio's export starts with its header")
            columns = _Columns.of(header, path.name)
            for line, row, reason in numbered_rows(reader):
                where = f"{path.name} line {line}"
                if row is None:
                    batch.problems.append(f"{where}: {reason}")
                    continue
                try:
                    day, entry = _entry(row, columns, levels, line)
                except InvalidInput as problem:
                    batch.problems.append(f"{where}: {problem}")
                    continue
                entries.setdefault(day, []).append(entry)
        except OSError as error:
            raise unreadable(path.name, error) from None
    for day in sorted(entries):
        values, cut = _day(day, entries[day], path.name)
        batch.days.append(values)
        batch.truncated_notes += cut
    return batch


def day_mood(levels: list[int]) -> int:
    """The day's mood from its entries' levels: their mean, rounded to the nearest level, half up."""
    if not levels:
        raise ValueError("a day's mood needs at least one entry")
    # round(sum / n) would round half to even (2.5 -> 2); in whole numbers, floor(sum / n + 1/2) is half up.
    return (2 * sum(levels) + len(levels)) // (2 * len(levels))


def _levels(moods: Mapping[str, int]) -> dict[str, int]:
    levels = dict(MOODS)
    for name, level in moods.items():
        key = _mood_key(name)
        if not key:
            raise InvalidInput(f"a Daylio mood is a name like rad or sleepy, got {name!r}")
        try:
            levels[key] = parse_wellness("mood", level)
        except InvalidInput:
            raise InvalidInput(
                f"the Daylio mood {name.strip()!r} goes on a level from {WELLNESS_MIN} (awful) to {WELLNESS_MAX} (rad),"
                f" got {level!r}"
            ) from None
    return levels


def _mood_key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class _Columns:
    width: int
    full_date: int
    time: int
    mood: int
    activities: int | None
    note_title: int | None
    note: int | None

    @classmethod
    def of(cls, header: list[str], file_name: str) -> _Columns:
        named = Columns(header, REQUIRED, "Daylio's export", file_name)
        found, first = named.found, named.first

        return cls(
            width=len(header),
            full_date=found[FULL_DATE][0],
            time=found[TIME][0],
            mood=found[MOOD][0],
            activities=first(ACTIVITIES),
            note_title=first(NOTE_TITLE),
            note=first(NOTE),
        )


@dataclass(frozen=True)
class _Entry:
    minute: int  # of the day, 0-1439
    line: int  # where the row starts in the file: entries at the same minute keep the order they were written in
    level: int
    text: str  # the entry's line for the day's note, or '' for an entry with only a mood


def _entry(row: list[str], columns: _Columns, levels: Mapping[str, int], line: int) -> tuple[dt.date, _Entry]:
    if len(row) != columns.width:
        cells = f"{len(row)} cell{'s' if len(row) != 1 else ''}"
        raise InvalidInput(f"{cells} where the header has {columns.width}: a row cut short, or a quote out of place")
    day = parse_iso_date(row[columns.full_date], "full_date")
    minute = entry_minute(row[columns.time])
    mood = " ".join(row[columns.mood].split())
    if not mood:
        raise InvalidInput("the entry has no mood")
    level = levels.get(_mood_key(mood))
    if level is None:
        raise InvalidInput(
            f"the mood {mood!r} is not one of Daylio's own (rad, good, meh, bad, awful): map it to the level it"
            f" belongs to with --mood {mood}=N, N from {WELLNESS_MIN} (awful) to {WELLNESS_MAX} (rad)"
        )

    def cell(index: int | None) -> str:
        return clean_text(_BREAK.sub("\n", row[index])) if index is not None else ""

    title, note = cell(columns.note_title), cell(columns.note)
    activities = [name for name in (clean_text(part) for part in cell(columns.activities).split("|")) if name]
    text = ""
    if title or note or activities:
        words = " — ".join(part for part in (title, note) if part)
        text = f"{minute // 60:02d}:{minute % 60:02d} {mood}" + (f": {words}" if words else "")
        if activities:
            text += f" (activities: {', '.join(activities)})"
        # A byte that is not UTF-8 is this row's problem, not its day's; the day's note is cut to length later.
        text = parse_text(text, "the entry's text", limit=len(text))
    return day, _Entry(minute, line, level, text)


def entry_minute(text: str) -> int:
    """The minute of the day of Daylio's `time`: `14:58` or `6:50 pm` (12 am is midnight, 12 pm noon)."""
    raw = text.strip()
    match = _TIME.fullmatch(raw)
    hour = int(match["hour"]) if match else -1
    if match and match["half"]:
        if not 1 <= hour <= 12:
            raise InvalidInput(f"time is like 14:58 or 6:50 pm, got {raw!r}")
        hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
    if match is None or not 0 <= hour <= 23:
        raise InvalidInput(f"time is like 14:58 or 6:50 pm, got {raw!r}")
    return hour * 60 + int(match["minute"])


def _day(day: dt.date, entries: list[_Entry], file_name: str) -> tuple[DayValues, bool]:
    in_order = sorted(entries, key=lambda entry: (entry.minute, -entry.line))  # the file is newest first
    note, cut = fit_note("\n".join(entry.text for entry in in_order if entry.text))
    lines = sorted(entry.line for entry in entries)
    where = f"{file_name} line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}"
    mood = parse_wellness("mood", day_mood([entry.level for entry in entries]))
    return DayValues(day=day, values={"mood": mood}, note=note, where=where), cut
