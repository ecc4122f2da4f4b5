import csv
import datetime as dt
import hashlib
import io
import re
import subprocess
import sys

import pytest

from journal.cli import main
from journal.domain.entries import DayEntry
from journal.store import open_journal
from journal.store.entries import get_entry
from tests.unit.cli_tree import modules_loaded


@pytest.fixture
def run(capsys, db_path):
    """Run `journal ARGS --db <test journal>` in process: (exit code, stdout, stderr)."""

    def run(*args: str, db: bool = True):
        argv = [*args, "--db", str(db_path)] if db else list(args)
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        out, err = capsys.readouterr()
        return exit_info.value.code, out, err

    return run


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def test_add_then_show(run, db_path, today):
    code, out, _ = run(
        "add",
        "--sleep",
        "7.5",
        "--mood",
        "4",
        "--pain",
        "knee=3",
        "--pain",
        "shin:left=2",
        "--day",
        "race",
        "--note",
        "Half, 1:32",
    )
    assert code == 0
    assert out.startswith("Thu 26 Nov 2026 (today): race · sleep 7.5 h · mood 4")
    code, out, _ = run("show")
    assert code == 0
    assert "race" in out and "Shin (left)" in out and "Half, 1:32" in out
    with open_journal(db_path) as journal:
        entry = get_entry(journal, today)
    assert (entry.sleep_hours, entry.mood, entry.day_type) == (7.5, 4, "race")
    assert entry.pain == {("knee", ""): 3, ("shin", "left"): 2}


