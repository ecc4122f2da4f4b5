"""Reading an Apple Health export: each day's sleep, resting heart rate and HRV, from a file of any size.

The Health app exports `export.zip`, which holds `apple_health_export/export.xml`:
a `<HealthData>` element with one `<Record>` per reading, hundreds of megabytes to
gigabytes of them. The file is read as a stream (from the zip as it is, never
unpacked), each element dropped as soon as it is read, so memory holds only what
the journal keeps: the nights of sleep and the day's readings, never the file.

A document that declares an entity (the "billion laughs", or an external entity
that would read another file) is refused at its declaration, before anything is
expanded: every byte up to the root element goes through defusedxml's parser
first. Declarations can stand nowhere else (XML allows no DTD after the root
starts, and a reference to an entity never declared is an error), so once the
root has started the same bytes need only the standard library's C parser, which
reads them about twice as fast as defusedxml's pure-Python one. Apple's own export
has a DOCTYPE whose internal DTD declares elements and attributes but no entity,
so it reads as it is. The Health app of iOS 16 wrote a DTD with a declaration
left open, which no XML parser takes: such a file is read again without its DTD
(nothing the journal reads is in it; an entity declared in it is still refused).
Control characters that XML forbids, which some exports carry inside text, are
read as spaces instead of stopping the whole file.

What a day takes from the file, and why:

- sleep_hours: the time asleep, from sleep-analysis records whose value is asleep
  (unspecified, core, deep, REM, or the older plain "asleep"); time in bed and time
  awake are not sleep. A source that records a whole night asleep and the times it
  woke inside it as awake has those times taken out of its night (a source's awake
  never cuts another's sleep: which one is right cannot be told). A watch and a
  phone app often record the same night, so the stretches of every source are then
  merged and each moment counted once. Stretches less
  than three hours apart are one night (a wake-up at 3 am does not split it), and a
  night belongs to the day one wakes up on: the local date of its last moment
  asleep. A nap is a night of its own and adds to the day it ends on. Hours are
  rounded as the journal keeps them (two decimals, 0 to 24).
- resting_hr: the mean of the day's resting heart rates, to whole beats a minute.
  Apple writes one a day per source; a second source (a ring, another app) writes
  its own, and the mean keeps both without depending on the order of the file.
- hrv with hrv_method "sdnn": the mean of the day's SDNN readings, in milliseconds
  to one decimal. The watch takes them when it finds the wearer still, at no fixed
  hour, so "the first of the morning" is a night reading one day and one after a run
  the next; the mean of the day's several readings is steadier, does not depend on
  the order of the file, and is the daily figure the Health app charts.

A reading's day is the local date of its middle: an HRV reading lasts a minute,
but a resting heart rate is a figure for a whole day, from just after midnight to
just before the next, and its middle stays on that day in whatever zone it is
seen. A time keeps the offset it was recorded with (the phone's zone then),
unless `tz`, the runner's zone, is given: then every time is moved into it before
its date is taken.

Everything else (other record types, workouts, activity rings) is counted in
`skipped`. A record that cannot be read is reported as "export.xml record N:
reason" (N counts the file's records from 1) and the rest is read.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, NamedTuple, cast
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

import defusedxml.ElementTree as defused
from defusedxml import DefusedXmlException

from journal.domain.imported import DayValues, SourceBatch, device_reading, whole
from journal.domain.scales import parse_sleep_hours
from journal.errors import InvalidInput
from journal.files import NotAFile, open_regular
from journal.io.source_csv import check_not_encrypted

SOURCE = "apple-health"
EXPORT_XML = "export.xml"
EXPORT_MEMBER = "apple_health_export/export.xml"  # where the Health app's zip holds it
ROOT = "HealthData"

SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
RESTING_HR = "HKQuantityTypeIdentifierRestingHeartRate"
HRV_SDNN = "HKQuantityTypeIdentifierHeartRateVariabilitySDNN"
# Every stage of sleep Apple names starts so: Asleep (before iOS 16), AsleepUnspecified, AsleepCore,
# AsleepDeep, AsleepREM; a stage added later under the same name is sleep too.
ASLEEP_PREFIX = "HKCategoryValueSleepAnalysisAsleep"
AWAKE = "HKCategoryValueSleepAnalysisAwake"
IN_BED = "HKCategoryValueSleepAnalysisInBed"
UNITS = {RESTING_HR: "count/min", HRV_SDNN: "ms"}

NIGHT_GAP = 3 * 3600  # seconds awake after which sleep starts a new night (or a nap)
_NOT_DATA = frozenset({"ExportDate", "Me"})  # what the export says of itself: not readings left out

_CHUNK = 1 << 16  # bytes read at a time
# The prologue (the XML declaration and Apple's DTD, some 15 kB) is looked into this far, and the root for.
_HEAD = 1 << 20
_ROOT_TAG = re.compile(rb"<HealthData[\s>/]")
_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^\[>]*\[")  # a DOCTYPE with an internal DTD
_DTD_END = re.compile(rb"\n\]\s*>")  # where Apple's internal DTD ends: "]>" at the start of a line
_STAMP = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) ([+-])([0-9]{2})([0-9]{2})")
# The C0 control characters XML 1.0 forbids (all but tab, line feed and carriage return). In UTF-8 these
# bytes only ever stand for themselves, so they can be replaced byte by byte.
_FORBIDDEN = bytes(range(1, 0x20)).translate(None, b"\t\n\r")
_FORBIDDEN_TO_SPACE = bytes.maketrans(_FORBIDDEN, b" " * len(_FORBIDDEN))


class Stretch(NamedTuple):
    """A stretch of time asleep as one record gives it: POSIX seconds, and its end as recorded."""

    start: float
    end: float
    ended: dt.datetime  # the end with the offset it was recorded in, for the date it falls on
    record: int
    source: str = ""  # the app or device that recorded it (the record's sourceName)


@dataclass
class Night:
    """Sleep with no gap of NIGHT_GAP in it: how long asleep (each moment once) and when it ended."""

    asleep: float  # seconds
    ended: dt.datetime
    records: list[int]


def recognise(path: Path) -> bool:
    """Whether `path` is an Apple Health export: an XML file whose root is <HealthData>, or the zip holding one.

    Only the head of the file is looked at, as text, or the names in the zip: nothing is parsed, so a hostile
    file (or one that needs a password) is refused later, by `read_apple_health`, with its reason."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                return _member(archive.namelist()) is not None
        with _export(path) as (_, stream, _outer):
            head = stream.read(_HEAD)
    except (InvalidInput, OSError, zipfile.BadZipFile, EOFError, zlib.error):
        return False
    return _ROOT_TAG.search(head) is not None


