"""Strava's bulk export read as sessions: columns by name, UTC moments as local days, a bad row named by its line."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.domain.scales import NOTE_MAX
from journal.domain.sessions import SESSION_KINDS
from journal.errors import InvalidInput
from journal.io.daylio import recognise as recognise_daylio
from journal.io.strava import KINDS, local_day, read_strava, recognise

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "strava" / "activities.csv"
BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC

# The columns of a small export, in Strava's order, with the names Strava repeats.
HEADER = [
    "Activity ID",
    "Activity Date",
    "Activity Name",
    "Activity Type",
    "Activity Description",
    "Elapsed Time",
    "Distance",
    "Commute",
    "Activity Private Note",
    "Elapsed Time",
    "Moving Time",
    "Distance",
    "Commute",
    "Perceived Exertion",
]


def write_csv(folder: Path, rows: list[dict[str, str]], header: list[str] = HEADER, name: str = "activities.csv"):
    """A file of `rows`, each a dict of the columns it fills: `Distance` and `Elapsed Time` are the first of their
    name, `Distance 2` and `Elapsed Time 2` the second."""
    path = folder / name
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(header)
        for values in rows:
            cells, seen = [], {}
            for column in header:
                seen[column] = seen.get(column, 0) + 1
                key = column if seen[column] == 1 else f"{column} {seen[column]}"
                cells.append(values.get(key, ""))
            writer.writerow(cells)
    return path


def activity(**values: str) -> dict[str, str]:
    base = {
        "Activity ID": "1001",
        "Activity Date": "Mar 3, 2024, 7:00:00 AM",
        "Activity Name": "Morning Run",
        "Activity Type": "Run",
        "Elapsed Time": "1800",
        "Distance": "5.00",
        "Elapsed Time 2": "1800.0",
        "Distance 2": "5000.0",
    }
    base.update({key.replace("_", " "): value for key, value in values.items()})
    return base


def by_id(batch):
    return {imported.source_id: imported.session for imported in batch.sessions}


# -- the fixture: a whole export with its traps ---------------------------------------


def test_every_readable_activity_becomes_a_session_and_each_bad_row_is_named_by_its_line():
    batch = read_strava(FIXTURE, tz=BERLIN)
    assert batch.source == "strava"
    assert [imported.source_id for imported in batch.sessions] == [
        "8123456701",
        "8123456702",
        "8123456703",
        "8123456705",
        "8123456706",
        "8123456707",
        "8123456710",
    ]
    # The first row's description holds a quoted line break, so every later row starts a line further down.
    assert batch.problems == [
        "activities.csv line 6: Activity Date is a moment like 'Oct 6, 2022, 11:19:20 PM', got 'not a date'",
        "activities.csv line 10: Activity ID 8123456701 is on line 2 already",
        "activities.csv line 11: 4 cells where the header has 56: a row cut short, or a quote out of place",
        "activities.csv line 12: Elapsed Time 90000 s is 1,500 minutes: a session lasts at most 1,440 (a day)",
    ]
    assert [imported.where for imported in batch.sessions][:3] == [
        "activities.csv line 2",
        "activities.csv line 4",
        "activities.csv line 5",
    ]


def test_a_late_evening_in_utc_is_the_next_day_in_berlin():
    sessions = by_id(read_strava(FIXTURE, tz=BERLIN))
    assert sessions["8123456701"].day == dt.date(2022, 10, 7)  # Oct 6, 11:19:20 PM UTC is 01:19 on Oct 7 in Berlin
    assert by_id(read_strava(FIXTURE, tz=UTC))["8123456701"].day == dt.date(2022, 10, 6)
    # West of Greenwich the other way: five past midnight UTC is still the evening before in New York.
    assert by_id(read_strava(FIXTURE, tz=ZoneInfo("America/New_York")))["8123456705"].day == dt.date(2022, 10, 8)


@pytest.mark.parametrize(
    ("text", "tz", "day"),
    [
        ("Oct 6, 2022, 11:19:20 PM", BERLIN, dt.date(2022, 10, 7)),
        ("Oct 6, 2022, 9:59:59 PM", BERLIN, dt.date(2022, 10, 6)),  # 23:59:59 in summer time
        ("Jan 1, 2023, 12:30:00 AM", ZoneInfo("America/Los_Angeles"), dt.date(2022, 12, 31)),
        ("Jan 1, 2023, 12:30:00 PM", UTC, dt.date(2023, 1, 1)),
        ("Sept 30, 2023, 10:00:00 PM", ZoneInfo("Pacific/Auckland"), dt.date(2023, 10, 1)),
        ("Oct 6, 2022, 11:19:20\u202fPM", BERLIN, dt.date(2022, 10, 7)),  # a narrow no-break space before PM
        ("2018-09-12 23:02:23", BERLIN, dt.date(2018, 9, 13)),  # the earliest exports' form
        ("Oct 6, 2022, 23:19:20", BERLIN, dt.date(2022, 10, 7)),  # an account on a 24-hour clock
        ("6 Oct 2022, 23:19:20", BERLIN, dt.date(2022, 10, 7)),  # and day-first dates
        ("6 Oct 2022, 0:05:00", UTC, dt.date(2022, 10, 6)),
    ],
)
def test_activity_date_is_a_utc_moment_read_as_a_local_day(text, tz, day):
    assert local_day(text, tz) == day


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Oct 6 2022",
        "Oct 32, 2022, 1:00:00 PM",
        "Oct 6, 2022, 13:19:20 PM",
        "Foo 6, 2022, 1:00:00 PM",
        "Oct 6, 2022, 24:00:00",
    ],
)
def test_a_date_that_is_not_strava_s_is_refused(text):
    with pytest.raises(InvalidInput, match="Activity Date"):
        local_day(text, UTC)


def test_repeated_columns_minutes_from_the_first_elapsed_time_km_from_the_second_distance():
    sessions = by_id(read_strava(FIXTURE, tz=BERLIN))
    assert sessions["8123456703"].km == 10.0  # the first Distance, 6.21, is in the account's miles
    assert sessions["8123456701"].km == 8.52  # 8520.3 m
    assert sessions["8123456710"].km == 1.5


def test_the_first_elapsed_time_and_the_second_distance_even_when_they_disagree(tmp_path):
    values = activity(Elapsed_Time="600", Elapsed_Time_2="1200.0", Distance="5.00", Distance_2="8046.7")
    path = write_csv(tmp_path, [values])
    session = read_strava(path, tz=UTC).sessions[0].session
    assert (session.minutes, session.km) == (10, 8.047)


def test_a_header_cell_in_markup_counts_by_its_text():
    sessions = by_id(read_strava(FIXTURE, tz=BERLIN))
    # The fixture's `Perceived Exertion` is wrapped in <span class="translation_missing" ...>.
    assert sessions["8123456701"].rpe == 6
    assert sessions["8123456703"].rpe == 8


def test_a_quoted_description_keeps_its_line_breaks_commas_quotes_and_emoji_under_the_name():
    session = by_id(read_strava(FIXTURE, tz=BERLIN))["8123456701"]
    assert session.note == (
        'Evening Run\nEasy loop, legs heavy 🦵\nStopped at the bridge for a "quick" photo\nLeft knee twinge at 6 km'
    )
    assert by_id(read_strava(FIXTURE, tz=BERLIN))["8123456710"].note == "Pool, 30 x 50 m"


def test_without_perceived_exertion_a_session_has_no_rpe_and_no_load():
    session = by_id(read_strava(FIXTURE, tz=BERLIN))["8123456702"]
    assert session.rpe is None
    assert session.load is None


def test_a_gym_session_s_zero_distance_is_no_distance():
    assert by_id(read_strava(FIXTURE, tz=BERLIN))["8123456702"].km is None


@pytest.mark.parametrize(
    ("seconds", "minutes"), [("29", 1), ("0", 1), ("89", 1), ("90", 2), ("1830", 31), ("3599", 60)]
)
def test_elapsed_seconds_round_to_the_nearest_minute_half_up_and_at_least_one(tmp_path, seconds, minutes):
    path = write_csv(tmp_path, [activity(Elapsed_Time=seconds)])
    assert read_strava(path, tz=UTC).sessions[0].session.minutes == minutes


def test_control_characters_are_taken_out_of_the_note():
    assert by_id(read_strava(FIXTURE, tz=BERLIN))["8123456705"].note == "Treadmill strides"


def test_a_note_longer_than_the_journal_keeps_is_cut_with_an_ellipsis_and_counted(tmp_path):
    long = "tempo " * 3000
    path = write_csv(tmp_path, [activity(Activity_Description=long), activity(Activity_ID="1002")])
    batch = read_strava(path, tz=UTC)
    note = batch.sessions[0].session.note
    assert len(note) <= NOTE_MAX and note.endswith("…")
    assert note.startswith("Morning Run\ntempo tempo")
    assert batch.truncated_notes == 1
    assert batch.sessions[1].session.note == "Morning Run"


# -- kinds ---------------------------------------------------------------------------


def test_activity_types_map_to_session_kinds_and_the_mapping_lists_every_type_seen():
    batch = read_strava(FIXTURE, tz=BERLIN)
    kinds = {imported.source_id: imported.session.kind for imported in batch.sessions}
    assert kinds == {
        "8123456701": "run",
        "8123456702": "strength",
        "8123456703": "run",
        "8123456705": "run",
        "8123456706": "other",  # an activity type Strava may add, that the journal does not know
        "8123456707": "rehab",
        "8123456710": "cross-training",
    }
    assert batch.mapping == {
        "Run": "run",
        "Weight Training": "strength",
        "Trail Run": "run",
        "Virtual Run": "run",
        "Kettlebell Juggling": "other",
        "Yoga": "rehab",
        "Ride": "cross-training",
        "Swim": "cross-training",
    }


def test_every_default_kind_is_a_session_kind():
    assert set(KINDS.values()) <= set(SESSION_KINDS)
    assert KINDS["Run"] == "run" and KINDS["Weight Training"] == "strength" and KINDS["Workout"] == "other"


def test_the_runner_s_kinds_win_over_the_defaults_in_any_spelling_of_the_type():
    chosen = {"Kettlebell Juggling": "strength", "yoga": "other", "WeightTraining": "plyometrics", "Swim": "xt"}
    batch = read_strava(FIXTURE, tz=BERLIN, kinds=chosen)
    kinds = {imported.source_id: imported.session.kind for imported in batch.sessions}
    assert kinds["8123456706"] == "strength"
    assert kinds["8123456707"] == "other"
    assert kinds["8123456702"] == "plyometrics"
    assert kinds["8123456710"] == "cross-training"
    assert batch.mapping["Weight Training"] == "plyometrics"


@pytest.mark.parametrize("kinds", [{"Run": "jogging"}, {"  ": "run"}])
def test_a_kind_the_journal_does_not_have_is_refused_before_the_file_is_read(tmp_path, kinds):
    with pytest.raises(InvalidInput):
        read_strava(tmp_path / "not-there.csv", tz=UTC, kinds=kinds)


# -- the file ------------------------------------------------------------------------


def test_the_export_zip_is_read_in_place_as_the_csv_is(tmp_path):
    (tmp_path / "download").mkdir()
    archive = tmp_path / "download" / "export_12345.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as writing:
        writing.writestr("profile.csv", "Athlete ID\n1\n")
        writing.write(FIXTURE, "activities.csv")
        writing.writestr("activities/8123456701.fit.gz", b"\x1f\x8b not really")
    from_zip = read_strava(archive, tz=BERLIN)
    from_csv = read_strava(FIXTURE, tz=BERLIN)
    assert from_zip.sessions == from_csv.sessions
    assert from_zip.problems == from_csv.problems
    assert from_zip.mapping == from_csv.mapping
    assert [path.name for path in archive.parent.iterdir()] == ["export_12345.zip"]  # nothing unpacked beside it


def test_a_zip_with_activities_csv_in_a_folder_is_read_too(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as writing:
        writing.write(FIXTURE, "export_12345/activities.csv")
    assert len(read_strava(archive, tz=BERLIN).sessions) == 7


def test_a_zip_without_activities_csv_is_refused(tmp_path):
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as writing:
        writing.writestr("media/1.jpg", b"jpeg")
    with pytest.raises(InvalidInput, match=r"photos.zip holds no activities.csv"):
        read_strava(archive, tz=UTC)


def test_columns_are_found_by_name_in_any_order_with_newer_columns_anywhere(tmp_path):
    header = ["Brand New Column", *reversed(HEADER), "Another New One"]
    # Reversed, the second Distance (metres) comes first: it is still the second *of the file's* Distances that counts.
    path = write_csv(tmp_path, [{**activity(), "Distance": "5000.0", "Distance 2": "5.00"}], header=header)
    session = read_strava(path, tz=UTC).sessions[0].session
    assert (session.kind, session.minutes, session.km, session.note) == ("run", 30, 0.005, "Morning Run")


def test_a_file_without_a_needed_column_is_not_strava_s(tmp_path):
    path = write_csv(tmp_path, [], header=[name for name in HEADER if name != "Activity Date"])
    with pytest.raises(InvalidInput, match="no Activity Date column"):
        read_strava(path, tz=UTC)


def test_an_empty_file_a_folder_and_a_missing_file_are_refused(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(InvalidInput, match="is empty"):
        read_strava(tmp_path / "empty.csv", tz=UTC)
    with pytest.raises(InvalidInput, match="a folder"):
        read_strava(tmp_path, tz=UTC)
    with pytest.raises(InvalidInput, match="there is no file"):
        read_strava(tmp_path / "nowhere.csv", tz=UTC)


def test_without_the_distance_in_metres_sessions_are_read_without_distance(tmp_path):
    header = [name for index, name in enumerate(HEADER) if index != 11]  # the second Distance left out
    path = write_csv(tmp_path, [activity()], header=header)
    batch = read_strava(path, tz=UTC)
    assert batch.sessions[0].session.km is None
    assert batch.problems == [
        "activities.csv line 1: no second Distance column (Strava's distance in metres):"
        " the sessions are read without their distance"
    ]


def test_a_byte_that_is_not_utf8_spoils_only_its_row(tmp_path):
    path = write_csv(tmp_path, [activity(Activity_ID="1"), activity(Activity_ID="2"), activity(Activity_ID="3")])
    data = path.read_bytes().replace(b"Morning Run", b"Caf\xe9 run", 1)
    path.write_bytes(b"\xef\xbb\xbf" + data)  # with a byte-order mark, as Windows writes it
    batch = read_strava(path, tz=UTC)
    assert [imported.source_id for imported in batch.sessions] == ["2", "3"]
    assert batch.problems == ["activities.csv line 2: a session's note is not valid text (a byte that is not UTF-8?)"]


def test_a_stray_quote_is_reported_on_its_line_and_the_next_rows_are_read(tmp_path):
    path = write_csv(tmp_path, [activity(Activity_ID=str(number)) for number in (1, 2, 3)])
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace("Morning Run", '"Morning" Run')
    path.write_text("".join(lines), encoding="utf-8")
    batch = read_strava(path, tz=UTC)
    assert [imported.source_id for imported in batch.sessions] == ["1", "3"]
    assert batch.problems == ["activities.csv line 3: not a CSV row (',' expected after '\"')"]


def test_windows_line_ends_count_lines_as_well(tmp_path):
    path = write_csv(tmp_path, [activity(Activity_ID="1"), activity(Activity_ID="x"), activity(Activity_ID="3")])
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert read_strava(path, tz=UTC).problems == ["activities.csv line 3: Activity ID is a number, got 'x'"]


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"Elapsed_Time": "half an hour"}, "Elapsed Time is whole seconds, got 'half an hour'"),
        ({"Elapsed_Time": ""}, "Elapsed Time is whole seconds, got ''"),
        ({"Distance_2": "-5"}, "Distance (the second, in metres) is a number of metres, got '-5'"),
        ({"Distance_2": "2000000.0"}, "distance is 0-1000 km, got '2000.000'"),
        ({"Perceived_Exertion": "11"}, "RPE is a whole number 0-10"),
        ({"Perceived_Exertion": "6.5"}, "Perceived Exertion is a whole number 1-10, got '6.5'"),
        ({"Activity_Type": ""}, "Activity Type is empty"),
        ({"Activity_ID": ""}, "Activity ID is a number, got ''"),
    ],
)
def test_a_value_that_cannot_be_read_is_its_row_s_problem(tmp_path, values, problem):
    path = write_csv(tmp_path, [activity(Activity_ID="1"), activity(**{"Activity_ID": "2", **values})])
    batch = read_strava(path, tz=UTC)
    assert [imported.source_id for imported in batch.sessions] == ["1"]
    assert len(batch.problems) == 1
    assert batch.problems[0].startswith(f"activities.csv line 3: {problem}")


# -- telling the format from the header ----------------------------------------------------


def test_recognise_tells_strava_s_header_from_others():
    with FIXTURE.open(encoding="utf-8-sig", newline="") as file:
        header = next(csv.reader(file))
    assert recognise(header)
    assert recognise(['<span class="translation_missing" title="x">Activity ID</span>', *HEADER[1:]])
    assert not recognise(["date", "sleep_hours", "mood"])
    assert not recognise(["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"])
    assert not recognise_daylio(header)


# -- any activity round-trips ---------------------------------------------------------------

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ZONES = [UTC, BERLIN, ZoneInfo("America/Los_Angeles"), ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Asia/Kolkata")]
plain_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40).map(str.strip)


def strava_moment(moment: dt.datetime) -> str:
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year}, {hour}:{moment:%M:%S} {half}"


activities = st.fixed_dictionaries(
    {
        "moment": st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 12, 31)),
        "type": st.sampled_from([*KINDS, "Kettlebell Juggling", "Padel"]),
        "seconds": st.integers(min_value=0, max_value=24 * 3600 - 31),
        "metres": st.one_of(st.none(), st.decimals(min_value=0, max_value=999_999, places=1)),
        "rpe": st.one_of(st.none(), st.integers(min_value=1, max_value=10)),
        "name": plain_text,
        "description": plain_text,
        "private": plain_text,
    }
)


@settings(max_examples=60, deadline=None)
@given(st.lists(activities, min_size=1, max_size=8), st.sampled_from(ZONES))
def test_any_activity_round_trips_its_values(generated, tz):
    rows = [
        {
            "Activity ID": str(9_000_000_000 + number),
            "Activity Date": strava_moment(values["moment"]),
            "Activity Name": values["name"],
            "Activity Type": values["type"],
            "Activity Description": values["description"],
            "Activity Private Note": values["private"],
            "Elapsed Time": str(values["seconds"]),
            "Elapsed Time 2": f"{values['seconds']}.0",
            "Distance 2": "" if values["metres"] is None else str(values["metres"]),
            "Perceived Exertion": "" if values["rpe"] is None else f"{values['rpe']}.0",
        }
        for number, values in enumerate(generated)
    ]
    with tempfile.TemporaryDirectory() as folder:
        batch = read_strava(write_csv(Path(folder), rows), tz=tz)
    assert batch.problems == []
    assert len(batch.sessions) == len(generated)
    for number, (imported, values) in enumerate(zip(batch.sessions, generated, strict=True)):
        session = imported.session
        assert imported.source_id == str(9_000_000_000 + number)
        assert session.day == values["moment"].replace(tzinfo=UTC).astimezone(tz).date()
        assert session.kind == KINDS.get(values["type"], "other")
        expected_minutes = int((Decimal(values["seconds"]) / 60).to_integral_value(rounding=ROUND_HALF_UP))
        assert session.minutes == max(1, expected_minutes)
        km = None if values["metres"] is None else (values["metres"] / 1000).quantize(Decimal("0.001"), ROUND_HALF_UP)
        assert session.km == (float(km) if km else None)  # to the metre; none for 0 (a gym session)
        assert session.rpe == values["rpe"]
        assert session.note == "\n".join(
            text for text in (values["name"], values["description"], values["private"]) if text
        )


def test_a_file_far_larger_than_any_export_is_refused_before_it_is_read(tmp_path, monkeypatch):
    """A crafted file (one line of gigabytes) would take all the memory to read: its size refuses it."""
    import zipfile

    from journal.io import source_csv

    monkeypatch.setattr(source_csv, "CSV_MAX_BYTES", 1000)
    path = write_csv(tmp_path, [activity(Activity_Description="x" * 2000)])
    with pytest.raises(InvalidInput, match=r"activities.csv is 0 MB, and Strava's export is a few MB at most"):
        read_strava(path, tz=UTC)
    packed = tmp_path / "export.zip"
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(path, "activities.csv")
    with pytest.raises(InvalidInput, match=r"activities.csv in export.zip is 0 MB"):
        read_strava(packed, tz=UTC)
