"""`journal import` of another app's export: told from the file, a dry run that makes nothing, the runner's own
maps for kinds and moods, and every refusal one line that changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from journal.store import open_journal
from journal.store.entries import get_entry
from journal.store.sessions import sessions_between
from tests.commands import ok, refused, runner
from tests.content import journal_content

FAR = (dt.date(1900, 1, 1), dt.date(2100, 1, 1))

DAYLIO = (
    "full_date,date,weekday,time,mood,activities,note_title,note\r\n"
    "2026-11-25,November 25,Wednesday,21:40,good,running | friends,Evening run,Legs fine\r\n"
    "2026-11-25,November 25,Wednesday,7:05 am,sleepy,,,\r\n"
)
WELLNESS = "date,restingHR,hrv,sleepSecs,mood\r\n2026-11-24,48,71.4,27000,1\r\n"


@pytest.fixture
def run(capsys, db_path):
    return runner(capsys, db_path)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_the_file_says_which_app_it_is_from(run, db_path, tmp_path):
    path = write(tmp_path, "wellness.csv", WELLNESS)
    out = ok(run("import", str(path)))
    assert out.splitlines()[0] == f"{path}: an intervals.icu wellness CSV"
    assert out.splitlines()[1] == "values of days: added 4"
    with open_journal(db_path) as journal:
        day = get_entry(journal, dt.date(2026, 11, 24))
    assert (day.resting_hr, day.hrv, day.hrv_method, day.sleep_hours, day.mood) == (48, 71.4, "rmssd", 7.5, 5)


def test_a_dry_run_into_a_new_journal_makes_none(run, db_path, tmp_path):
    path = write(tmp_path, "wellness.csv", WELLNESS)
    out = ok(run("import", str(path), "--dry-run"))
    assert out.splitlines()[-1] == "a dry run: nothing was written"
    assert not db_path.exists()


def test_a_mood_of_ones_own_is_mapped_with_mood(run, db_path, tmp_path):
    path = write(tmp_path, "daylio.csv", DAYLIO)
    code, out, err = run("import", str(path))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "journal: nothing was imported; 1 problem to fix:",
        "daylio.csv line 3: the mood 'sleepy' is not one of Daylio's own (rad, good, meh, bad, awful): map it to the"
        " level it belongs to with --mood sleepy=N, N from 1 (awful) to 5 (rad)",
    ]
    assert not db_path.exists(), "nothing was written, not even a journal"
    ok(run("import", str(path), "--mood", "sleepy=2"))
    with open_journal(db_path) as journal:
        day = get_entry(journal, dt.date(2026, 11, 25))
    assert day.mood == 3, "good (4) and sleepy (2): the day's mean"
    assert "Evening run" in day.note


def test_a_strava_type_is_mapped_with_kind(run, db_path, tmp_path):
    from tests.unit.test_import_strava import activity, write_csv

    path = write_csv(tmp_path, [activity(Activity_Date="Nov 24, 2026, 6:00:00 PM", Activity_Type="Rowing")])
    ok(run("import", str(path), "--kind", "Rowing=strength", "--tz", "UTC"))
    with open_journal(db_path) as journal:
        [session] = sessions_between(journal, *FAR)
    assert (session.kind, session.minutes) == ("strength", 30)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--tz", "Mars/Olympus"), "unknown time zone 'Mars/Olympus'"),
        (("--tz", "/etc/passwd"), "unknown time zone '/etc/passwd'"),  # a file: a zone reader would read it
        (("--tz", "../../etc/passwd"), "unknown time zone '../../etc/passwd'"),
        (("--tz", "zone.tab"), "unknown time zone 'zone.tab'"),  # in the zone folder, not a zone
        (("--tz", "iso3166.tab"), "unknown time zone 'iso3166.tab'"),
        (("--tz", "UTC+3"), "unknown time zone 'UTC+3'"),  # a POSIX rule: three hours *behind* UTC
        (("--kind", "Rowing"), "--kind is TYPE=KIND, got 'Rowing'"),
        (("--kind", "Rowing=boat"), "a session's kind is one of"),
        (("--mood", "sleepy=9"), "mood must be a whole number from 1"),
        (("--what", "entries"), "--what is for the journal's own CSV"),
    ],
)
def test_a_bad_option_is_one_line_and_changes_nothing(run, db_path, tmp_path, args, message):
    from journal.store import open_journal as opened

    opened(db_path).close()
    before = journal_content(db_path)
    path = write(tmp_path, "daylio.csv", DAYLIO)
    refused(run("import", str(path), "--from", "daylio", *args), message)
    assert journal_content(db_path) == before


def test_the_journals_own_csv_takes_no_source_options(run, tmp_path):
    path = write(tmp_path, "entries.csv", "date,mood\r\n2026-11-25,4\r\n")
    refused(run("import", str(path), "--tz", "UTC"), "--tz, --kind and --mood are for another app's export")


HEALTH = """<?xml version="1.0" encoding="UTF-8"?>
<HealthData locale="en_US">
 <Record type="HKQuantityTypeIdentifierRestingHeartRate" sourceName="Watch" unit="count/min"
  startDate="2026-11-24 23:30:00 -0500" endDate="2026-11-24 23:30:00 -0500" value="51"/>
</HealthData>
"""


def test_apple_healths_days_are_those_its_moments_were_lived_in_unless_a_zone_is_given(run, db_path, tmp_path):
    path = write(tmp_path, "export.xml", HEALTH)
    ok(run("import", str(path)))  # this computer's zone (UTC here) would make it the 25th
    with open_journal(db_path) as journal:
        assert get_entry(journal, dt.date(2026, 11, 24)).resting_hr == 51
        assert get_entry(journal, dt.date(2026, 11, 25)).resting_hr is None


def test_an_hrv_typed_whole_is_exported_as_a_plain_number(run):
    ok(run("add", "--hrv", "80", "--hrv-method", "rmssd"))
    out = ok(run("export"))
    row = dict(zip(out.splitlines()[0].split(","), out.splitlines()[1].split(","), strict=True))
    assert (row["resting_hr"], row["hrv"], row["hrv_method"]) == ("", "80", "rmssd")


def test_a_map_that_fits_nothing_in_the_file_is_said(run, tmp_path):
    from tests.unit.test_import_strava import activity, write_csv

    path = write_csv(tmp_path, [activity(Activity_Date="Nov 24, 2026, 6:00:00 PM")])
    code, _, err = run("import", str(path), "--kind", "Rowing=strength", "--tz", "UTC")
    assert code == 0 and err == "note: no activity in the file is of the type Rowing (--kind)\n"
    wellness = write(tmp_path, "wellness.csv", WELLNESS)
    code, _, err = run("import", str(wellness), "--mood", "sleepy=2")
    assert code == 0 and "--mood for Daylio; an intervals.icu wellness CSV takes neither" in err


@pytest.mark.parametrize(
    ("app", "member"), [("strava", "activities.csv"), ("apple_health", "apple_health_export/export.xml")]
)
@pytest.mark.parametrize("told", [False, True], ids=["told from the file", "--from given"])
def test_an_export_zipped_with_a_password_is_one_line_and_changes_nothing(run, db_path, app, member, told):
    """The zips were made with `zip -P`: Python's zipfile cannot write one."""
    from pathlib import Path

    open_journal(db_path).close()
    before = journal_content(db_path)
    archive = Path(__file__).resolve().parents[1] / "fixtures" / app / "encrypted.zip"
    given = ("--from", app.replace("_", "-")) if told else ()
    refused(run("import", str(archive), *given), f"{member} in encrypted.zip is encrypted: unzip it with its password")
    assert journal_content(db_path) == before