def test_add_keeps_fields_not_given_and_clears_on_request(run, db_path, today):
    run("add", "yesterday", "--sleep", "8", "--mood", "3", "--pain", "knee:left=4", "--note", "easy")
    run("add", "yesterday", "--stress", "2", "--clear", "note", "--clear", "pain:knee:left")
    with open_journal(db_path) as journal:
        entry = get_entry(journal, today - dt.timedelta(days=1))
    assert (entry.sleep_hours, entry.mood, entry.stress, entry.note, entry.pain) == (8.0, 3, 2, "", {})


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--mood", "6"], "mood must be a whole number from 1"),
        (["add", "--pain", "knee=11"], "from 0 (none) to 10"),
        (["add", "--pain", "kne=3"], "did you mean knee?"),
        (["add", "bogus day", "--mood", "3"], "cannot read 'bogus day' as a date"),
        (["add", "tomorrow", "--mood", "3"], "is in the future"),
        (["add", "--sleep", "25"], "sleep must be hours from 0 to 24"),
        (["add", "--day", "holiday"], "day type must be one of"),
        (["add"], "nothing to log"),
        (["add", "--moo", "3"], "No such option"),
        (["add", "--mood", "3", "--clear", "mood"], "both set and cleared"),
        (["add", "--clear", "moood"], "cannot clear"),
        (["add", "--cramps", "51"], "cramps must be a whole count from 0 (none) to 50, got '51'"),
        (["add", "--cramps", "1.5"], "cramps must be a whole count"),
        (["add", "--cramps", "2", "--cramp-site", "elbow"], "unknown body site 'elbow'"),
        (["add", "--cramp-site", "calf"], "a cramp site (achilles) needs a count of cramps of 1 or more"),
        (["add", "--cramps", "0", "--cramp-site", "calf"], "has a count of 0"),
        (["add", "--cramps", "2", "--clear", "cramps"], "both set and cleared"),
        (["show", "--from", "monday", "--to", "last week"], "cannot read"),
        (["show", "--from", "today", "--to", "monday"], "is after"),
        (["sites", "add", "knee"], "already a body site"),
        (["nonsense"], "No such command"),
    ],
)
def test_bad_input_is_one_line_exit_two_and_changes_nothing(run, db_path, args, message):
    run("add", "--mood", "3")  # a journal with something in it
    before = digest(db_path)
    code, out, err = run(*args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("journal: "), err
    assert message in err
    assert digest(db_path) == before


def test_export_writes_the_documented_csv(run, db_path, tmp_path):
    run("add", "2 days ago", "--sleep", "7", "--mood", "4", "--pain", "knee:left=2")
    run(
        "add",
        "--sleep",
        "8.25",
        "--day",
        "rest",
        "--note",
        '=1+2, "quoted"\nnext line',
        "--pain",
        "lower-back=1",
        "--pain",
        "knee=3",
        "--cramps",
        "3",
        "--cramp-site",
        "calf",
        "--resting-hr",
        "47",
        "--hrv",
        "61.5",
        "--hrv-method",
        "SDNN",
    )
    code, out, _ = run("export")
    assert code == 0
    assert out.startswith(
        "date,day_type,sleep_hours,sleep_quality,fatigue,soreness,stress,mood,cramps,cramp_site,"
        "resting_hr,hrv,hrv_method,note,pain_knee,pain_knee_left,pain_lower-back\r\n"
    )
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [row["date"] for row in rows] == ["2026-11-24", "2026-11-26"]
    assert (rows[1]["cramps"], rows[1]["cramp_site"]) == ("3", "achilles"), "calf is the Achilles / calf site"
    assert (rows[1]["resting_hr"], rows[1]["hrv"], rows[1]["hrv_method"]) == ("47", "61.5", "sdnn")
    assert (rows[0]["resting_hr"], rows[0]["hrv"], rows[0]["hrv_method"]) == ("", "", "")
    assert (rows[0]["cramps"], rows[0]["cramp_site"]) == ("", "")
    assert rows[0]["pain_knee_left"] == "2" and rows[0]["pain_knee"] == ""
    assert rows[1]["sleep_hours"] == "8.25" and rows[0]["sleep_hours"] == "7"
    assert rows[1]["note"] == '\'=1+2, "quoted"\nnext line', "a formula is neutralised for spreadsheets"
    target = tmp_path / "out.csv"
    assert run("export", "--from", "yesterday", "-o", str(target))[0] == 0
    assert target.read_bytes().count(b"\r\n") == 2, "the header and one day"


def test_an_export_of_some_days_has_a_pain_column_for_each_site_and_side_read_on_them(run):
    """The pain columns are those with a reading in the range, in the sites' order and then whole, left, right;
    a day without one of them has an empty cell, a day with no pain at all empty cells only."""
    run("sites", "add", "groin", "--label", "Groin / adductor")
    run("add", "2026-11-18", "--mood", "2", "--pain", "shin=4")  # before the range: no shin column
    run("add", "2026-11-20", "--mood", "3", "--pain", "groin:right=1", "--pain", "knee:left=2", "--pain", "knee=3")
    run("add", "2026-11-21", "--sleep", "7.5", "--note", "easy, then strides")
    run("add", "2026-11-22", "--pain", "groin:left=0", "--pain", "knee:left=1")
    run("add", "2026-11-24", "--mood", "4")  # after the range
    code, out, _ = run("export", "--from", "2026-11-19", "--to", "2026-11-23")
    assert code == 0
    assert out == (
        "date,day_type,sleep_hours,sleep_quality,fatigue,soreness,stress,mood,cramps,cramp_site,resting_hr,hrv,"
        "hrv_method,note,pain_knee,pain_knee_left,pain_groin_left,pain_groin_right\r\n"
        "2026-11-20,normal,,,,,,3,,,,,,,3,2,,1\r\n"
        '2026-11-21,normal,7.5,,,,,,,,,,,"easy, then strides",,,,\r\n'
        "2026-11-22,normal,,,,,,,,,,,,,,1,0,\r\n"
    )


def test_export_to_a_missing_folder_is_refused(run, tmp_path):
    run("add", "--mood", "3")
    code, _, err = run("export", "-o", str(tmp_path / "no" / "such" / "x.csv"))
    assert code == 2 and "does not exist" in err


def test_db_option_before_or_after_the_command_and_from_the_environment(run, db_path, tmp_path, monkeypatch):
    other = tmp_path / "other.db"
    assert run("--db", str(other), "add", "--mood", "2", db=False)[0] == 0
    assert run("add", "--mood", "2", "--db", str(other), db=False)[0] == 0
    monkeypatch.setenv("JOURNAL_DB", str(tmp_path / "env.db"))
    assert run("add", "--mood", "2", db=False)[0] == 0
    assert other.exists() and (tmp_path / "env.db").exists() and not db_path.exists()


def test_default_journal_lives_in_the_user_data_folder(run, isolated):
    assert run("add", "--mood", "4", db=False)[0] == 0
    assert list(isolated.rglob("journal.db")), "created under the (test) user-data folder"


def test_sites_list_and_add(run):
    run("add", "--mood", "3")
    code, out, _ = run("sites")
    assert code == 0 and out.splitlines()[0].split()[0] == "knee" and "lower-back" in out
    code, out, _ = run("sites", "add", "groin", "--label", "Groin / adductor")
    assert code == 0 and "added groin" in out
    assert run("add", "--pain", "groin:right=2")[0] == 0


def test_demo_is_seeded_and_only_fills_an_empty_journal(run, tmp_path):
    exports = []
    for name in ("a.db", "b.db"):
        path = str(tmp_path / name)
        assert run("--db", path, "demo", db=False)[0] == 0
        exports.append(run("--db", path, "export", db=False)[1])
    assert exports[0] == exports[1]
    days = exports[0].count("\r\n") - 1
    assert 70 <= days <= 84, "12 weeks with a few days not logged"
    assert ",race," in exports[0]
    code, _, err = run("--db", str(tmp_path / "a.db"), "demo", db=False)
    assert code == 2 and "only an empty journal" in err


def test_a_file_that_is_not_a_journal_is_one_line_and_untouched(run, tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database at all" * 50)
    before = digest(path)
    code, _, err = run("--db", str(path), "add", "--mood", "3", db=False)
    assert code == 2 and "not a journal" in err and err.count("\n") == 1
    code, _, err = run("--db", str(path), db=False)  # the app is not started either
    assert code == 2 and "not a journal" in err
    assert digest(path) == before


@pytest.mark.parametrize(
    "args",
    [
        ["add", "--mood", "4"],
        ["show"],
        ["export"],
        ["sites"],
        ["add", "--mood", "9"],
        ["demo", "--weeks", "1"],
        ["themes"],
        ["week"],
        ["flags"],
        ["backup"],
        ["settings", "theme", "trailhead"],
        ["--theme", "nope"],
        ["session", "add", "--kind", "run", "--minutes", "40", "--plan"],
        ["session", "list"],
        ["plan"],
        ["plan", "start", "--site", "knee"],
        ["overuse", "--site", "knee", "--participation", "1", "--volume", "1", "--performance", "0", "--pain", "1"],
        ["overuse", "list"],
    ],
)
def test_commands_without_the_app_never_import_textual(db_path, args):
    assert not {name for name in modules_loaded(args, db_path) if name.split(".")[0] in ("textual", "rich")}


def test_a_range_may_reach_past_today(run):
    run("add", "--mood", "3")
    code, out, _ = run("export", "--from", "2026-09-01", "--to", "2026-11-30")
    assert code == 0 and "2026-11-26" in out
    code, out, _ = run("show", "--from", "monday", "--to", "2026-12-31")
    assert code == 0 and "Thu 2026-11-26" in out


def test_reading_commands_do_not_create_a_journal(run, db_path):
    for args in (["show"], ["export"], ["sites"]):
        code, _, err = run(*args)
        assert code == 2 and "no journal at" in err
    assert not db_path.exists()


def test_cramps_are_logged_shown_and_cleared_with_their_site(run, db_path, today):
    code, out, _ = run("add", "--cramps", "2", "--cramp-site", "calf")
    assert code == 0 and out == "Thu 26 Nov 2026 (today): cramps 2 (Achilles / calf)\n"
    with open_journal(db_path) as journal:
        assert get_entry(journal, today) == DayEntry(today, cramps=2, cramp_site="achilles"), "a day of cramps only"
    assert "  cramps         2 (Achilles / calf)\n" in run("show")[1]
    run("add", "--cramps", "3", "--mood", "4")  # the site stays with a new count
    assert "  cramps         3 (Achilles / calf)\n" in run("show")[1]
    table = run("show", "--from", "today")[1].splitlines()
    assert table[0].split()[-2:] == ["cramps", "note"] and table[1].split()[-1] == "3"
    run("add", "--clear", "cramp-site")
    with open_journal(db_path) as journal:
        assert (get_entry(journal, today).cramps, get_entry(journal, today).cramp_site) == (3, None)
    run("add", "--cramp-site", "hamstring")
    run("add", "--clear", "cramps")
    with open_journal(db_path) as journal:
        assert get_entry(journal, today) == DayEntry(today, mood=4), "--clear cramps clears the count and its site"
    run("add", "--cramps", "0")
    assert "  cramps         0\n" in run("show")[1], "none is a reading too"
    run("add", "--clear", "mood")
    run("add", "--clear", "cramps")
    assert "nothing logged" in run("show")[1], "a day with nothing left in it is removed"


def test_a_site_with_cramps_is_renamed_with_them_and_not_removed(run, db_path, today):
    run("sites", "add", "groin")
    run("add", "--cramps", "1", "--cramp-site", "groin")
    assert run("sites", "rename", "groin", "adductor")[0] == 0
    with open_journal(db_path) as journal:
        assert get_entry(journal, today).cramp_site == "adductor"
    code, _, err = run("sites", "remove", "adductor")
    assert code == 2 and "adductor is where the cramps of 1 day were" in err and "--clear cramp_site" in err
    run("add", "--clear", "cramp_site")
    assert run("sites", "remove", "adductor")[0] == 0


def test_the_same_pain_twice_is_refused(run):
    code, _, err = run("add", "--pain", "knee:left=2", "--pain", "knee:left=4")
    assert code == 2 and "given twice" in err


def test_sites_rename_and_remove(run):
    run("sites", "add", "left knee")
    code, out, _ = run("sites", "rename", "left-knee", "kneecap", "--label", "Kneecap")
    assert code == 0 and "kneecap (Kneecap)" in out
    run("add", "--pain", "kneecap=2")
    code, _, err = run("sites", "remove", "kneecap")
    assert code == 2 and "would lose" in err
    run("add", "--clear", "pain:kneecap")
    assert run("sites", "remove", "kneecap")[0] == 0
    assert "kneecap" not in run("sites")[1]


def test_the_app_needs_a_terminal(run):
    run("add", "--mood", "3")
    code, _, err = run()  # pytest's stdin is not a terminal
    assert code == 2 and "needs a terminal" in err


@pytest.mark.parametrize(
    "args",
    [
        ["add", "--mood", "6"],
        ["add", "--pain", "elbow=3"],
        ["sites", "add", "9bad"],
        [],
        ["add", "tomorrow", "--mood", "3"],
        ["add", "--cramp-site", "calf"],
    ],
)
def test_bad_input_never_creates_a_journal(run, tmp_path, args):
    path = tmp_path / "new" / "journal.db"
    code, _, _ = run(*args, "--db", str(path), db=False)
    assert code == 2
    assert not path.exists() and not path.parent.exists()


def test_export_will_not_overwrite_the_journal(run, db_path):
    run("add", "--mood", "3")
    before = db_path.read_bytes()
    code, _, err = run("export", "-o", str(db_path))
    assert code == 2 and "the journal itself" in err
    assert db_path.read_bytes() == before


def test_export_to_a_file_is_an_ordinary_file(run, tmp_path):
    run("add", "--mood", "3")
    target = tmp_path / "out.csv"
    assert run("export", "-o", str(target))[0] == 0
    assert target.stat().st_mode & 0o044, "readable by others as the umask allows, not private"


def test_a_damaged_journal_is_one_line(run, db_path):
    run("add", "--mood", "3")
    from journal.store import open_journal

    with open_journal(db_path) as journal:
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)
    db_path.write_bytes(bytes(data))
    for args in (["show", "--from", "monday"], ["add", "--mood", "4"], ["export"]):
        code, _, err = run(*args)
        assert code == 2 and err.count("\n") == 1 and "damaged" in err, err


def test_export_into_a_closed_pipe_is_not_an_error(db_path):
    main_code = f"from journal.cli import main; main(['add', '--mood', '3', '--db', {str(db_path)!r}])"
    subprocess.run([sys.executable, "-c", main_code], check=False, capture_output=True)
    export = subprocess.Popen(
        [sys.executable, "-m", "journal", "export", "--db", str(db_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    export.stdout.close()  # the reader leaves before reading
    assert export.wait() == 0
    assert export.stderr.read() == b""


def test_check_and_uncheck_from_the_command_line(run):
    run("add", "--mood", "3")
    code, out, _ = run("check", "strength", "yesterday", "--note", "squats")
    assert code == 0 and out == "Strength session: ticked, with the note on Wed 25 Nov 2026 (yesterday)\n"
    assert run("check", "1", "yesterday")[1].endswith("already ticked on Wed 25 Nov 2026 (yesterday)\n")
    code, out, _ = run("checklist")
    assert code == 0
    assert out.splitlines()[0] == "2026-W48 · 23–29 Nov 2026 · 7% done so far"
    strength = next(line for line in out.splitlines() if line.startswith("Strength session"))
    assert strength.endswith("1/2") and "✓" in strength
    assert run("uncheck", "strength", "yesterday")[1].startswith("Strength session: unticked")
    code, out, _ = run("export", "--what", "checklist")
    assert out == "date,week,item_id,item,kind,note\r\n"


def test_a_tick_then_an_untick_of_a_past_day_leaves_its_week_as_it_was(run):
    run("add", "--mood", "3")  # the items are added today, Thursday 26 Nov
    run("settings", "week_start", "thursday")  # so last week is Thu 19 to Wed 25 Nov, before them
    for when in ("19 nov", "20 nov", "23 nov"):
        run("check", "strength", when)
    run("check", "strides", "21 nov")
    code, before, _ = run("checklist", "last")
    assert code == 0 and before.splitlines()[0] == "week of Thu 19 Nov 2026 · 19–25 Nov 2026 · 75% done"
    technique = next(line for line in before.splitlines() if line.startswith("Technique drills"))
    assert technique.endswith("0/–"), "an item not yet added shows, to be ticked, and asks for nothing"
    assert run("check", "technique", "25 nov")[0] == 0
    ticked = run("checklist", "last")[1]
    assert ticked.splitlines()[0].endswith("67% done"), "ticked, it counts with its target: 4 of 6"
    assert next(line for line in ticked.splitlines() if line.startswith("Technique drills")).endswith("1/2")
    assert run("checklist")[1].splitlines()[0] == "week of Thu 26 Nov 2026 · 26 Nov – 2 Dec 2026 · 0% done so far"
    assert run("uncheck", "technique", "25 nov")[0] == 0
    assert run("checklist", "last")[1] == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "str"], "fits several items: 1 Strength session, 4 Strides"),
        (["check", "yoga"], "no checklist item 'yoga'; the items are: 1 Strength session"),
        (["check", "strength", "tomorrow"], "in the future"),
        (["checklist", "2025-W53"], "2025 has no week 53"),
        (["checklist", "someday"], "cannot read 'someday' as a week"),
        (["items", "add", "Hills", "--target", "9"], "from 1 to 7"),
        (["items", "add", "Hills", "--target", "1", "--kind", "yoga"], "kind must be one of"),
        (["items", "edit", "strength"], "nothing to change"),
        (["items", "retire", "nothing like this"], "no checklist item"),
        (["settings", "week_start", "someday"], "weekday name"),
        (["settings", "colour", "blue"], "no setting 'colour'"),
        (["check", "strength", "--note", "x" * 201], "at most 200"),
    ],
)
def test_checklist_bad_input_is_one_line_exit_two_and_changes_nothing(run, db_path, args, message):
    run("add", "--mood", "3")
    before = digest(db_path)
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and message in err, err
    assert digest(db_path) == before


