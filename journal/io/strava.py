"""Strava's bulk export read as training sessions: `activities.csv`, alone or inside the export's zip.

Strava's "Download or delete your account" sends a zip holding `activities.csv`, a
row per activity with some 80 to 100 columns. The columns are found by their names,
never by their places (newer exports add columns, and some names come twice); a
header cell wrapped in markup (`<span class="translation_missing" ...>Type</span>`)
counts by its text. The zip is read where it is: nothing is unpacked to disk.

Each activity becomes one session, with the activity's ID as its source id, read so:

- **day**: `Activity Date` (`Oct 6, 2022, 11:19:20 PM`) is in UTC; the session's day
  is the local day of that moment in the time zone given, so an evening run in
  Berlin logged at 11:19 PM UTC lands on the next day, as the runner lived it.
- **kind**: from `Activity Type` through `KINDS` (below), or the runner's own
  choice per type; a type neither names is `other`. `batch.mapping` lists every type
  seen with the kind it became, so the runner can check and change it.
- **minutes**: the first `Elapsed Time` (whole seconds), rounded to the nearest
  minute (half a minute up), at least 1. Elapsed, not moving time: a session's load
  is its RPE times the whole session (Foster et al. 2001), the recoveries between
  intervals and the rests between sets included, and moving time drops them (a
  strength session's moving time is whatever the watch made of standing still).
- **km**: the second `Distance`, which is in metres; the first is in the unit of the
  account (km or miles) and is not used. An activity with no distance, or 0 (a gym
  session), has no km.
- **RPE**: `Perceived Exertion`, when the runner gave one, taken as it is. Strava's
  scale runs 1 to 10 with 10 the hardest, as the CR-10 the journal keeps runs 0 (rest)
  to 10 (maximal): the same numbers, rising the same way to the same top, so no
  number is moved; Strava has no 0, and the journal's 0 is never made from it. Empty
  (most activities) is no RPE, so the session has no load.
- **note**: `Activity Name`, then `Activity Description`, then `Activity Private
  Note`, each that is not empty on a line of its own. Control characters other than
  line breaks and tabs are taken out (the journal refuses them: a terminal would obey
  them), line ends become `\\n`, and a note over the journal's limit is cut to it,
  ending in `…`; `batch.truncated_notes` counts those.

A row that cannot be read (a date that is not one, a minute count past a day, an ID
seen before) is listed in `batch.problems` as `activities.csv line N: reason`, N the
line the row starts on, and every other row is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path, PurePosixPath
from typing import IO

from journal.dates import EARLIEST, LATEST
from journal.domain.distance import parse_km
from journal.domain.imported import ImportedSession, SourceBatch
from journal.domain.sessions import MINUTES_MAX, Session, parse_rpe, parse_session_kind, parse_session_note
from journal.errors import InvalidInput
from journal.io.source_csv import (
    Columns,
    check_not_encrypted,
    check_size,
    clean_text,
    fit_note,
    header_names,
    numbered_rows,
    open_export,
    text_stream,
    unreadable,
)

MEMBER = "activities.csv"

# Strava's activity types (as the export writes them; the API's one-word spellings match too) -> session kinds.
# Runs are runs, a treadmill's too. Walks and hikes are walks. Weights and CrossFit are strength. Yoga and Pilates
# are the mobility and core work the journal's `rehab` kind stands for (it ticks the "rehab or mobility" item).
# Other endurance sports, and HIIT classes, are cross-training: the journal's `intervals` are running intervals,
# and a HIIT class ticking them would claim a run that did not happen. Strava's catch-all `Workout` could be
# anything, so it is `other`, as is every type not named here.
KINDS: Mapping[str, str] = {
    **dict.fromkeys(("Run", "Trail Run", "Virtual Run"), "run"),
    **dict.fromkeys(("Walk", "Hike"), "walk"),
    **dict.fromkeys(("Weight Training", "Crossfit"), "strength"),
    **dict.fromkeys(("Yoga", "Pilates"), "rehab"),
    **dict.fromkeys(
        (
            "Ride",
            "Virtual Ride",
            "Mountain Bike Ride",
            "Gravel Ride",
            "E-Bike Ride",
            "E-Mountain Bike Ride",
            "Handcycle",
            "Velomobile",
            "Wheelchair",
            "Swim",
            "Rowing",
            "Virtual Row",
            "Elliptical",
            "Stair-Stepper",
            "HIIT",
            "Nordic Ski",
            "Backcountry Ski",
            "Roller Ski",
            "Alpine Ski",
            "Snowboard",
            "Snowshoe",
            "Ice Skate",
            "Inline Skate",
            "Canoeing",
            "Kayaking",
            "Stand Up Paddling",
            "Surfing",
            "Kitesurf",
            "Windsurf",
            "Rock Climbing",
            "Soccer",
            "Tennis",
            "Badminton",
            "Squash",
            "Racquetball",
            "Pickleball",
            "Table Tennis",
        ),
        "cross-training",
    ),
    "Workout": "other",
}
UNKNOWN_KIND = "other"

# The columns read, by name (lower case, as header_name gives them).
ID, DATE, NAME, TYPE = "activity id", "activity date", "activity name", "activity type"
DESCRIPTION, PRIVATE_NOTE = "activity description", "activity private note"
ELAPSED, DISTANCE, EXERTION = "elapsed time", "distance", "perceived exertion"
REQUIRED = (ID, DATE, TYPE, ELAPSED)

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
# `Oct 6, 2022, 11:19:20 PM`; the month may be written out, and the space before PM may be any space.
# `Oct 6, 2022, 11:19:20 PM` as the English export writes it; `Oct 6, 2022, 23:19:20` and `6 Oct 2022, 23:19:20`
# as an account set to a 24-hour clock or day-first dates writes it.
_TIME = r"(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})(?:\s*(?P<half>[AaPp])\.?[Mm]\.?)?"
_STRAVA_DATE = re.compile(
    r"(?P<month>[A-Za-z]{3})[A-Za-z]*\.?\s+(?P<day>[0-9]{1,2}),\s*(?P<year>[0-9]{4}),?\s+" + _TIME
)
_STRAVA_DATE_DAY_FIRST = re.compile(
    r"(?P<day>[0-9]{1,2})\.?\s+(?P<month>[A-Za-z]{3})[A-Za-z]*\.?\s+(?P<year>[0-9]{4}),?\s+" + _TIME
)
_ISO_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}")
_AMOUNT = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,9})?")
_WHOLE_RPE = re.compile(r"(?P<rpe>[0-9]{1,2})(?:\.0*)?")
_ID = re.compile(r"[0-9]{1,20}")


def recognise(header: list[str]) -> bool:
    """Whether a CSV header is Strava's `activities.csv`: it names the columns a session is read from."""
    names = set(header_names(header))
    return all(column in names for column in REQUIRED)