def read_apple_health(
    path: Path, *, tz: dt.tzinfo | None = None, progress: Callable[[float], None] | None = None
) -> SourceBatch:
    """Every day of sleep, resting heart rate and HRV in the export at `path` (export.xml, or the zip).

    Raises InvalidInput, with one line, for a file that is not an export or cannot be read to its end, and
    for one that declares XML entities; a record that cannot be read is in the batch's problems. `progress`
    is told the share of the file read so far (0 to 1), after each chunk."""
    try:
        return _read(path, tz, progress, with_dtd=True)
    except _BrokenDtd:
        # The Health app of iOS 16 wrote a DTD with a declaration left open. Nothing the journal reads is
        # in it: read the file again without it (an entity declared in it is refused all the same).
        return _read(path, tz, progress, with_dtd=False)


def _read(path: Path, tz: dt.tzinfo | None, progress: Callable[[float], None] | None, *, with_dtd: bool) -> SourceBatch:
    reading = _Reading(tz)
    with _export(path) as (name, stream, outer):
        reading.name = name
        legible = _Legible(stream)
        size = max(1, os.fstat(outer.fileno()).st_size)

        def chunk() -> bytes:
            read = legible.read(_CHUNK)
            if progress is not None:
                progress(min(1.0, outer.tell() / size))  # the file's own position: the zip's too
            return read

        chunks = iter(chunk, b"")
        try:
            _walk(_events(chunks if with_dtd else _without_dtd(chunks, name), retry=with_dtd), reading)
        except DefusedXmlException:
            raise InvalidInput(_refusal(name)) from None
        except ParseError as error:
            line, column = error.position
            raise InvalidInput(
                f"{name} is not well-formed XML at line {line}, column {column + 1} ({_reason(error)}):"
                " nothing was imported; export it again from the Health app"
            ) from None
        except (zipfile.BadZipFile, EOFError, zlib.error) as error:
            raise InvalidInput(f"{path.name} cannot be read to its end ({error}): export it again") from None
        except OSError as error:
            raise InvalidInput(f"cannot read {path}: {error.strerror or error}") from None
    return reading.batch()


