"""Daylio's export read as days: a mood a day on the journal's 1-5, the day's entries in its note, bad rows by line."""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.domain.scales import NOTE_MAX
from journal.errors import InvalidInput
from journal.io.daylio import MOODS, day_mood, entry_minute, read_daylio, recognise
from journal.io.strava import recognise as recognise_strava

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "daylio" / "daylio_export.csv"
HEADER = ["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"]


def write_csv(folder: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    path = folder / "daylio_export.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def entry(day: str, time: str, mood: str, activities: str = "", title: str = "", note: str = "") -> list[str]:
    return [day, "", "", time, mood, activities, title, note]


def by_day(batch):
    return {values.day: values for values in batch.days}


# -- the fixture ------------------------------------------------------------------


def test_one_value_a_day_from_several_entries_and_each_bad_row_named_by_its_line():
    batch = read_daylio(FIXTURE)
    assert batch.source == "daylio"
    assert [values.day for values in batch.days] == [dt.date(2024, 3, 10), dt.date(2024, 3, 11), dt.date(2024, 3, 12)]
    assert batch.problems == [
        "daylio_export.csv line 5: the mood 'sleepy' is not one of Daylio's own (rad, good, meh, bad, awful):"
        " map it to the level it belongs to with --mood sleepy=N, N from 1 (awful) to 5 (rad)",
        # line 7's note holds a line break, so the row after it starts on line 9
        "daylio_export.csv line 9: time is like 14:58 or 6:50 pm, got '25:00'",
        "daylio_export.csv line 11: full_date must be YYYY-MM-DD, got '2024-02-30'",
    ]
    assert by_day(batch)[dt.date(2024, 3, 12)].where == "daylio_export.csv lines 2, 3, 4"
    assert by_day(batch)[dt.date(2024, 3, 11)].where == "daylio_export.csv line 6"


def test_the_day_s_mood_is_the_mean_of_its_entries_rounded_half_up():
    days = by_day(read_daylio(FIXTURE))
    assert days[dt.date(2024, 3, 12)].values == {"mood": 3}  # good 4, awful 1, meh 3: 2.67
    assert days[dt.date(2024, 3, 10)].values == {"mood": 4}  # bad 2, rad 5: 3.5, up
    assert days[dt.date(2024, 3, 11)].values == {"mood": 5}  # Rad, in capitals; 'sleepy' is a problem


def test_the_note_lists_the_entries_in_the_order_of_the_day_with_12_and_24_hour_times():
    days = by_day(read_daylio(FIXTURE))
    assert days[dt.date(2024, 3, 12)].note == (
        "07:05 awful: Slept badly\nwoke at 4\n"  # 7:05 am, its <br> a line break
        "12:30 meh (activities: work)\n"  # 12:30 pm
        "21:40 good: Evening run — Legs fine, knee quiet 🙂 (activities: running, friends)"
    )
    # An entry with only a mood (9:00 am rad) adds no line; a quoted note keeps its line break and comma.
    assert days[dt.date(2024, 3, 10)].note == "14:58 bad: Long note with\na quoted newline, and a comma"


def test_renamed_moods_are_read_with_the_levels_given():
    batch = read_daylio(FIXTURE, moods={"Sleepy": 2})
    assert not any("sleepy" in problem for problem in batch.problems)
    assert by_day(batch)[dt.date(2024, 3, 11)].values == {"mood": 4}  # Rad 5 and sleepy 2: 3.5, up
    assert by_day(batch)[dt.date(2024, 3, 11)].where == "daylio_export.csv lines 5, 6"


def test_a_default_mood_can_be_given_another_level(tmp_path):
    path = write_csv(tmp_path, [entry("2024-05-01", "10:00", "meh")])
    assert read_daylio(path, moods={"meh": 2}).days[0].values == {"mood": 2}


@pytest.mark.parametrize("moods", [{"sleepy": 0}, {"sleepy": 6}, {"sleepy": "two"}, {" ": 3}])
def test_a_level_off_the_scale_is_refused_before_the_file_is_read(tmp_path, moods):
    with pytest.raises(InvalidInput):
        read_daylio(tmp_path / "not-there.csv", moods=moods)


def test_default_moods_run_from_awful_1_to_rad_5():
    assert MOODS == {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}


# -- the file ---------------------------------------------------------------------


def test_an_older_export_without_note_title_is_read(tmp_path):
    header = ["full_date", "date", "weekday", "time", "mood", "activities", "note"]
    path = write_csv(tmp_path, [["2019-06-02", "June 2", "Sunday", "6:50 pm", "good", "reading", "quiet day"]], header)
    batch = read_daylio(path)
    assert batch.problems == []
    assert batch.days[0].values == {"mood": 4}
    assert batch.days[0].note == "18:50 good: quiet day (activities: reading)"


def test_a_title_without_a_note_and_a_header_with_more_columns(tmp_path):
    header = ["full_date", "date", "weekday", "time", "mood", "activities", "scales", "note_title", "note", "photos"]
    row = ["2024-01-09", "", "", "07:00", "good", "", "energy 4", "Rest day", "", "IMG_1.jpg"]
    assert read_daylio(write_csv(tmp_path, [row], header)).days[0].note == "07:00 good: Rest day"


def test_entries_at_the_same_minute_keep_the_order_they_were_written_in(tmp_path):
    rows = [  # newest first, as Daylio writes them
        entry("2024-04-04", "8:00 am", "good", title="second"),
        entry("2024-04-04", "08:00", "meh", title="first"),
    ]
    assert read_daylio(write_csv(tmp_path, rows)).days[0].note == "08:00 meh: first\n08:00 good: second"


def test_control_characters_are_taken_out_and_a_long_day_is_cut_and_counted(tmp_path):
    rows = [
        entry("2024-04-05", "21:00", "good", note="a" * NOTE_MAX),
        entry("2024-04-05", "07:00", "meh", note="bell\x07 and \x1b[31mescape"),
        entry("2024-04-06", "07:00", "rad", note="short"),
    ]
    batch = read_daylio(write_csv(tmp_path, rows))
    long_day, short_day = batch.days
    assert long_day.note.startswith("07:00 meh: bell and [31mescape\n21:00 good: aaa")
    assert len(long_day.note) == NOTE_MAX and long_day.note.endswith("…")
    assert short_day.note == "07:00 rad: short"
    assert batch.truncated_notes == 1


def test_a_byte_that_is_not_utf8_spoils_only_its_row(tmp_path):
    path = write_csv(tmp_path, [entry("2024-04-07", "21:00", "good", note="Caf_"), entry("2024-04-07", "07:00", "bad")])
    path.write_bytes(path.read_bytes().replace(b"Caf_", b"Caf\xe9"))
    batch = read_daylio(path)
    assert batch.problems == [
        "daylio_export.csv line 2: the entry's text is not valid text (a byte that is not UTF-8?)"
    ]
    assert batch.days[0].values == {"mood": 2}


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (entry("2024-04-08", "10:00", ""), "the entry has no mood"),
        (entry("08/04/2024", "10:00", "good"), "full_date must be YYYY-MM-DD, got '08/04/2024'"),
        (["2024-04-08", "", "", "10:00", "good"], "5 cells where the header has 8: a row cut short"),
    ],
)
def test_a_row_that_cannot_be_read_is_a_problem_and_the_others_are_read(tmp_path, row, problem):
    batch = read_daylio(write_csv(tmp_path, [entry("2024-04-09", "10:00", "good"), row]))
    assert [values.day for values in batch.days] == [dt.date(2024, 4, 9)]
    assert len(batch.problems) == 1 and batch.problems[0].startswith(f"daylio_export.csv line 3: {problem}")