def test_the_checklist_week_that_exists_only_some_years(run):
    run("add", "--mood", "3")
    code, out, _ = run("checklist", "2026-W53")
    assert code == 0 and out.startswith("2026-W53 · 28 Dec 2026 – 3 Jan 2027 · 0% done")


def test_items_are_managed_from_the_command_line(run):
    run("add", "--mood", "3")
    code, out, _ = run(
        "items", "add", "Hill sprints", "--target", "1", "--kind", "intervals", "--description", "8 x 10 s uphill"
    )
    assert code == 0 and out == "added 10 Hill sprints (intervals, 1x a week)\n"
    assert run("items", "edit", "hill", "--target", "2")[1] == "10 Hill sprints (intervals, 2x a week)\n"
    assert run("items", "move", "hill", "--to", "1")[1].startswith("10 Hill sprints, 1 Strength session")
    assert run("items", "move", "hill", "--to", "99")[1].endswith("9 Form check, 10 Hill sprints\n")
    assert run("items", "move", "hill", "--to", "0")[0] == 2
    assert run("items", "add", "Yoga", "--target", "1")[0] == 0
    assert run("items", "remove", "yoga")[1] == "removed Yoga\n"
    run("check", "hill")
    assert run("items", "retire", "hill")[1].startswith("retired Hill sprints from 2026-11-26")
    listing = run("items")[1].splitlines()
    assert listing[-1].strip().startswith("10  Hill sprints") and "(retired 2026-11-26)" in listing[-1]
    hills = next(line for line in run("checklist")[1].splitlines() if line.startswith("Hill sprints"))
    assert hills.endswith("1/–"), "its tick still shows this week; it asks for nothing more"
    assert "Hill sprints" not in run("checklist", "next")[1]


