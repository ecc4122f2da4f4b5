"""Reading intervals.icu's wellness CSV: each day's sleep, resting heart rate, HRV and how the runner felt.

intervals.icu writes the file from its web app or from
`GET /api/v1/athlete/{id}/wellness.csv`: a `date` column (YYYY-MM-DD), then one
column per field. Columns are found by name, in any order; the ones the journal
has no field for (weight, steps, comments, ...) are left alone. An empty cell is
"not logged", never zero.

What a day takes from a row:

- sleepSecs -> sleep_hours: seconds asleep, as hours to two decimals (0 to 24).
- restingHR -> resting_hr, to whole beats a minute.
- hrv -> hrv with hrv_method "rmssd" (intervals.icu's hrv is rMSSD); a row without
  it takes hrvSDNN -> hrv with hrv_method "sdnn". rMSSD is preferred: it is what
  most devices that sync to intervals.icu report, and a runner's trend should not
  switch methods from one day to the next when both are there.
- sleepQuality, soreness, fatigue, stress, mood -> the journal's items of the same
  meaning, through the tables in SCALES below. intervals.icu asks each on a 1-4 scale
  whose 1 is the best answer, the other way round from the journal, where 5 is best:

  | intervals.icu answers 1, 2, 3, 4                       | journal    |
  |--------------------------------------------------------|------------|
  | sleepQuality: great, good, average, poor               | 5, 4, 3, 1 |
  | mood: great, good, OK, grumpy                          | 5, 4, 3, 1 |
  | soreness, fatigue, stress: low, average, high, extreme | 5, 3, 2, 1 |

  The answers' labels are those of intervals.icu's wellness form (its API names them
  GREAT, GOOD, AVG, POOR; LOW, AVG, HIGH, EXTREME; GREAT, GOOD, OK, GRUMPY), as the
  projects that read its API quote them: watt-mind/coach issue 33 (mood 1 great,
  soreness 1 low), mvilanova/intervals-mcp-server pull request 63 and
  CrankAddict/section-11 pull request 4 (sleep quality 1 great to 4 poor), and the
  labelled schema of futureweb's intervals.icu tools (each field's four labels); no
  page of intervals.icu's own was found saying it. One rule makes every table: the
  best answer is the journal's 5 and the worst its 1, so the two scales span the
  same range; the middle word (average, OK) is the journal's middle, 3; the answer
  left sits between its neighbours (good 4, high 2). A 0 is intervals.icu's "no
  answer" and is read as not logged.

A row that cannot be read is reported as "wellness.csv line N: reason", and the
rest of the file is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping
from pathlib import Path

from journal.dates import parse_iso_date
from journal.domain.imported import DayValues, SourceBatch, device_reading, whole
from journal.domain.scales import parse_sleep_hours
from journal.errors import InvalidInput
from journal.files import open_regular
from journal.io.source_csv import open_export

SOURCE = "intervals"
DATE = "date"
SLEEP_SECS = "sleepSecs"
RESTING_HR = "restingHR"
HRV_RMSSD = "hrv"
HRV_SDNN = "hrvSDNN"

# intervals.icu's subjective fields: the journal's field, its answers 1-4 by name, and where each lands on
# the journal's 1-5 (5 best). See the module's docstring for the rule behind the tables.
SCALES: dict[str, tuple[str, tuple[str, str, str, str], Mapping[int, int]]] = {
    "sleepQuality": ("sleep_quality", ("great", "good", "average", "poor"), {1: 5, 2: 4, 3: 3, 4: 1}),
    "soreness": ("soreness", ("low", "average", "high", "extreme"), {1: 5, 2: 3, 3: 2, 4: 1}),
    "fatigue": ("fatigue", ("low", "average", "high", "extreme"), {1: 5, 2: 3, 3: 2, 4: 1}),
    "stress": ("stress", ("low", "average", "high", "extreme"), {1: 5, 2: 3, 3: 2, 4: 1}),
    "mood": ("mood", ("great", "good", "OK", "grumpy"), {1: 5, 2: 4, 3: 3, 4: 1}),
}
# Columns only intervals.icu's file has: the journal's own entries.csv also has date, fatigue, mood, ...
_ITS_OWN = frozenset({SLEEP_SECS, RESTING_HR, HRV_SDNN, "sleepQuality", "sleepScore", "avgSleepingHR", "spO2"})
_HEAD = 1 << 16  # a header is one short line
_SECONDS = re.compile(r"[0-9]{1,9}(\.[0-9]{1,9})?")
_ANSWER = re.compile(r"[0-9]{1,2}(\.0{1,9})?")  # a whole number, also as a spreadsheet may write it ("2.0")


def recognise(path: Path) -> bool:
    """Whether `path` starts with the header of intervals.icu's wellness CSV: a date column and one of its own."""
    try:
        with open_regular(path) as file:
            head = file.read(_HEAD).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    try:
        header = {cell.strip() for cell in next(csv.reader(io.StringIO(head, newline="")), [])}
    except csv.Error:  # not CSV at all ('\r\0', say): not this app's export
        return False
    return DATE in header and not header.isdisjoint(_ITS_OWN)


