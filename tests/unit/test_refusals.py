"""The command line refuses in one line, with exit code 2, and changes nothing: inputs that once crashed or misled."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import hashlib
import io
import sys

import pytest

from journal.cli import main
from journal.domain.scales import NOTE_MAX, SHORT_TEXT_MAX
from journal.store import open_journal
from journal.store.entries import get_entry
from tests.content import journal_content


@pytest.fixture
def run(capsys, db_path):
    def run(*args: str):
        with pytest.raises(SystemExit) as exit_info:
            main([*args, "--db", str(db_path)])
        out, err = capsys.readouterr()
        return exit_info.value.code, out, err

    return run


@pytest.fixture
def logged(run, db_path):
    """A journal with a day, a tick and a goal; returns what it holds."""
    assert run("add", "--sleep", "7.5", "--mood", "4", "--pain", "knee=3", "--note", "easy")[0] == 0
    assert run("check", "strength")[0] == 0
    assert run("goal", "add", "Blood work")[0] == 0
    return journal_content(db_path)


def refused(result, *words: str) -> None:
    code, _, err = result
    assert code == 2, err
    assert err.startswith("journal: ") and "Traceback" not in err
    for word in words:
        assert word in err


@pytest.mark.parametrize(
    "args",
    [
        ["goal", "rm", "²"],
        ["goal", "done", "²"],
        ["goal", "move", "¹", "doing"],
        ["goal", "rm", "99999999999999999999"],
        ["goal", "edit", "٣", "--title", "x"],
        ["check", "²"],
        ["uncheck", "²"],
        ["items", "edit", "²", "--target", "2"],
        ["items", "add", "Hills", "--target", "²"],
        ["items", "add", "Hills", "--target", "٣"],
        ["add", "--mood", "٣"],
        ["add", "--pain", "knee=٣"],
        ["add", "--sleep", "٧"],
        ["add", "--mood", "³"],
        ["items", "move", "1", "--to", "٣"],
        ["demo", "--seed", "٣"],
        ["demo", "--weeks", "１２"],
        ["demo", "--weeks", "1_0"],
        ["items", "move", "1", "--to", " 2"],
    ],
)
def test_digits_of_other_scripts_and_huge_numbers_are_refused(run, db_path, logged, args):
    refused(run(*args))
    assert journal_content(db_path) == logged


@pytest.mark.parametrize(
    "args",
    [
        ["add", "--note", "\udcff"],
        ["add", "--day", "rest", "--note", "ok \udcfe"],
        ["check", "strength", "--note", "\udcff"],
        ["goal", "add", "\udcffBlood"],
        ["goal", "add", "Sleep", "--note", "\udcff"],
        ["items", "add", "\udcff", "--target", "1"],
        ["items", "add", "Hills", "--target", "1", "--description", "\udcff"],
        ["sites", "add", "groin", "--label", "\udcff"],
    ],
)
def test_text_that_is_not_utf8_is_refused_and_nothing_is_written(run, db_path, logged, args):
    """A stray byte from the terminal arrives as a lone surrogate, which SQLite cannot store."""
    refused(run(*args))
    assert journal_content(db_path) == logged


@pytest.mark.parametrize(
    "args",
    [
        ["week", "0000-W01"],
        ["week", "9999-W52"],
        ["week", "1899-W52"],
        ["show", "9999-12-31"],
        ["add", "0001-01-01", "--mood", "3"],
    ],
)
def test_weeks_and_days_at_the_ends_of_the_calendar_are_refused(run, db_path, logged, args):
    refused(run(*args))
    assert journal_content(db_path) == logged


@pytest.mark.parametrize("clock", ["0001-01-01", "9999-12-31", "1899-12-31"])
@pytest.mark.parametrize(
    "args", [["week"], ["show"], ["checklist"], ["flags"], ["add", "--mood", "3"], ["goal", "list"]]
)
def test_a_clock_at_the_ends_of_the_calendar_is_named(run, db_path, logged, monkeypatch, clock, args):
    monkeypatch.setenv("JOURNAL_TODAY", clock)
    refused(run(*args), "outside the journal's calendar")
    assert journal_content(db_path) == logged


@pytest.mark.parametrize(
    "args",
    [
        ["add", "--mood", "3", "--mood", "4"],
        ["add", "--note", "a", "--note", "b"],
        ["add", "--day", "rest", "--day", "sick"],
        ["assess", "--faded", "--no-faded"],
        ["items", "edit", "1", "--target", "2", "--target", "3"],
    ],
)
def test_an_option_given_twice_is_refused_rather_than_the_last_winning(run, db_path, logged, args):
    refused(run(*args), "more than once")
    assert journal_content(db_path) == logged


def test_repeatable_options_still_repeat(run, db_path, today):
    assert run("add", "--pain", "knee=3", "--pain", "shin:left=2", "--clear", "mood", "--clear", "note")[0] == 0
    with open_journal(db_path) as journal:
        assert get_entry(journal, today).pain == {("knee", ""): 3, ("shin", "left"): 2}


def test_each_text_has_one_limit_at_entry_and_at_import(run, db_path, logged, tmp_path, today):
    refused(run("add", "--note", "x" * (NOTE_MAX + 1)), "at most 10,000")
    refused(run("items", "add", "Hills", "--target", "1", "--description", "x" * (SHORT_TEXT_MAX + 1)), "at most 200")
    refused(run("check", "strides", "--note", "x" * (SHORT_TEXT_MAX + 1)), "at most 200")
    assert journal_content(db_path) == logged
    # What entry accepts at the limit, export and import carry back.
    assert run("add", "yesterday", "--note", "y" * NOTE_MAX)[0] == 0
    assert run("items", "add", "Hills", "--target", "1", "--description", "z" * SHORT_TEXT_MAX)[0] == 0
    assert run("export", "--what", "all", "-o", str(tmp_path / "out"))[0] == 0
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(tmp_path / "out"), "--db", str(tmp_path / "copy.db")])
    assert exit_info.value.code == 0
    with open_journal(tmp_path / "copy.db") as copy:
        assert get_entry(copy, today - dt.timedelta(days=1)).note == "y" * NOTE_MAX


def test_an_export_never_writes_over_a_journal_or_any_database(run, db_path, logged, tmp_path):
    other = tmp_path / "other.db"
    with pytest.raises(SystemExit):
        main(["add", "--mood", "2", "--db", str(other)])
    before = hashlib.sha256(other.read_bytes()).hexdigest()  # no connection is open to it
    for args in (
        ["export", "-o", str(other)],
        ["export", "--what", "pain", "-o", str(other)],
        ["week", "-o", str(other)],
        ["export", "-o", str(db_path)],
    ):
        refused(run(*args), "never writes over" if "other" in args[-1] else "the journal itself")
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before
    assert journal_content(db_path) == logged


def test_a_day_dated_after_today_can_be_shown_exported_and_cleared(run, db_path, monkeypatch, today):
    ahead = today + dt.timedelta(days=3)
    monkeypatch.setenv("JOURNAL_TODAY", ahead.isoformat())  # the clock was ahead once
    assert run("add", "--mood", "3", "--note", "ahead")[0] == 0
    monkeypatch.setenv("JOURNAL_TODAY", today.isoformat())
    code, out, _ = run("show", ahead.isoformat())
    assert code == 0 and "ahead" in out
    code, out, err = run("export")
    assert code == 0 and f"{ahead},normal" in out and f"1 day is dated after today ({ahead})" in err
    # A new day ahead is still refused.
    refused(run("add", (ahead + dt.timedelta(days=1)).isoformat(), "--mood", "3"), "in the future")
    assert run("add", ahead.isoformat(), "--clear", "all")[0] == 0
    with open_journal(db_path) as journal:
        assert get_entry(journal, ahead).is_empty


def test_replace_takes_only_the_columns_the_file_has(run, db_path, logged, tmp_path, today):
    partial = tmp_path / "moods.csv"
    partial.write_text(f"date,mood\n{today.isoformat()},2\n", encoding="utf-8")
    refused(run("import", str(partial)), "other values")
    assert run("import", str(partial), "--on-conflict", "replace")[0] == 0
    with open_journal(db_path) as journal:
        entry = get_entry(journal, today)
    assert (entry.mood, entry.sleep_hours, entry.note, entry.pain) == (2, 7.5, "easy", {("knee", ""): 3})
    code, out, _ = run("import", str(partial))
    assert code == 0 and "already there 1" in out  # the file's columns agree now: nothing to replace


def test_a_pain_column_replaces_its_own_reading_and_keeps_the_others(run, db_path, logged, tmp_path, today):
    assert run("add", "--pain", "shin:left=5")[0] == 0
    partial = tmp_path / "knee.csv"
    partial.write_text(f"date,pain_knee\n{today.isoformat()},1\n", encoding="utf-8")
    assert run("import", str(partial), "--on-conflict", "replace")[0] == 0
    with open_journal(db_path) as journal:
        assert get_entry(journal, today).pain == {("knee", ""): 1, ("shin", "left"): 5}


def test_sites_csv_cannot_take_the_sides_from_a_site_with_side_readings(run, db_path, tmp_path):
    assert run("add", "--pain", "knee:left=3")[0] == 0
    before = journal_content(db_path)
    sites = tmp_path / "sites.csv"
    sites.write_text("name,label,sided,position\nknee,Knee,0,0\n", encoding="utf-8")
    refused(run("import", str(sites), "--on-conflict", "replace"), "sites.csv line 2", "keeps its sides")
    assert journal_content(db_path) == before


def _fail_on(monkeypatch, kind: str) -> None:
    """The disk fills up half-way through the file of `kind`."""
    from journal.io import csv_export

    name, _ = csv_export.KINDS[kind]

    def fills_the_disk(journal, start, end, out):
        out.write("date,")
        out.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setitem(csv_export.KINDS, kind, (name, fills_the_disk))


def test_a_full_disk_during_a_new_export_folder_leaves_no_folder(run, logged, tmp_path, monkeypatch):
    _fail_on(monkeypatch, "checklist")
    refused(run("export", "--what", "all", "-o", str(tmp_path / "out")), "No space left", "nothing was written")
    assert sorted(path.name for path in tmp_path.iterdir() if "out" in path.name) == []


def test_a_refreshed_export_folder_left_half_written_is_refused_on_import(run, db_path, logged, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    assert run("export", "--what", "all", "-o", str(folder))[0] == 0
    old = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert run("add", "yesterday", "--mood", "2")[0] == 0
    with monkeypatch.context() as patch:
        _fail_on(patch, "checklist")
        refused(run("export", "--what", "all", "-o", str(folder)), "No space left")
    assert (folder / "entries.csv").read_bytes() != old["entries.csv"]  # new
    assert (folder / "checklist.csv").read_bytes() == old["checklist.csv"]  # old: the folder is mixed
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(folder), "--db", str(tmp_path / "copy.db")])
    assert exit_info.value.code == 2
    assert not (tmp_path / "copy.db").exists()
    # A whole export afterwards is taken again.
    assert run("export", "--what", "all", "-o", str(folder))[0] == 0
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(folder), "--db", str(tmp_path / "copy.db")])
    assert exit_info.value.code == 0


def test_an_export_folder_with_a_file_from_elsewhere_is_refused(run, logged, tmp_path):
    for name in ("a", "b"):
        assert run("export", "--what", "all", "-o", str(tmp_path / name))[0] == 0
    assert run("add", "yesterday", "--mood", "2")[0] == 0
    assert run("export", "--what", "all", "-o", str(tmp_path / "b"))[0] == 0
    (tmp_path / "a" / "entries.csv").write_bytes((tmp_path / "b" / "entries.csv").read_bytes())
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(tmp_path / "a"), "--db", str(tmp_path / "copy.db")])
    assert exit_info.value.code == 2


def test_a_full_disk_during_a_file_export_keeps_the_old_file(run, logged, tmp_path, monkeypatch):
    target = tmp_path / "days.csv"
    target.write_text("yesterday's export\n")
    _fail_on(monkeypatch, "entries")
    refused(run("export", "-o", str(target)), "No space left")
    assert target.read_text() == "yesterday's export\n"
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".days")] == []


def test_a_fault_of_the_program_is_one_line_not_a_traceback(run, logged, monkeypatch):
    import journal.store.entries

    def broken(*args, **kwargs):
        raise RuntimeError("a fault")

    monkeypatch.setattr(journal.store.entries, "get_entry", broken)
    code, _, err = run("show")
    assert code == 70 and err.count("\n") == 1 and "RuntimeError: a fault" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "measure_data",
    [
        "1",
        "[]",
        '"sleep"',
        "NaN",
        "null",
        '{"kind": "sleep", "level": null}',
        '{"kind": "sleep", "level": true}',
        '{"kind": "sleep", "colour": 1}',
        '{"level": 8}',
        '{"kind": "checklist", "items": 5}',
        '{"kind": "sleep"',
        '{"kind": "pain", "site": ["x"], "level": 2}',
        '{"kind": "checklist", "items": ["A"], "item_ids": [[1]], "level": 0.8, "weeks": 8}',
        '{"kind": "checklist", "items": ["A"], "level": 0.8, "weeks": 2.5}',
        '{"kind": "ticks", "items": ["A"], "item_ids": [true], "count": 3}',
        '{"kind": "pain", "site": "knee", "level": 2.123}',
    ],
)
def test_a_goal_whose_measure_data_is_not_a_measure_is_a_line_of_the_report(
    run, db_path, logged, tmp_path, measure_data
):
    goals = tmp_path / "goals.csv"
    cell = '"' + measure_data.replace('"', '""') + '"'
    goals.write_text(
        "id,title,category,status,due,progress,note,measure,created,done,position,measure_data\n"
        f"7,Sleep,health,todo,,,,,2026-11-01,,0,{cell}\n",
        encoding="utf-8",
    )
    refused(run("import", str(goals)), "goals.csv line 2")
    assert journal_content(db_path) == logged


def test_what_a_killed_export_left_is_cleaned_by_the_next_one(run, logged, tmp_path):
    gone = 2**22 + 12345  # above Linux's default pid_max: no process has it
    left = [tmp_path / f".days.csv.{gone}.k3j9x0q_.tmp", tmp_path / f".out.{gone}.ab12cd34.partial"]
    left[0].write_text("date,")
    left[1].mkdir()
    (left[1] / "entries.csv").write_text("date,")
    theirs = [tmp_path / ".notes.tmp", tmp_path / f".days.csv.{gone}.tmp"]
    for path in theirs:
        path.write_text("the runner's own")
    assert run("export", "-o", str(tmp_path / "days.csv"))[0] == 0
    assert not left[0].exists()
    assert run("export", "--what", "all", "-o", str(tmp_path / "out"))[0] == 0
    assert not left[1].exists()
    assert all(path.read_text() == "the runner's own" for path in theirs)


def test_a_failed_import_into_an_empty_file_leaves_it_empty(tmp_path, capsys):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    bad = tmp_path / "days.csv"
    bad.write_text("date,mood\n2026-11-20,9\n", encoding="utf-8")
    for args in (["import", str(bad)], ["import", str(bad), "--dry-run"]):
        with pytest.raises(SystemExit) as exit_info:
            main([*args, "--db", str(empty)])
        assert exit_info.value.code == 2
        assert empty.read_bytes() == b""
        assert sorted(path.name for path in tmp_path.iterdir()) == ["days.csv", "empty.db", "home"]
    bad.write_text("date,mood\n2026-11-20,3\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(bad), "--dry-run", "--db", str(empty)])
    assert exit_info.value.code == 0 and empty.read_bytes() == b""


@pytest.mark.parametrize(
    "args",
    [
        ["sites", "add", "knee"],
        ["items", "add", "Strides", "--target", "2"],
        ["goal", "add", "Knee", "--measure", "pain:nowhere:2"],
        ["check", "nothing-like-it"],
        ["settings", "week_start", "someday"],
    ],
)
@pytest.mark.parametrize("empty", [False, True], ids=["no file", "an empty file"])
def test_a_refused_command_leaves_no_journal_behind(tmp_path, capsys, args, empty):
    path = tmp_path / "new.db"
    if empty:
        path.write_bytes(b"")
    with pytest.raises(SystemExit) as exit_info:
        main([*args, "--db", str(path)])
    assert exit_info.value.code == 2
    assert sorted(each.name for each in tmp_path.iterdir() if each.name != "home") == (["new.db"] if empty else [])
    assert not empty or path.read_bytes() == b""


def test_an_export_folder_missing_a_file_it_wrote_is_refused(run, logged, tmp_path):
    folder = tmp_path / "out"
    assert run("export", "--what", "all", "-o", str(folder))[0] == 0
    (folder / "entries.csv").unlink()
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(folder), "--db", str(tmp_path / "copy.db")])
    assert exit_info.value.code == 2 and not (tmp_path / "copy.db").exists()
    with pytest.raises(SystemExit) as exit_info:  # one kind of it, asked for, is still taken
        main(["import", str(folder), "--what", "goals", "--db", str(tmp_path / "copy.db")])
    assert exit_info.value.code == 0


def test_db_given_before_and_after_the_command_is_refused(run, db_path, logged, tmp_path):
    other = tmp_path / "other.db"
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(other), "add", "--mood", "1", "--db", str(db_path)])
    assert exit_info.value.code == 2 and not other.exists()
    assert journal_content(db_path) == logged


def test_an_export_never_writes_over_a_journals_log(run, db_path, logged):
    from journal.store import open_journal as keep_open

    with keep_open(db_path):  # open elsewhere: its log holds what was saved
        for suffix in ("-wal", "-shm"):
            refused(run("export", "-o", str(db_path) + suffix), "never writes over")
    assert journal_content(db_path) == logged


def test_items_csv_cannot_retire_an_item_before_its_ticks(run, db_path, logged, tmp_path):
    assert run("export", "--what", "items", "-o", str(tmp_path / "items.csv"))[0] == 0
    with (tmp_path / "items.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        if row["title"] == "Strength session":
            row["retired"] = "2026-11-01"  # before today's tick
    with (tmp_path / "items.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    refused(run("import", str(tmp_path / "items.csv"), "--on-conflict", "replace"), "cannot be retired then")
    assert journal_content(db_path) == logged


def test_one_assessment_of_a_race_a_day(run, db_path):
    answers = ["--no-faded", "--pain", "none", "--no-wall", "--no-back-hips", "--no-cramping"]
    assert run("assess", "--race", "Valencia", *answers)[0] == 0
    before = journal_content(db_path)
    again = run("assess", "--race", "Valencia", "--faded", *answers[1:])
    refused(again, "already an assessment")
    assert again[1] == "", "refused before any proposal is listed"
    dry_run = run("assess", "--race", "Valencia", "--dry-run", *answers)
    refused(dry_run, "already an assessment")
    assert journal_content(db_path) == before
    assert run("assess", "--race", "Valencia, a second look", *answers)[0] == 0


def test_a_journal_without_sites_or_items_round_trips(run, db_path, tmp_path, today):
    from journal.store.checklist import list_items, remove_item
    from journal.store.sites import list_sites, remove_site

    with open_journal(db_path) as journal:
        for site in list_sites(journal):
            remove_site(journal, site.name)
        for item in list_items(journal):
            remove_item(journal, item.id, today=today)
    assert run("export", "--what", "all", "-o", str(tmp_path / "one"))[0] == 0
    with pytest.raises(SystemExit):
        main(["import", str(tmp_path / "one"), "--db", str(tmp_path / "copy.db")])
    with pytest.raises(SystemExit):
        main(["export", "--what", "all", "-o", str(tmp_path / "two"), "--db", str(tmp_path / "copy.db")])
    for name in ("sites.csv", "items.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_remembered_theme_that_is_not_on_this_machine_imports(run, db_path, tmp_path):
    """A journal moved to another machine, or whose theme file was removed, still round-trips."""
    settings = tmp_path / "settings.csv"
    settings.write_text("key,value\ntheme,someone-elses-theme\n", encoding="utf-8")
    assert run("import", str(settings))[0] == 0
    code, out, _ = run("settings", "theme")
    assert (code, out) == (0, "theme = someone-elses-theme\n")
    settings.write_text("key,value\ntheme,two words\n", encoding="utf-8")
    refused(run("import", str(settings), "--on-conflict", "replace"), "not a theme's name")


def test_what_was_saved_stays_saved_when_the_output_cannot_be_written(tmp_path, today):
    import subprocess
    import sys

    path = tmp_path / "new.db"
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "journal", "--db", str(path), "add", "--mood", "3"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1 and result.stderr == "journal: cannot write the output: No space left on device\n"
    with open_journal(path) as journal:
        assert get_entry(journal, today).mood == 3


def test_an_export_beside_a_pipe_never_waits_on_it(run, db_path, logged, tmp_path):
    import os
    import subprocess
    import sys

    os.mkfifo(tmp_path / "pipe")
    result = subprocess.run(
        [sys.executable, "-m", "journal", "--db", str(db_path), "export", "-o", str(tmp_path / "pipe-wal")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0 and (tmp_path / "pipe-wal").read_text(encoding="utf-8").startswith("date,")


def test_a_hidden_file_with_a_number_no_process_can_have_is_no_obstacle(run, logged, tmp_path):
    (tmp_path / ".notes.99999999999999999999999.partial").write_text("the runner's own")
    (tmp_path / ".h.99999999999999999999999.abcdefgh.tmp").write_text("the runner's own")
    assert run("backup", str(tmp_path / "x.db"))[0] == 0
    assert run("export", "-o", str(tmp_path / "out.csv"))[0] == 0


@pytest.mark.parametrize("fails", [True, False], ids=["this command fails", "this command succeeds"])
def test_a_journal_another_program_makes_meanwhile_is_never_taken_away(tmp_path, capsys, monkeypatch, fails, today):
    """While a command builds a new journal, another program makes one at the same place and saves a day."""
    import journal.store.transfer as transfer
    from journal.domain.entries import EntryChange
    from journal.errors import InvalidInput
    from journal.store.entries import update_entry

    path = tmp_path / "race.db"
    days = tmp_path / "days.csv"
    days.write_text("date,mood\n2026-11-20,3\n", encoding="utf-8")
    real = transfer.import_bundle

    def meanwhile(journal, bundle, **options):
        with open_journal(path) as theirs:
            update_entry(theirs, today, EntryChange(values={"note": "precious"}))
        if fails:
            raise InvalidInput("a refusal")
        return real(journal, bundle, **options)

    monkeypatch.setattr(transfer, "import_bundle", meanwhile)
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(days), "--db", str(path)])
    assert exit_info.value.code == 2
    if not fails:
        assert "another program made" in capsys.readouterr().err
    with open_journal(path) as journal:
        assert get_entry(journal, today).note == "precious"
    assert sorted(each.name for each in tmp_path.iterdir() if each.name not in ("home", "days.csv")) == ["race.db"]


@pytest.mark.parametrize(
    "args",
    [
        ["goal", "{db}", "list"],
        ["goal", "list", "{db}"],
        ["{db}", "goal", "list"],
        ["items", "{db}"],
        ["sites", "{db}", "add", "groin"],
    ],
)
def test_db_stands_before_or_after_any_command_name(db_path, logged, capsys, args):
    argv = []
    for arg in args:
        argv += ["--db", str(db_path)] if arg == "{db}" else [arg]
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0, capsys.readouterr().err


# -- the words of a command line -------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--sle", "7"], "No such option '--sle'. (Did you mean one of: '--clear', '--sleep', '--stress'?)"),
        (["add", "--sleep-q", "4"], "No such option '--sleep-q'."),
        (["export", "--wh", "pain"], "No such option '--wh'."),
        (["assess", "--fad"], "No such option '--fad'."),
        (["--the", "nord"], "No such option '--the'."),
    ],
)
def test_an_option_is_never_taken_from_its_first_letters(run, db_path, logged, args, message):
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert err.startswith(f"journal: {message}") and err.count("\n") == 1, err
    assert journal_content(db_path) == logged


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ad", "--mood", "3"], "No such command 'ad'. Did you mean 'add'? (see: journal --help)"),
        (["chek", "strength"], "No such command 'chek'. (Did you mean one of: "),
        (["goal", "lis"], "No such command 'lis'. Did you mean 'list'? (see: journal goal --help)"),
        (["nothing-like-it"], "No such command 'nothing-like-it'. (see: journal --help)"),
        (["goal"], "Missing command. (see: journal goal --help)"),
    ],
)
def test_an_unknown_command_is_refused_with_the_close_ones(run, db_path, logged, args, message):
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert err.startswith(f"journal: {message}") and err.count("\n") == 1, err
    assert journal_content(db_path) == logged


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["week", "-o", "a.md", "--output", "b.md"], "-o / --output is given more than once"),
        (["sites", "add", "groin", "--sided", "--no-sides"], "--sided / --no-sides is given more than once"),
        (["add", "--mood", "3", "--db", "x.db", "--db", "y.db"], "--db is given more than once: give it once (see"),
        (["--db", "x.db", "--db", "y.db", "show"], "--db is given more than once: give it once (see: journal --help)"),
        (["add", "--mood", "3", "-3"], "No such option '-3'."),
        (["show", "monday", "extra", "words"], "Got unexpected extra arguments (extra words)"),
        (["import", "--dry-run=yes", "x.csv"], "Option '--dry-run' does not take a value."),
        (["items", "add", "Hills"], "Missing option '--target'."),
        (["goal", "move", "1"], "Missing argument 'STATUS'."),
        (["demo", "--weeks", "0"], "Invalid value for '--weeks': 0 is not in the range 1<=x<=520."),
        (["export", "--what", "days"], "Invalid value for '--what': 'days' is not one of 'entries', 'pain',"),
    ],
)
def test_a_command_line_that_cannot_be_read_is_one_line(run, db_path, logged, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    assert err.startswith(f"journal: {message}") and err.count("\n") == 1, err
    assert journal_content(db_path) == logged


def test_a_value_that_starts_with_a_dash_is_the_options_value(run, db_path, logged, today, tmp_path):
    assert run("add", "--note", "-3 km", "--sleep-quality", "4")[0] == 0
    with open_journal(db_path) as journal:
        assert get_entry(journal, today).note == "-3 km"
    assert run("add", "--note", "--mood")[0] == 0, "the word after --note is its value, whatever it looks like"
    with open_journal(db_path) as journal:
        assert get_entry(journal, today).note == "--mood"
    assert run("add", "--note", "--")[0] == 0, "even --, which argparse alone would drop"
    with open_journal(db_path) as journal:
        assert get_entry(journal, today).note == "--"
    code, _, err = run("export", "--what", "--")
    assert code == 2 and err.startswith("journal: Invalid value for '--what': '--' is not one of"), err
    code, _, err = run("add", "--pain", "--", "--pain", "knee=2")
    assert code == 2 and err == "journal: pain is SITE=SCORE or SITE:SIDE=SCORE, like knee=3 or shin:left=2, got '--'\n"
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(tmp_path / "demo.db"), "demo", "--seed", "-5", "--weeks", "1"])
    assert exit_info.value.code == 0


def test_an_option_at_the_end_without_its_value_is_one_line(db_path, logged, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", str(db_path), "add", "--mood"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err == "journal: Option '--mood' requires an argument.\n"
    assert journal_content(db_path) == logged


def test_help_is_answered_before_the_values_are_checked(run, db_path, logged):
    code, out, err = run("demo", "--weeks", "0", "--help")
    assert (code, err) == (0, "") and out.startswith("Usage: journal demo [OPTIONS]")
    assert journal_content(db_path) == logged


class Terminal(io.StringIO):
    """What a runner types at a prompt, in a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("typed", "code"), [("", 1), ("n\n", 1), ("maybe\nno\n", 1), ("yes\n", 0)])
def test_restore_asks_first_and_a_no_or_no_answer_stops_it(run, db_path, logged, tmp_path, monkeypatch, typed, code):
    assert run("backup", str(tmp_path / "monday.db"))[0] == 0
    monkeypatch.setattr(sys, "stdin", Terminal(typed))
    result = run("restore", str(tmp_path / "monday.db"))
    assert result[0] == code
    assert result[1].startswith(f"Replace {db_path} with {tmp_path / 'monday.db'}? (the journal as it is now is")
    assert ("Error: invalid input" in result[1]) == ("maybe" in typed)
    assert result[2] == ("journal: stopped\n" if code else "")


def test_the_assessment_asks_again_until_an_answer_is_understood(run, db_path, monkeypatch):
    typed = ["Valencia", "perhaps", "y", "elbow", "knee", "", "n", "N", *["y"] * 7]
    monkeypatch.setattr(sys, "stdin", Terminal("\n".join(typed) + "\n"))
    code, out, err = run("assess")
    assert (code, err) == (0, ""), err
    assert "Did you fade in the last miles? [y/N]: Error: invalid input" in out
    assert "Where (knee,shin), or none [none]: Error: unknown body site 'elbow'" in out
    assert out.endswith("goals to the board\n")