def test_weeks_follow_the_start_day_setting(run):
    run("add", "--mood", "3")
    assert run("settings", "week_start", "Sunday")[1] == "week_start = sunday\n"
    assert run("settings")[1] == "week_start = sunday\nsleep_need = 8\ntheme = offseason-dark\ndistance_unit = km\n"
    assert run("checklist")[1].startswith("week of Sun 22 Nov 2026 · 22–28 Nov 2026")


def test_goals_from_the_command_line(run):
    run("add", "--mood", "3")
    code, out, _ = run("goal", "add", "Blood work", "--category", "health", "--due", "20 dec")
    assert (code, out) == (0, "added goal 1: Blood work\n")
    assert run("goal", "add", "Sleep more", "--measure", "sleep:8")[0] == 0
    code, out, _ = run("goal", "list")
    assert out.splitlines()[0] == "To do (2)"
    assert "    1  Blood work  [health]  due 2026-12-20" in out
    assert "    2  Sleep more  [other]  no data yet" in out, "no sleep is logged: missing is not zero"
    assert run("goal", "move", "1", "doing")[1] == "goal 1: Blood work is now in Doing\n"
    assert run("goal", "done", "2")[1] == "goal 2: Sleep more is now in Done\n"
    code, out, _ = run("goal", "list", "--status", "done")
    assert out.startswith("Done (1)") and "Blood work" not in out
    code, out, _ = run("export", "--what", "goals")
    assert out.startswith(
        "id,title,category,status,due,progress,note,measure,created,done,position,measure_data,"
        "uid,assessment_date,assessment\r\n"
    )
    assert re.search(r"\r\n1,Blood work,health,doing,2026-12-20,,,,2026-11-26,,0,,[0-9a-f-]{36},,\r\n", out)
    assert run("goal", "rm", "1")[1] == "removed goal 1: Blood work\n"
    assert run("goal", "add", "Blood work again")[1] == "added goal 3: Blood work again\n", "1 named another goal"
    assert run("goal", "rm", "3")[0] == 0 and run("goal", "add", "x")[1] == "added goal 4: x\n"