def test_a_file_that_is_not_daylio_s_is_refused(tmp_path):
    path = write_csv(tmp_path, [], header=["date", "mood"])
    with pytest.raises(InvalidInput, match="not Daylio's export: it has no full_date, time columns"):
        read_daylio(path)
    (tmp_path / "empty.csv").write_bytes(b"\xef\xbb\xbf")
    with pytest.raises(InvalidInput, match="is empty"):
        read_daylio(tmp_path / "empty.csv")
    with pytest.raises(InvalidInput, match="there is no file"):
        read_daylio(tmp_path / "nowhere.csv")


# -- times and the day's figure ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minute"),
    [
        ("14:58", 14 * 60 + 58),
        ("6:50 pm", 18 * 60 + 50),
        ("6:50 PM", 18 * 60 + 50),
        ("6:50pm", 18 * 60 + 50),
        ("6:50 p.m.", 18 * 60 + 50),
        ("06:50 am", 6 * 60 + 50),
        ("12:05 am", 5),  # just after midnight
        ("12:05 pm", 12 * 60 + 5),  # just after noon
        ("0:30", 30),
        ("23:59", 23 * 60 + 59),
    ],
)
def test_times_in_12_and_24_hours(text, minute):
    assert entry_minute(text) == minute


@pytest.mark.parametrize("text", ["24:00", "13:00 pm", "0:30 am", "6:5 pm", "noon", "", "6:60"])
def test_a_time_that_is_not_one_is_refused(text):
    with pytest.raises(InvalidInput, match="time is like 14:58 or 6:50 pm"):
        entry_minute(text)