def type_key(activity_type: str) -> str:
    """An activity type as compared: `Weight Training`, `WeightTraining` and `weight-training` are one type."""
    return re.sub(r"[^0-9a-z]", "", activity_type.casefold())


_DEFAULT_BY_KEY = {type_key(name): kind for name, kind in KINDS.items()}


def read_strava(path: Path, *, tz: dt.tzinfo, kinds: Mapping[str, str] | None = None) -> SourceBatch:
    """The sessions of a Strava export: `activities.csv`, or the export's zip holding it.

    `tz` is the runner's time zone, which turns Strava's UTC moments into days. `kinds`
    maps Strava activity types to session kinds over `KINDS` (a kind the journal does not
    have is refused before the file is read). Raises InvalidInput for a file that is not
    Strava's export at all; a row that cannot be read is a problem in the batch instead.
    """
    chosen = _chosen_kinds(kinds or {})
    batch = SourceBatch(source="strava")
    with _activities(path) as (name, file):
        reader = csv.reader(file, strict=True)
        header = next(reader, None)
        if header is None:
            raise InvalidInput(f"{name} is empty: Strava's activities.csv starts with its header")
        columns = _Columns.of(header, name)
        if columns.metres is None:
            batch.problems.append(
                f"{name} line 1: no second Distance column (Strava's distance in metres):"
                " the sessions are read without their distance"
            )
        seen: dict[str, int] = {}
        for line, row, reason in numbered_rows(reader):
            where = f"{name} line {line}"
            if row is None:
                batch.problems.append(f"{where}: {reason}")
                continue
            try:
                imported, cut = _activity(row, columns, tz, chosen, batch.mapping, where)
            except InvalidInput as problem:
                batch.problems.append(f"{where}: {problem}")
                continue
            if imported.source_id in seen:
                batch.problems.append(
                    f"{where}: Activity ID {imported.source_id} is on line {seen[imported.source_id]} already"
                )
                continue
            seen[imported.source_id] = line
            batch.sessions.append(imported)
            batch.truncated_notes += cut
    return batch