def test_checklist_item_numbers_are_never_given_twice(run):
    code, out, _ = run("items", "add", "Hill sprints", "--target", "1")
    number = int(re.search(r"\d+", out)[0])
    assert run("items", "remove", str(number))[0] == 0
    code, out, _ = run("items", "add", "Hill sprints", "--target", "1")
    assert code == 0 and int(re.search(r"\d+", out)[0]) == number + 1, out


def test_a_site_or_item_a_goal_measures_is_not_removed(run, db_path):
    run("sites", "add", "groin")
    run("items", "add", "Hill sprints", "--target", "1")
    run("goal", "add", "Settle the groin", "--measure", "pain:groin:2")
    run("goal", "add", "Sprint", "--measure", "ticks:hill sprints:8")
    before = digest(db_path)
    code, out, err = run("sites", "remove", "groin")
    assert (code, out) == (2, "") and err == (
        "journal: groin is in the measure of goal 1 (Settle the groin): change that measure first"
        " (journal goal edit ID --measure ...)\n"
    )
    code, out, err = run("items", "remove", "hill sprints")
    assert (code, out) == (2, "") and "Hill sprints is in the measure of goal 2 (Sprint)" in err
    assert digest(db_path) == before
    assert run("sites", "rename", "groin", "adductor")[0] == 0
    code, out, _ = run("goal", "list")
    assert "adductor pain, 7-day mean at 2 or less" in out, "the measure follows its site"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["goal", "add", "x", "--category", "fun"], "category must be one of"),
        (["goal", "add", "x", "--due", "someday"], "cannot read 'someday'"),
        (["goal", "add", "x", "--measure", "pain:knee"], "a measure is"),
        (["goal", "add", " "], "a goal's title is"),
        (["goal", "move", "1", "later"], "status must be one of"),
        (["goal", "move", "99", "done"], "there is no goal 99"),
        (["goal", "done", "one"], "named by its number"),
        (["goal", "rm", "7"], "there is no goal 7"),
        (["goal", "list", "--status", "soon"], "status must be one of"),
        (["assess", "--faded"], "answer every question with flags"),
        (
            ["assess", "--no-faded", "--pain", "elbow", "--no-wall", "--no-back-hips", "--no-cramping"],
            "unknown body site 'elbow'",
        ),
    ],
)
def test_goal_bad_input_is_one_line_exit_two_and_changes_nothing(run, db_path, args, message):
    run("add", "--mood", "3")
    run("goal", "add", "Blood work")
    before = digest(db_path)
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and message in err, err
    assert digest(db_path) == before


