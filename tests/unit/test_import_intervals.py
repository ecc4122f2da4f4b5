"""Reading intervals.icu's wellness CSV: columns by name, its 1-4 answers turned onto the journal's 1-5."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from journal.domain.imported import IMPORTED_FIELDS, device_reading, whole
from journal.domain.scales import WELLNESS_FIELDS, parse_wellness
from journal.errors import InvalidInput
from journal.io.intervals import SCALES, read_intervals, recognise

FIXTURE = Path(__file__).parent.parent / "fixtures" / "intervals" / "wellness.csv"


def write(tmp_path: Path, *lines: str, name: str = "wellness.csv") -> Path:
    path = tmp_path / name
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def days(batch) -> dict[dt.date, dict]:
    return {day.day: day.values for day in batch.days}


def test_the_fixture_gives_each_day_its_values_whatever_the_order_of_the_columns():
    batch = read_intervals(FIXTURE)

    assert batch.source == "intervals"
    best = {"sleep_quality": 5, "soreness": 5, "fatigue": 5, "stress": 5, "mood": 5}
    worst = dict.fromkeys(best, 1)
    assert days(batch) == {
        dt.date(2024, 3, 4): {"sleep_hours": 7.5, "resting_hr": 48, "hrv": 71.4, "hrv_method": "rmssd", **best},
        dt.date(2024, 3, 5): {"sleep_hours": 7.0, "resting_hr": 55, "hrv": 58.1, "hrv_method": "sdnn", **worst},
        # Empty cells are not logged: this day has only the answers.
        dt.date(2024, 3, 6): {"sleep_quality": 4, "soreness": 3, "fatigue": 2, "stress": 2, "mood": 4},
        # soreness 0 is intervals.icu's "no answer"; 2.0 is a spreadsheet's 2.
        dt.date(2024, 3, 8): {
            "sleep_hours": 8.5,
            "resting_hr": 50,
            "hrv": 68.3,
            "hrv_method": "rmssd",
            "sleep_quality": 3,
            "fatigue": 3,
            "mood": 3,
        },
    }
    assert batch.skipped == 1  # 2024-03-07: a weight and a comment, nothing the journal keeps
    assert batch.problems == []
    # The comment on line 3 runs over two lines: each day is named by the line it starts on.
    assert [day.where for day in batch.days] == [f"wellness.csv line {n}" for n in (2, 3, 5, 7)]
    assert all(set(day.values) <= set(IMPORTED_FIELDS) for day in batch.days)


# Every intervals.icu scale has its best answer at 1 (great sleep, low soreness, low fatigue, low stress, great
# mood); the journal has it at 5. The tables, as the module's docstring gives them:
TABLES = {
    "sleepQuality": ("sleep_quality", [5, 4, 3, 1]),  # great, good, average, poor
    "soreness": ("soreness", [5, 3, 2, 1]),  # low, average, high, extreme
    "fatigue": ("fatigue", [5, 3, 2, 1]),
    "stress": ("stress", [5, 3, 2, 1]),
    "mood": ("mood", [5, 4, 3, 1]),  # great, good, OK, grumpy
}


@pytest.mark.parametrize("column", list(TABLES))
def test_each_scale_is_turned_the_journal_way_round(tmp_path, column):
    field, expected = TABLES[column]
    path = write(tmp_path, f"date,{column}", *(f"2024-03-0{answer},{answer}" for answer in (1, 2, 3, 4)))

    found = [values[field] for values in days(read_intervals(path)).values()]

    assert found == expected
    assert found[0] == 5 and found[-1] == 1  # the best answer is the journal's best, the worst its worst
    assert found == sorted(found, reverse=True)  # and the order in between is kept
    assert all(parse_wellness(field, str(score)) == score for score in found)


def test_the_tables_cover_the_journal_wellness_items_and_nothing_else():
    assert sorted(field for field, _, _ in SCALES.values()) == sorted(WELLNESS_FIELDS)
    for column, (field, answers, table) in SCALES.items():
        assert (field, [table[answer] for answer in range(1, 5)]) == TABLES[column]
        assert len(answers) == 4


def test_rmssd_is_preferred_and_sdnn_taken_when_it_is_alone(tmp_path):
    path = write(tmp_path, "hrvSDNN,date,hrv", "80,2024-03-04,65.04", "80.06,2024-03-05,", ",2024-03-06,")
    assert days(read_intervals(path)) == {
        dt.date(2024, 3, 4): {"hrv": 65.0, "hrv_method": "rmssd"},
        dt.date(2024, 3, 5): {"hrv": 80.1, "hrv_method": "sdnn"},
    }


def test_sleep_seconds_become_hours_as_the_journal_keeps_them(tmp_path):
    path = write(tmp_path, "date,sleepSecs", "2024-03-04,27000", "2024-03-05,26999", "2024-03-06,0", "2024-03-07,86400")
    found = days(read_intervals(path))
    assert [values["sleep_hours"] for values in found.values()] == [7.5, 7.5, 24.0]
    assert dt.date(2024, 3, 6) not in found, "0 seconds is no night recorded, not a night without sleep"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("2024-03-32,50,,", "date must be YYYY-MM-DD, got '2024-03-32'"),
        ("04/03/2024,50,,", "date must be YYYY-MM-DD, got '04/03/2024'"),
        ("2024-03-05,fifty,,", "resting heart rate must be beats a minute from 20 to 150, got 'fifty'"),
        ("2024-03-05,50,90000,", "sleepSecs 90000 is 25.0 hours asleep, more than a day"),
        ("2024-03-05,50,-60,", "sleepSecs must be seconds asleep, like 27000 for 7.5 hours, got '-60'"),
        (
            "2024-03-05,50,,5",
            "mood must be intervals.icu's answer from 1 to 4 (1 great, 2 good, 3 OK, 4 grumpy), got '5'",
        ),
        (
            "2024-03-05,50,,2.5",
            "mood must be intervals.icu's answer from 1 to 4 (1 great, 2 good, 3 OK, 4 grumpy), got '2.5'",
        ),
        ("2024-03-05,50", "2 cells where the header has 4"),
    ],
    ids=["no-such-day", "not-iso", "bad-number", "over-a-day", "negative", "off-the-scale", "half", "short-row"],
)
def test_a_row_that_cannot_be_read_is_reported_and_the_rest_is_read(tmp_path, row, problem):
    path = write(tmp_path, "date,restingHR,sleepSecs,mood", "2024-03-04,48,27000,1", row, "2024-03-06,47,,2")
    batch = read_intervals(path)
    assert batch.problems == [f"wellness.csv line 3: {problem}"]
    assert list(days(batch)) == [dt.date(2024, 3, 4), dt.date(2024, 3, 6)]


def test_a_day_twice_is_reported_the_first_kept(tmp_path):
    path = write(tmp_path, "date,restingHR", "2024-03-04,48", "", "2024-03-04,51")
    batch = read_intervals(path)
    assert days(batch) == {dt.date(2024, 3, 4): {"resting_hr": 48}}
    assert batch.problems == ["wellness.csv line 4: 2024-03-04 is already on line 2"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"^wellness.csv is empty"),
        (
            b"day,restingHR\n2024-03-04,48\n",
            r"^wellness.csv line 1: not intervals.icu's wellness CSV: it has no 'date'",
        ),
        (b"date,restingHR\n2024-03-04,\xff\n", r"^wellness.csv is not UTF-8 text$"),
        (b'date,restingHR\n2024-03-04,"4"8\n', r"^wellness.csv is not CSV"),
    ],
    ids=["empty", "no-date", "not-utf8", "not-csv"],
)
def test_a_file_that_is_not_the_wellness_csv_is_refused_in_one_line(tmp_path, content, message):
    path = tmp_path / "wellness.csv"
    path.write_bytes(content)
    with pytest.raises(InvalidInput, match=message):
        read_intervals(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(InvalidInput, match="there is no file"):
        read_intervals(tmp_path / "wellness.csv")


def test_a_byte_order_mark_and_spaces_around_names_are_fine(tmp_path):
    path = tmp_path / "wellness.csv"
    path.write_text("\ufeffdate , restingHR\n2024-03-04,48\n", encoding="utf-8")
    assert days(read_intervals(path)) == {dt.date(2024, 3, 4): {"resting_hr": 48}}


def test_recognise_knows_the_header_from_the_journal_own_entries(tmp_path):
    assert recognise(FIXTURE)
    assert recognise(write(tmp_path, "date,sleepSecs", name="a.csv"))
    # The journal's own export has date, fatigue, mood...: not intervals.icu's.
    assert not recognise(write(tmp_path, "date,day_type,sleep_hours,sleep_quality,fatigue,soreness,stress,mood"))
    assert not recognise(write(tmp_path, "restingHR,hrv", name="b.csv"))
    assert not recognise(Path(__file__).parent.parent / "fixtures" / "apple_health" / "export.xml")
    assert not recognise(tmp_path / "missing.csv")


# The device readings' own checks, shared by every reader.


@pytest.mark.parametrize(
    ("text", "value"), [("52", 52.0), ("48.6", 48.6), ("48,6", 48.6), (" 20 ", 20.0), ("150", 150.0)]
)
def test_a_resting_heart_rate_reading(text, value):
    assert device_reading("resting_hr", text) == value


@pytest.mark.parametrize("text", ["19", "151", "", "-50", "nan", "inf", "1e2", "٥٠", "fast"])
def test_a_resting_heart_rate_out_of_reason_is_refused(text):
    with pytest.raises(InvalidInput, match="resting heart rate must be beats a minute from 20 to 150"):
        device_reading("resting_hr", text)


@pytest.mark.parametrize(("text", "value"), [("1", 1.0), ("45.123", 45.123), ("500", 500.0)])
def test_an_hrv_reading(text, value):
    assert device_reading("hrv", text) == value


@pytest.mark.parametrize("text", ["0", "0.5", "501", "", "NaN", "-3"])
def test_an_hrv_out_of_reason_is_refused(text):
    with pytest.raises(InvalidInput, match="heart rate variability must be milliseconds from 1 to 500"):
        device_reading("hrv", text)


@pytest.mark.parametrize(("value", "rounded"), [(52.5, 53), (53.5, 54), (52.49, 52), (48.0, 48)])
def test_whole_rounds_halves_up(value, rounded):
    assert whole(value) == rounded