def _chosen_kinds(kinds: Mapping[str, str]) -> dict[str, str]:
    chosen = dict(_DEFAULT_BY_KEY)
    for activity_type, kind in kinds.items():
        key = type_key(activity_type)
        if not key:
            raise InvalidInput(f"a Strava activity type is a name like Run or Weight Training, got {activity_type!r}")
        chosen[key] = parse_session_kind(kind)
    return chosen


@contextmanager
def _activities(path: Path) -> Iterator[tuple[str, IO[str]]]:
    """`activities.csv` as text, with the name its lines are reported under: the file itself, or the zip's member,
    read from the zip as it streams."""
    binary = open_export(path, "Strava's export")
    with binary:
        if not zipfile.is_zipfile(binary):
            binary.seek(0)
            with text_stream(binary) as text:
                try:
                    yield path.name, text
                except OSError as error:
                    raise unreadable(path.name, error) from None
            return
        binary.seek(0)
        try:
            archive = zipfile.ZipFile(binary)
            member = _member(archive, path)
            check_not_encrypted(member, f"{MEMBER} in {path.name}")
            check_size(member.file_size, f"{MEMBER} in {path.name}", "a Strava export's activities.csv")
            inside = archive.open(member)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError) as error:
            raise InvalidInput(f"cannot read {MEMBER} in {path.name}: {error}") from None
        with archive, inside, text_stream(inside) as text:
            try:
                yield PurePosixPath(member.filename).name, text
            except (zipfile.BadZipFile, EOFError, OSError) as error:  # a damaged member shows as it is read
                raise InvalidInput(f"cannot read {MEMBER} in {path.name}: {error}") from None


def _member(archive: zipfile.ZipFile, path: Path) -> zipfile.ZipInfo:
    """The zip's `activities.csv`: at its top, as Strava writes it, or else the one nearest the top."""
    found = [
        info for info in archive.infolist() if not info.is_dir() and PurePosixPath(info.filename).name.lower() == MEMBER
    ]
    if not found:
        raise InvalidInput(f"{path.name} holds no {MEMBER}: is it the zip of Strava's bulk export?")
    return min(found, key=lambda info: (info.filename.count("/"), info.filename))


@dataclass(frozen=True)
class _Columns:
    """Where each value is in a row: the first of a repeated name, or the second where Strava says so."""

    width: int
    id: int
    date: int
    type: int
    elapsed: int  # the first Elapsed Time: whole seconds
    metres: int | None  # the second Distance: metres (the first is in the account's unit)
    name: int | None
    description: int | None
    private_note: int | None
    exertion: int | None

    @classmethod
    def of(cls, header: list[str], file_name: str) -> _Columns:
        named = Columns(header, REQUIRED, "Strava's activities.csv", file_name, _title)
        found, first = named.found, named.first

        distances = found.get(DISTANCE, [])
        return cls(
            width=len(header),
            id=found[ID][0],
            date=found[DATE][0],
            type=found[TYPE][0],
            elapsed=found[ELAPSED][0],
            metres=distances[1] if len(distances) > 1 else None,
            name=first(NAME),
            description=first(DESCRIPTION),
            private_note=first(PRIVATE_NOTE),
            exertion=first(EXERTION),
        )


def _title(column: str) -> str:
    return " ".join(word.capitalize() if word != "id" else "ID" for word in column.split())