def test_the_assessment_scripted_with_flags(run):
    run("add", "--mood", "3")
    args = [
        "assess",
        "--race",
        "Valencia",
        "--faded",
        "--pain",
        "knee,Shin",
        "--no-wall",
        "--no-back-hips",
        "--no-cramping",
    ]
    code, out, _ = run(*args, "--dry-run")
    assert code == 0 and out.splitlines()[0].startswith("1. Build strength and a finishing kick [strength]")
    assert "3. Settle the shin pain" in out and out.endswith("(a dry run: nothing was added)\n")
    assert "To do" not in run("goal", "list")[1]
    code, out, _ = run(*args)
    assert code == 0 and out.endswith("added 7 goals to the board\n")
    assert run("goal", "list")[1].startswith("To do (7)")


def test_the_assessment_leaves_out_a_goal_already_met(run):
    run("add", "--pain", "shin=1")
    args = [
        "assess",
        "--race",
        "Valencia",
        "--no-faded",
        "--pain",
        "shin,knee",
        "--no-wall",
        "--no-back-hips",
        "--no-cramping",
    ]
    code, out, _ = run(*args)
    assert code == 0
    assert "1. Settle the shin pain [rehab] (constant pain: shin; already met by what is logged)" in out
    assert "2. Settle the knee pain [rehab] (constant pain: knee; no data yet)" in out
    assert out.endswith("added 5 goals to the board; 1 left out\n")
    board = run("goal", "list")[1]
    assert "Settle the shin pain" not in board and "Settle the knee pain" in board


@pytest.mark.parametrize("args", [["--race", "x" * 201], ["--race", "Valencia", "--note", "x" * 10_001]])
def test_the_assessment_takes_what_an_import_takes(run, db_path, args):
    run("add", "--mood", "3")
    before = digest(db_path)
    code, out, err = run(
        "assess", *args, "--no-faded", "--pain", "none", "--no-wall", "--no-back-hips", "--no-cramping"
    )
    assert (code, out) == (2, "") and err.count("\n") == 1 and "is at most" in err
    assert digest(db_path) == before


def test_goals_are_edited_and_finished_once(run):
    run("add", "--mood", "3")
    run("goal", "add", "Sleep more")
    assert run("goal", "edit", "1", "--measure", "sleep:8.5", "--due", "friday")[1] == "goal 1: Sleep more\n"
    out = run("goal", "list")[1]
    assert "due 2026-11-27" in out and "sleep, 7-day mean at 8.5 h or more" in out
    assert run("goal", "edit", "1", "--measure", "none", "--due", "none")[0] == 0
    assert "measured" not in run("goal", "list")[1]
    assert run("goal", "done", "1")[1].endswith("is now in Done\n")
    assert run("goal", "done", "1")[1] == "goal 1 is already in Done\n"
    run("goal", "move", "1", "dropped")
    assert run("goal", "list")[1].endswith("(1 dropped: journal goal list --status dropped)\n")
    code, _, err = run("goal", "edit", "1")
    assert code == 2 and "nothing to change" in err
    code, _, err = run("goal", "add", "x", "--measure", "")
    assert code == 2 and "a measure is" in err
    code, _, err = run("goal", "add", "x", "--measure", "pain:kne:2")
    assert code == 2 and "did you mean knee" in err