@pytest.mark.parametrize(
    ("levels", "mood"),
    [([3], 3), ([2, 3], 3), ([1, 2, 2], 2), ([1, 1, 2], 1), ([4, 5], 5), ([1, 5], 3), ([5, 5, 4], 5)],
)
def test_the_mean_rounds_half_up(levels, mood):
    assert day_mood(levels) == mood


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=1, max_size=50))
def test_any_day_s_figure_is_its_mean_rounded_half_up_and_on_the_scale(levels):
    mood = day_mood(levels)
    assert 1 <= min(levels) <= mood <= max(levels) <= 5
    assert mood == int((Decimal(sum(levels)) / len(levels)).to_integral_value(rounding=ROUND_HALF_UP))


# -- any file ------------------------------------------------------------------------

LEVELS = {**MOODS, "sleepy": 2, "Proud": 5}
entries = st.fixed_dictionaries(
    {
        "day": st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2020, 1, 5)),
        "minute": st.integers(min_value=0, max_value=24 * 60 - 1),
        "twelve_hour": st.booleans(),
        "mood": st.sampled_from(sorted(LEVELS)),
        "note": st.text(
            alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="<"), max_size=20
        ).map(str.strip),
    }
)


def daylio_time(minute: int, twelve_hour: bool) -> str:
    hour, minutes = divmod(minute, 60)
    if not twelve_hour:
        return f"{hour}:{minutes:02d}"
    return f"{hour % 12 or 12}:{minutes:02d} {'am' if hour < 12 else 'pm'}"


@settings(max_examples=60, deadline=None)
@given(st.lists(entries, max_size=25))
def test_any_export_gives_a_day_for_each_date_its_mood_on_1_to_5_and_its_entries_in_time_order(generated):
    rows = [
        entry(e["day"].isoformat(), daylio_time(e["minute"], e["twelve_hour"]), e["mood"], note=e["note"])
        for e in sorted(generated, key=lambda e: (e["day"], e["minute"]), reverse=True)  # newest first
    ]
    with tempfile.TemporaryDirectory() as folder:
        batch = read_daylio(write_csv(Path(folder), rows), moods={"sleepy": 2, "proud": 5})
    assert batch.problems == []
    assert [values.day for values in batch.days] == sorted({e["day"] for e in generated})
    for values in batch.days:
        levels = [LEVELS[e["mood"]] for e in generated if e["day"] == values.day]
        assert 1 <= values.values["mood"] <= 5
        assert values.values["mood"] == day_mood(levels)
        times = [line[:5] for line in values.note.split("\n")] if values.note else []
        assert times == sorted(times)
        assert len(times) == sum(1 for e in generated if e["day"] == values.day and e["note"])


def test_recognise_tells_daylio_s_header_from_others():
    assert recognise(HEADER)
    assert recognise(["time", "mood", "full_date"])  # in any order
    assert recognise(["full_date", "date", "weekday", "time", "mood", "activities", "scales", "note_title", "note"])
    assert not recognise(["date", "mood", "sleep_hours"])
    assert not recognise_strava(HEADER)