def _activity(
    row: list[str],
    columns: _Columns,
    tz: dt.tzinfo,
    chosen: Mapping[str, str],
    mapping: dict[str, str],
    where: str,
) -> tuple[ImportedSession, bool]:
    """One row as a session, and whether its note was cut; InvalidInput names the first value that is wrong."""
    if len(row) != columns.width:
        cells = f"{len(row)} cell{'s' if len(row) != 1 else ''}"
        raise InvalidInput(f"{cells} where the header has {columns.width}: a row cut short, or a quote out of place")
    source_id = row[columns.id].strip()
    if not _ID.fullmatch(source_id):
        raise InvalidInput(f"Activity ID is a number, got {source_id!r}")
    day = local_day(row[columns.date], tz)
    kind = _kind(row[columns.type], chosen, mapping)
    minutes = _minutes(row[columns.elapsed])
    km = _km(row[columns.metres]) if columns.metres is not None else None
    rpe = _rpe(row[columns.exertion]) if columns.exertion is not None else None
    parts = (row[index] for index in (columns.name, columns.description, columns.private_note) if index is not None)
    note, cut = fit_note("\n".join(text for text in map(clean_text, parts) if text))
    session = Session(day=day, kind=kind, minutes=minutes, km=km, rpe=rpe, note=parse_session_note(note))
    return ImportedSession(source_id=source_id, session=session, where=where), cut


def local_day(text: str, tz: dt.tzinfo) -> dt.date:
    """The day in `tz` of Strava's `Activity Date`, a moment in UTC written `Oct 6, 2022, 11:19:20 PM` (or, in the
    earliest exports, `2022-10-06 23:19:20`)."""
    moment = _utc_moment(text.strip())
    day = moment.astimezone(tz).date()
    if not EARLIEST <= day <= LATEST:
        raise InvalidInput(f"Activity Date {text.strip()!r} is outside the journal's calendar")
    return day


def _utc_moment(text: str) -> dt.datetime:
    wrong = InvalidInput(f"Activity Date is a moment like 'Oct 6, 2022, 11:19:20 PM', got {text!r}")
    if match := _STRAVA_DATE.fullmatch(text) or _STRAVA_DATE_DAY_FIRST.fullmatch(text):
        month = _MONTHS.get(match["month"].lower())
        hour = int(match["hour"])
        if match["half"] is None:  # a 24-hour clock
            if month is None or not 0 <= hour <= 23:
                raise wrong
        else:
            if month is None or not 1 <= hour <= 12:
                raise wrong
            hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
        try:
            naive = dt.datetime(
                int(match["year"]), month, int(match["day"]), hour, int(match["minute"]), int(match["second"])
            )
        except ValueError:
            raise wrong from None
    elif _ISO_MOMENT.fullmatch(text):
        try:
            naive = dt.datetime.fromisoformat(text)
        except ValueError:
            raise wrong from None
    else:
        raise wrong
    return naive.replace(tzinfo=dt.UTC)


def _kind(cell: str, chosen: Mapping[str, str], mapping: dict[str, str]) -> str:
    activity_type = " ".join(cell.split())
    if not activity_type:
        raise InvalidInput("Activity Type is empty")
    if not activity_type.isprintable() or not _encodable(activity_type):
        raise InvalidInput(f"Activity Type {activity_type!r} is not text the journal can keep")
    kind = chosen.get(type_key(activity_type), UNKNOWN_KIND)
    mapping[activity_type] = kind
    return kind


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _minutes(cell: str) -> int:
    seconds = cell.strip()
    if not _AMOUNT.fullmatch(seconds):
        raise InvalidInput(f"Elapsed Time is whole seconds, got {seconds!r}")
    minutes = max(1, int((Decimal(seconds) / 60).to_integral_value(rounding=ROUND_HALF_UP)))
    if minutes > MINUTES_MAX:
        raise InvalidInput(
            f"Elapsed Time {seconds} s is {minutes:,} minutes: a session lasts at most {MINUTES_MAX:,} (a day)"
        )
    return minutes


def _km(cell: str) -> float | None:
    metres = cell.strip()
    if not metres:
        return None
    if not _AMOUNT.fullmatch(metres):
        raise InvalidInput(f"Distance (the second, in metres) is a number of metres, got {metres!r}")
    km = (Decimal(metres) / 1000).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    if km == 0:
        return None
    return parse_km(f"{km:f}")


def _rpe(cell: str) -> int | None:
    text = cell.strip()
    if not text:
        return None
    match = _WHOLE_RPE.fullmatch(text)
    if match is None:
        raise InvalidInput(f"Perceived Exertion is a whole number 1-10, got {text!r}")
    return parse_rpe(match["rpe"])