# -- the weekly review and the flags -------------------------------------------------------


def test_week_prints_the_review_and_writes_markdown(run, db_path, tmp_path):
    run("add", "monday", "--mood", "4", "--note", "Hills | strides")
    code, out, _ = run("week")
    assert code == 0 and out.startswith("Week 2026-W48 · 23–29 Nov 2026\n1 of 4 days logged so far.")
    assert "Mon 23  Hills | strides" in out
    code, out, _ = run("week", "last", "--markdown")
    assert code == 0 and out.startswith("# Week 2026-W47 · 16–22 Nov 2026\n")
    target = tmp_path / "review.md"
    code, _, err = run("week", "--markdown", "-o", str(target))
    assert code == 0 and err == f"wrote {target}\n"
    assert "Hills \\| strides" in target.read_text()


def test_week_and_flags_refuse_bad_input_and_change_nothing(run, db_path):
    run("add", "--mood", "4")
    before = digest(db_path)
    for args in (
        ("week", "2025-W53"),
        ("week", "someday"),
        ("flags", "--date", "tomorrow"),
        ("settings", "sleep_need", "3"),
        ("settings", "sleep_need", "lots"),
    ):
        code, out, err = run(*args)
        assert code == 2 and out == "" and err.count("\n") == 1, args
    assert digest(db_path) == before


def test_week_on_a_missing_journal_creates_nothing(run, db_path):
    code, _, err = run("week")
    assert code == 2 and "no journal" in err and not db_path.exists()


def test_flags_name_what_was_seen_and_say_none_when_there_are_none(run):
    run("add", "--mood", "4")
    assert run("flags")[1] == "no flags on Thu 26 Nov 2026 (today)\n"
    for days_ago in range(7):
        run("add", f"{days_ago} days ago", "--pain", "knee:left=3")
    code, out, _ = run("flags")
    assert code == 0 and out.startswith("amber  Knee has hurt on 7 days in a row (since Fri 20 Nov, worst 3).")
    # By yesterday the knee had hurt on 6 days: not yet a flag.
    assert run("flags", "--date", "yesterday")[1] == "no flags on Wed 25 Nov 2026 (yesterday)\n"


def test_sleep_need_setting(run):
    assert run("settings", "sleep_need", "8,5")[1] == "sleep_need = 8.5\n"
    assert run("settings", "sleep_need")[1] == "sleep_need = 8.5\n"


def test_week_titles_follow_the_start_day_setting(run):
    run("settings", "week_start", "sunday")
    assert run("week")[1].startswith("Week of Sun 22 Nov 2026 · 22–28 Nov 2026\n")
    assert run("week", "--markdown")[1].startswith("# Week of Sun 22 Nov 2026 · 22–28 Nov 2026\n")


# -- export, import, backup and restore ----------------------------------------------------


def test_export_all_then_import_into_a_new_journal_is_byte_identical(run, db_path, tmp_path):
    run("demo")
    run("add", "--note", '=1+1, "quoted"\nline two')
    code, _, err = run("export", "--what", "all", "-o", str(tmp_path / "one"))
    assert code == 0 and err.startswith("wrote ") and err.endswith(f"in 15 files to {tmp_path / 'one'}\n")
    copy = tmp_path / "copy.db"
    code, out, _ = run("--db", str(copy), "import", str(tmp_path / "one"), db=False)
    for kind in ("entries", "sessions", "plans", "decisions"):
        assert f"\n{kind}: " in out and f"{kind}: 0 " not in out, "the demo's sessions and plan come along"
    run("--db", str(copy), "export", "--what", "all", "-o", str(tmp_path / "two"), db=False)
    for name in sorted(path.name for path in (tmp_path / "one").iterdir()):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    code, out, _ = run("--db", str(copy), "import", str(tmp_path / "one"), "--dry-run", db=False)
    assert code == 0 and out.endswith("a dry run: nothing was written\n") and "added" not in out


def test_export_pain_in_long_form(run):
    run("add", "--pain", "knee:left=3", "--pain", "lower-back=2")
    code, out, _ = run("export", "--what", "pain")
    assert code == 0
    assert out == "date,site,side,score\r\n2026-11-26,knee,left,3\r\n2026-11-26,lower-back,,2\r\n"