def _refusal(name: str) -> str:
    return (
        f"{name} was refused: it declares XML entities, which an Apple Health export never does"
        " and which can make a reader expand it without end or read other files"
    )


def merge_intervals(intervals: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """The union of `intervals` (start, end) as disjoint stretches in time order: overlapping or touching
    ones become one, so a moment two sources both recorded is counted once."""
    merged: list[tuple[float, float]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def awake_taken_out(asleep: list[Stretch], awake: Mapping[str, list[tuple[float, float]]]) -> list[Stretch]:
    """`asleep` without the times its own source recorded awake: a stretch is cut around them, each piece
    ending where it ends (a piece that ends sooner ends then, in the offset the stretch was recorded in)."""
    gaps = {source: merge_intervals(times) for source, times in awake.items()}
    kept: list[Stretch] = []
    for stretch in asleep:
        start = stretch.start
        for gap_start, gap_end in gaps.get(stretch.source, ()):
            if gap_end <= start or gap_start >= stretch.end:
                continue
            if gap_start > start:
                ended = dt.datetime.fromtimestamp(gap_start, stretch.ended.tzinfo)
                kept.append(stretch._replace(start=start, end=gap_start, ended=ended))
            start = max(start, gap_end)
        if start < stretch.end:
            kept.append(stretch._replace(start=start))
    return kept


def nights(stretches: list[Stretch]) -> list[Night]:
    """The stretches asleep of every source, as nights: merged, then joined while less than NIGHT_GAP apart."""
    blocks = merge_intervals((stretch.start, stretch.end) for stretch in stretches)
    asleep: list[float] = []
    night_of_block: list[int] = []
    for index, (start, end) in enumerate(blocks):
        if index == 0 or start - blocks[index - 1][1] >= NIGHT_GAP:
            asleep.append(0.0)
        asleep[-1] += end - start
        night_of_block.append(len(asleep) - 1)
    starts = [start for start, _ in blocks]
    last: list[Stretch | None] = [None] * len(asleep)
    records: list[list[int]] = [[] for _ in asleep]
    for stretch in stretches:
        night = night_of_block[bisect.bisect_right(starts, stretch.start) - 1]
        records[night].append(stretch.record)
        ending = last[night]
        if ending is None or stretch.end > ending.end:
            last[night] = stretch
    return [
        Night(seconds, ending.ended, sorted(numbers))
        for seconds, ending, numbers in zip(asleep, last, records, strict=True)
        if ending is not None
    ]


def parse_stamp(text: str | None, what: str) -> dt.datetime:
    """A time as the export writes it, `2020-07-08 01:05:06 +0100`: local, with its offset from UTC."""
    match = _STAMP.fullmatch(text or "")
    if match is None:
        raise InvalidInput(f"{what} is not a time like 2020-07-08 01:05:06 +0100, got {text!r}")
    year, month, day, hour, minute, second = (int(match[index]) for index in range(1, 7))
    try:
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=_offset(match[7], match[8], match[9]))
    except ValueError:
        raise InvalidInput(f"{what} {text!r} is not a real time") from None


@cache
def _offset(sign: str, hours: str, minutes: str) -> dt.timezone:
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes))
    return dt.timezone(-delta if sign == "-" else delta)  # beyond a day: ValueError


@contextmanager
def _export(path: Path) -> Iterator[tuple[str, IO[bytes], IO[bytes]]]:
    """The export's XML as a byte stream, and its name: the file itself, or its member in the Health app's zip."""
    try:
        file = open_regular(path)
    except FileNotFoundError:
        raise InvalidInput(f"{path} does not exist") from None
    except NotAFile as error:
        raise InvalidInput(f"{path} is {error.kind}, not an Apple Health export") from None
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror or error}") from None
    with file:
        if not zipfile.is_zipfile(file):
            file.seek(0)
            yield path.name, file, file
            return
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            member = _member(archive.namelist())
            if member is None:
                raise InvalidInput(f"{path.name} holds no {EXPORT_MEMBER}: is it the export.zip the Health app writes?")
            check_not_encrypted(archive.getinfo(member), f"{member} in {path.name}")
            with archive.open(member) as stream:
                yield EXPORT_XML, stream, file