def read_intervals(path: Path) -> SourceBatch:
    """Every day in intervals.icu's wellness CSV at `path`, on the journal's fields and scales.

    Raises InvalidInput, with one line, for a file that cannot be read or has no date column; a row that
    cannot be read is in the batch's problems."""
    batch = SourceBatch(SOURCE)
    name = path.name
    file = open_export(path, "intervals.icu's wellness CSV")
    try:
        with io.TextIOWrapper(file, encoding="utf-8-sig", newline="") as text:
            reader = csv.reader(text, strict=True)
            header = [cell.strip() for cell in next(reader, [])]
            if DATE not in header:
                raise InvalidInput(
                    f"{name} line 1: not intervals.icu's wellness CSV: it has no {DATE!r} column"
                    if header
                    else f"{name} is empty: intervals.icu's wellness CSV starts with its header"
                )
            seen: dict[dt.date, int] = {}
            ended = reader.line_num
            for row in reader:
                first, ended = ended + 1, reader.line_num  # a quoted cell may hold several lines
                if not any(cell.strip() for cell in row):
                    continue
                where = f"{name} line {first}"
                if len(row) != len(header):
                    batch.problems.append(f"{where}: {len(row)} cells where the header has {len(header)}")
                    continue
                try:
                    day = _day(dict(zip(header, row, strict=True)), where)
                except InvalidInput as problem:
                    batch.problems.append(f"{where}: {problem}")
                    continue
                if day is None:
                    batch.skipped += 1  # a date and nothing the journal keeps
                elif day.day in seen:
                    batch.problems.append(f"{where}: {day.day} is already on line {seen[day.day]}")
                else:
                    seen[day.day] = first
                    batch.days.append(day)
    except UnicodeDecodeError:
        raise InvalidInput(f"{name} is not UTF-8 text") from None
    except csv.Error as error:
        raise InvalidInput(f"{name} is not CSV ({error})") from None
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror or error}") from None
    batch.days.sort(key=lambda day: day.day)
    return batch


def _day(cells: dict[str, str], where: str) -> DayValues | None:
    """The journal's values in one row, or None when it has only a date; InvalidInput for a cell it cannot read."""
    day = parse_iso_date(cells[DATE], DATE)
    values: dict[str, float | int | str] = {}
    if (text := cells.get(SLEEP_SECS, "").strip()) and text.strip("0.") != "":
        values["sleep_hours"] = _sleep_hours(text)  # 0 is no night recorded, as a 0 answer is no answer
    if text := cells.get(RESTING_HR, "").strip():
        values["resting_hr"] = whole(device_reading("resting_hr", text))
    for column, method in ((HRV_RMSSD, "rmssd"), (HRV_SDNN, "sdnn")):
        if text := cells.get(column, "").strip():
            values["hrv"] = round(device_reading("hrv", text), 1)
            values["hrv_method"] = method
            break
    for column, (field, answers, journal) in SCALES.items():
        if (text := cells.get(column, "").strip()) and (answer := _answer(text, column, answers)):
            values[field] = journal[answer]
    return DayValues(day, values, where=where) if values else None


def _sleep_hours(text: str) -> float:
    seconds = float(text) if _SECONDS.fullmatch(text) else None
    if seconds is None:
        raise InvalidInput(f"{SLEEP_SECS} must be seconds asleep, like 27000 for 7.5 hours, got {text!r}")
    hours = seconds / 3600
    try:
        return parse_sleep_hours(f"{hours:.2f}")
    except InvalidInput:
        raise InvalidInput(f"{SLEEP_SECS} {text} is {hours:.1f} hours asleep, more than a day") from None


def _answer(text: str, column: str, answers: tuple[str, ...]) -> int | None:
    """An answer on intervals.icu's 1-4 scale, or None for its 0, "no answer"."""
    value = int(float(text)) if _ANSWER.fullmatch(text) else None
    if value is None or not 0 <= value <= len(answers):
        named = ", ".join(f"{number} {label}" for number, label in enumerate(answers, start=1))
        raise InvalidInput(f"{column} must be intervals.icu's answer from 1 to 4 ({named}), got {text!r}")
    return value or None
