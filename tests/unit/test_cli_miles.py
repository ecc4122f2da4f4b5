"""Miles on the command line: the `distance_unit` setting, `--miles` on `journal session add` and `edit`, and every
command that shows a distance showing it in the runner's unit, while the journal and its exports stay in km."""

from __future__ import annotations

import pytest

from journal.store import open_journal
from journal.store.sessions import get_session
from journal.store.settings import get_setting
from tests.commands import ok, refused, runner


@pytest.fixture
def run(capsys, db_path):
    return runner(capsys, db_path)


@pytest.fixture
def in_miles(run):
    assert ok(run("settings", "distance_unit", "mi")) == "distance_unit = mi\n"


def test_the_setting_is_km_until_set_to_miles_and_listed_with_the_others(run):
    ok(run("settings", "sleep_need", "8"))
    assert "distance_unit = km\n" in ok(run("settings"))
    assert ok(run("settings", "distance_unit", "miles")) == "distance_unit = mi\n"
    assert ok(run("settings", "distance_unit")) == "distance_unit = mi\n"
    assert ok(run("settings", "distance_unit", "KM")) == "distance_unit = km\n"


def test_a_bad_unit_is_one_line_with_exit_code_2_and_changes_nothing(run, db_path):
    refused(run("settings", "distance_unit", "yards"), "distance_unit is km or mi, got 'yards'")
    assert not db_path.exists(), "no journal made for a refused setting"
    ok(run("settings", "distance_unit", "mi"))
    refused(run("settings", "distance_unit", ""), "distance_unit is km or mi")
    with open_journal(db_path) as journal:
        assert get_setting(journal, "distance_unit") == "mi"


def test_a_session_typed_in_miles_is_kept_in_km_and_shown_back_in_miles(run, db_path, in_miles):
    out = ok(run("session", "add", "--kind", "run", "--minutes", "45", "--miles", "5", "--rpe", "4"))
    assert out == "session 1, Thu 26 Nov 2026 (today): run · 45 min · 5 mi · RPE 4 somewhat hard · load 180\n"
    ok(run("session", "add", "yesterday", "--kind", "run", "--minutes", "60", "--km", "10"))
    with open_journal(db_path) as journal:
        assert (get_session(journal, 1).km, get_session(journal, 2).km) == (8.047, 10.0)
    assert ok(run("session", "list")).splitlines()[-3:] == [
        "  2  Wed 25 Nov  run · 60 min · 6.21 mi",
        "  1  Thu 26 Nov  run · 45 min · 5 mi · RPE 4 somewhat hard · load 180",
        "     week: 2 sessions · 105 min · 11.21 mi · load 180 (1 without an RPE)",
    ]
    training = ok(run("week")).split("Training against the week before")[1]
    assert "Miles" in training and "Km" not in training
    assert [line.split() for line in training.splitlines() if "Miles" in line] == [["Miles", "11.2", "0.0"]]
    # The export stays in km, whatever the setting.
    exported = ok(run("export", "--what", "sessions"))
    assert ",run,45,8.047,4," in exported and ",run,60,10,," in exported


def test_without_the_setting_miles_typed_are_shown_in_km(run):
    out = ok(run("session", "add", "--kind", "run", "--minutes", "45", "--miles", "5"))
    assert out == "session 1, Thu 26 Nov 2026 (today): run · 45 min · 8.047 km\n"


def test_a_session_changed_in_miles_and_removed_says_miles(run, db_path, in_miles):
    ok(run("session", "add", "--kind", "run", "--minutes", "45", "--km", "8"))
    out = ok(run("session", "edit", "1", "--miles", "3.1"))
    assert out == "session 1, Thu 26 Nov 2026 (today): run · 45 min · 3.1 mi\n"
    with open_journal(db_path) as journal:
        assert get_session(journal, 1).km == 4.989
    ok(run("session", "edit", "1", "--minutes", "50"))
    with open_journal(db_path) as journal:
        assert get_session(journal, 1).km == 4.989, "a change that does not name the distance keeps it to the metre"
    assert ok(run("session", "rm", "1")) == "removed session 1, Thu 26 Nov 2026 (today): run · 50 min · 3.1 mi\n"


@pytest.mark.parametrize("command", [["add", "--kind", "run", "--minutes", "40"], ["edit", "1"]])
def test_km_and_miles_together_are_refused_and_change_nothing(run, db_path, command):
    if command[0] == "edit":
        ok(run("session", "add", "--kind", "run", "--minutes", "40", "--km", "8"))
    refused(run("session", *command, "--km", "8", "--miles", "5"), "give the distance once: --km or --miles, not both")
    if command[0] == "add":
        assert not db_path.exists()
    else:
        with open_journal(db_path) as journal:
            assert get_session(journal, 1).km == 8.0


@pytest.mark.parametrize(
    ("miles", "message"),
    [("3.125", "two decimals at most"), ("621.38", "distance is 0-621.37 mi"), ("five", "miles like 5")],
)
def test_a_bad_distance_in_miles_is_refused_in_one_line(run, db_path, miles, message):
    refused(run("session", "add", "--kind", "run", "--minutes", "40", "--miles", miles), message)
    assert not db_path.exists()