def _member(names: list[str]) -> str | None:
    """The export in a zip: where the Health app puts it, or else the only export.xml one level down."""
    if EXPORT_MEMBER in names:
        return EXPORT_MEMBER
    found = [name for name in names if name.count("/") <= 1 and name.rsplit("/", 1)[-1] == EXPORT_XML]
    return found[0] if len(found) == 1 else None


class _Legible:
    """A byte stream with the control characters XML forbids read as spaces: some exports carry one inside a
    text (a device's name, a note), and an XML parser would stop the whole file there."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw

    def read(self, size: int = -1) -> bytes:
        return self._raw.read(size).translate(_FORBIDDEN_TO_SPACE)


def _walk(events: Iterator[tuple[str, Element]], reading: _Reading) -> None:
    """Hand each element under the root to `reading` once it has ended, then drop it, with all inside it."""
    _, root = next(events)
    if root.tag != ROOT:
        raise InvalidInput(
            f"{reading.name} is XML but not an Apple Health export: its root is <{root.tag}>, not <{ROOT}>"
        )
    depth = 1
    for event, element in events:
        if event == "start":
            depth += 1
            continue
        depth -= 1
        if depth == 1:
            reading.take(element)
            root.clear()  # the element, its children and their attributes go


def _events(chunks: Iterator[bytes], *, retry: bool) -> Iterator[tuple[str, Element]]:
    """The document's start and end events, as the standard library's iterparse gives them, once defusedxml has
    read every declaration: each chunk goes to defusedxml's parser first, until the root element starts.

    With `retry`, a prologue that cannot be parsed but holds an internal DTD raises _BrokenDtd."""
    prologue: defused.DefusedXMLParser | None = defused.DefusedXMLParser(target=_Prologue())
    document: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
    head = b""
    for chunk in chunks:
        if prologue is not None:
            if len(head) < _HEAD:
                head += chunk
            try:
                prologue.feed(chunk)  # a declaration of an entity raises here, before `document` has it
            except _RootStarts:
                prologue = None
            except ParseError as error:
                if retry and _DOCTYPE.search(head):
                    raise _BrokenDtd from error
                raise
        document.feed(chunk)
        yield from _elements(document)
    document.close()  # a document that breaks off raises here
    yield from _elements(document)


def _without_dtd(chunks: Iterator[bytes], name: str) -> Iterator[bytes]:
    """`chunks` with the DOCTYPE and its internal DTD left out (as many line ends in their place, so lines keep
    their numbers). An entity declared in it is refused: its declarations are never parsed, but a file that
    has one is not an Apple Health export."""
    head = b""
    for chunk in chunks:
        head += chunk
        opening = _DOCTYPE.search(head)
        closing = _DTD_END.search(head, opening.end()) if opening else None
        if opening and closing:
            if b"<!ENTITY" in head[opening.end() : closing.start()]:
                raise InvalidInput(_refusal(name))
            yield head[: opening.start()] + b"\n" * head.count(b"\n", opening.start(), closing.end())
            yield head[closing.end() :]
            yield from chunks
            return
        if len(head) > _HEAD:
            break  # no DTD ends this far in: read on as it is, and fail where the parser fails
    yield head
    yield from chunks


def _elements(document: XMLPullParser[Element]) -> Iterator[tuple[str, Element]]:
    # Asked for start and end events only, each of which carries its element.
    return cast(Iterator[tuple[str, Element]], document.read_events())


class _BrokenDtd(Exception):
    """The prologue has an internal DTD that is not well-formed."""


class _RootStarts(Exception):
    """defusedxml has read the whole prologue (the XML declaration, the DOCTYPE and its DTD): the root starts."""


class _Prologue:
    """What defusedxml's parser builds: nothing, it stops at the root element."""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        raise _RootStarts

    def close(self) -> None:
        return None


def _reason(error: ParseError) -> str:
    """Expat's reason without the position it appends (the message gives it once, counted from 1), nor a
    "not well-formed" the message already says."""
    reason = str(error).split(":", 1)[0]
    return reason.removeprefix("not well-formed (").removesuffix(")") if reason.startswith("not well-") else reason