def test_a_bad_import_lists_every_bad_row_and_changes_nothing(run, db_path, tmp_path):
    run("add", "--mood", "3")
    source = tmp_path / "in.csv"
    source.write_text(
        "date,day_type,sleep_hours,sleep_quality,fatigue,soreness,stress,mood,note\n"
        "2026-11-20,normal,,,,,,9,\n2026-11-21,normal,,,,,,4,\n2026-13-01,normal,,,,,,4,\n"
    )
    before = digest(db_path)
    code, out, err = run("import", str(source))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "journal: nothing was imported; 2 problems to fix:",
        "in.csv line 2: mood must be a whole number from 1 (very low) to 5 (very good), got '9'",
        "in.csv line 4: date must be YYYY-MM-DD, got '2026-13-01'",
    ]
    assert digest(db_path) == before


def test_an_import_that_fails_leaves_no_new_journal_behind(run, tmp_path):
    source = tmp_path / "ticks.csv"
    source.write_text("date,week,item_id,item,kind,note\n2026-11-26,2026-W48,99,Nothing,other,\n")
    target = tmp_path / "new.db"
    code, _, err = run("--db", str(target), "import", str(source), db=False)
    assert code == 2 and "no checklist item 99" in err
    assert list(tmp_path.glob("new.db*")) == []


def test_export_all_needs_a_folder(run, db_path):
    run("add", "--mood", "3")
    code, _, err = run("export", "--what", "all")
    assert code == 2 and err == "journal: --what all writes a folder of files: give it with -o FOLDER\n"


def test_backup_and_restore_from_the_command_line(run, db_path, tmp_path, isolated):
    run("add", "--mood", "4")
    code, out, _ = run("backup", str(tmp_path / "monday.db"))
    assert code == 0 and out == f"backed up {db_path} to {tmp_path / 'monday.db'}\n"
    code, out, _ = run("backup")
    assert code == 0 and "/offseason/backups/journal-" in out
    run("add", "--mood", "1")
    before = digest(db_path)
    code, _, err = run("restore", str(tmp_path / "monday.db"))
    assert code == 2 and "add --yes to confirm" in err and digest(db_path) == before
    code, out, _ = run("restore", str(tmp_path / "monday.db"), "--yes")
    assert code == 0 and out.startswith(f"restored {db_path} from {tmp_path / 'monday.db'}; the journal as it was")
    assert "mood           4/5" in run("show")[1]
    (tmp_path / "text.db").write_text("not a journal")
    code, _, err = run("restore", str(tmp_path / "text.db"), "--yes")
    assert code == 2 and "not a journal" in err


def test_export_and_backup_name_a_bad_target_in_one_line(run, db_path, tmp_path):
    run("add", "--mood", "3")
    before = digest(db_path)
    for args, message in (
        (("export", "-o", str(tmp_path)), f"journal: {tmp_path} is a folder: give a file name"),
        (("export", "-o", ""), "journal: -o is empty: give a path"),
        (("export", "--what", "all", "-o", " "), "journal: -o is empty: give a path"),
        (("backup", ""), "journal: PATH is empty: give a path"),
        (("backup", str(tmp_path / "no" / "b.db")), f"journal: the folder {tmp_path / 'no'} does not exist"),
    ):
        code, out, err = run(*args)
        assert code == 2 and out == "" and err.startswith(message) and err.count("\n") == 1, args
    assert digest(db_path) == before and not (tmp_path / "no").exists()


def test_a_dry_run_into_a_new_journal_leaves_no_file(run, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("date,mood\n2026-11-25,4\n")
    code, out, _ = run("--db", str(tmp_path / "new.db"), "import", str(source), "--dry-run", db=False)
    assert code == 0 and out == "entries: 1 day (would add 1)\na dry run: nothing was written\n"
    assert list(tmp_path.glob("new.db*")) == []


def test_journal_themes_lists_textuals_own_after_the_journals(run):
    run("add", "--mood", "3")
    code, out, _ = run("themes")
    lines = out.splitlines()
    assert code == 0
    assert "* offseason-dark       dark   built-in" in lines
    assert any(line.split()[:3] == ["nord", "dark", "Textual"] for line in lines)
    assert run("settings", "theme", "solarized-light")[0] == 0
    assert "* solarized-light" in run("themes")[1]


def test_a_column_with_no_goals_says_so_rather_than_that_there_are_none(run):
    run("goal", "add", "Hip strength")
    code, out, _ = run("goal", "list", "--status", "done")
    assert code == 0
    assert out == "no goals in Done (journal goal list shows the board)\n"
    assert run("goal", "rm", "1")[0] == 0
    assert run("goal", "list", "--status", "done")[1].startswith("no goals yet")


def test_every_kind_the_export_writes_can_be_asked_for_alone_and_imported_alone():
    """The command line's lists of kinds are written out (help runs without loading the CSV code): each kind
    of file `--what all` writes but the one written for the reader (what the numbers mean) is in them."""
    from journal.cli.data import EXPORT_KINDS, IMPORT_KINDS
    from journal.io.csv_export import KINDS
    from journal.io.csv_import import IMPORTABLE

    assert set(IMPORT_KINDS) == set(IMPORTABLE) == set(KINDS) - {"scales"}
    assert set(EXPORT_KINDS) == {*IMPORT_KINDS, "all"}