class _Reading:
    """What has been read of the export so far: the stretches asleep, and each day's readings."""

    def __init__(self, tz: dt.tzinfo | None) -> None:
        self.tz = tz
        self.name = EXPORT_XML
        self.records = 0
        self.skipped = 0
        self.problems: list[str] = []
        self.asleep: list[Stretch] = []
        self.awake: defaultdict[str, list[tuple[float, float]]] = defaultdict(list)  # by source
        self.resting: defaultdict[dt.date, list[float]] = defaultdict(list)
        self.hrv: defaultdict[dt.date, list[float]] = defaultdict(list)
        self.sources: defaultdict[dt.date, list[int]] = defaultdict(list)  # the records each day's values come from

    def take(self, element: Element) -> None:
        if element.tag != "Record":
            if element.tag not in _NOT_DATA:
                self.skipped += 1
            return
        self.records += 1
        kind = element.get("type")
        try:
            if kind == SLEEP:
                self._sleep(element)
            elif kind == RESTING_HR:
                self._reading(element, self.resting, "resting_hr")
            elif kind == HRV_SDNN:
                self._reading(element, self.hrv, "hrv")
            else:
                self.skipped += 1
        except InvalidInput as problem:
            self.problems.append(f"{self.name} record {self.records}: {problem}")

    def _sleep(self, element: Element) -> None:
        value = element.get("value", "")
        if value == IN_BED:
            self.skipped += 1
            return
        if value != AWAKE and not value.startswith(ASLEEP_PREFIX):
            raise InvalidInput(f"sleep analysis with a value the journal does not know, {value!r}")
        start = parse_stamp(element.get("startDate"), "startDate")
        end = parse_stamp(element.get("endDate"), "endDate")
        if end < start:
            raise InvalidInput(f"sleep that ends ({end}) before it starts ({start})")
        source = element.get("sourceName", "")
        if value == AWAKE:
            self.awake[source].append((start.timestamp(), end.timestamp()))
        elif end == start:
            self.skipped += 1  # no time asleep: no night of its own
        else:
            self.asleep.append(Stretch(start.timestamp(), end.timestamp(), end, self.records, source))

    def _reading(self, element: Element, days: defaultdict[dt.date, list[float]], field: str) -> None:
        kind = element.get("type", "")
        unit = element.get("unit")
        if unit != UNITS[kind]:
            raise InvalidInput(f"{_short(kind)} in {unit!r}, where the journal reads {UNITS[kind]!r}")
        value = device_reading(field, element.get("value", ""))
        start = parse_stamp(element.get("startDate"), "startDate")
        end = parse_stamp(element.get("endDate"), "endDate")
        if end < start:
            raise InvalidInput(f"{_short(kind)} that ends ({end}) before it starts ({start})")
        day = self._day(start + (end - start) / 2)
        days[day].append(value)
        self.sources[day].append(self.records)

    def _day(self, moment: dt.datetime) -> dt.date:
        return (moment.astimezone(self.tz) if self.tz else moment).date()

    def batch(self) -> SourceBatch:
        sleep: defaultdict[dt.date, float] = defaultdict(float)
        for night in nights(awake_taken_out(self.asleep, self.awake)):
            day = self._day(night.ended)
            sleep[day] += night.asleep
            self.sources[day].extend(night.records)
        days: list[DayValues] = []
        for day in sorted(self.sources):
            values: dict[str, float | int | str] = {}
            where = _where(self.name, self.sources[day])
            if day in sleep:
                hours = sleep[day] / 3600
                try:
                    values["sleep_hours"] = parse_sleep_hours(f"{hours:.2f}")
                except InvalidInput:
                    self.problems.append(f"{where}: sleep on {day} adds up to {hours:.1f} hours, more than a day")
            if day in self.resting:
                values["resting_hr"] = whole(sum(self.resting[day]) / len(self.resting[day]))
            if day in self.hrv:
                values["hrv"] = round(sum(self.hrv[day]) / len(self.hrv[day]), 1)
                values["hrv_method"] = "sdnn"
            if values:
                days.append(DayValues(day, values, where=where))
        return SourceBatch(SOURCE, days=days, problems=self.problems, skipped=self.skipped)


def _short(kind: str) -> str:
    """A record type in a few words: HKQuantityTypeIdentifierRestingHeartRate -> RestingHeartRate."""
    return kind.removeprefix("HKQuantityTypeIdentifier").removeprefix("HKCategoryTypeIdentifier")


def _where(name: str, records: list[int]) -> str:
    numbers = sorted(set(records))
    if len(numbers) == 1:
        return f"{name} record {numbers[0]}"
    return f"{name} record {numbers[0]} and {len(numbers) - 1} more"
