"""Export, import and backups: the data is the runner's, and no sequence of them loses a day."""

import datetime as dt
import hashlib
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.domain.entries import DayEntry
from journal.domain.goals import Assessment, Goal, Measure, propose
from journal.errors import BadRows, InvalidInput, JournalFileError
from journal.io.csv_export import neutralise, writers
from journal.io.csv_import import read_path, restore
from journal.io.export_files import write_folder
from journal.store import open_journal
from journal.store.backup import KEEP_AUTOMATIC, backup_journal, backups_dir
from journal.store.checklist import list_items, set_tick, update_item
from journal.store.demo import fill_demo
from journal.store.entries import get_entry, save_entries, save_entry
from journal.store.goals import add_goal, list_goals, remove_goal, save_assessment
from journal.store.restore import restore_journal
from journal.store.settings import set_setting
from journal.store.sites import add_site
from journal.store.transfer import import_bundle
from tests.content import as_before, journal_content

DAY = dt.timedelta(days=1)
FAR = (dt.date(1900, 1, 1), dt.date(2100, 1, 1))


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def export_folder(journal, folder):
    write_folder(folder, writers(journal, *FAR, {}))
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def round_trip(journal, tmp_path, name="copy"):
    first = export_folder(journal, tmp_path / f"{name}-1")
    with open_journal(tmp_path / f"{name}.db") as copy:
        import_bundle(copy, read_path(tmp_path / f"{name}-1"))
        second = export_folder(copy, tmp_path / f"{name}-2")
    return first, second


# -- the round trip -------------------------------------------------------------------------


def test_a_whole_journal_round_trips_byte_for_byte(journal, tmp_path, today):
    fill_demo(journal, today, 84, seed=3)
    add_site(journal, "groin", label="Groin / adductor")
    save_entry(
        journal,
        DayEntry(
            today,
            mood=4,
            pain={("groin", "left"): 2},
            note='=HYPERLINK("x") "quoted", comma,\nsecond line ünïcödé 🏃\r\n\ttab',
        ),
    )
    strides = list_items(journal)[3]
    update_item(journal, strides.id, target=3, today=today)  # a target history
    set_tick(journal, strides.id, today, True, note="@once more, with 'feeling'")
    add_goal(
        journal,
        Goal("+Settle the knee", "rehab", due=today + 30 * DAY, measure=Measure("pain", site="knee", level=2.0)),
        today=today - 10 * DAY,
    )
    set_setting(journal, "week_start", "sunday")
    set_setting(journal, "sleep_need", "8.5")
    first, second = round_trip(journal, tmp_path)
    assert first == second
    assert set(first) == {
        "assessments.csv",
        "checklist.csv",
        "entries.csv",
        "goals.csv",
        "items.csv",
        "pain.csv",
        "scales.csv",
        "settings.csv",
        "sites.csv",
        "manifest.csv",
    }
    assert b"'=HYPERLINK" in first["entries.csv"] and b'"\'+Settle the knee"' not in first["goals.csv"]


note_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(note_text, min_size=1, max_size=5), tick_note=note_text)
def test_any_note_round_trips(tmp_path_factory, notes, tick_note, today):
    tmp_path = tmp_path_factory.mktemp("trip")
    with open_journal(tmp_path / "journal.db") as journal:
        save_entries(journal, [DayEntry(today - n * DAY, mood=3, note=note) for n, note in enumerate(notes)])
        set_tick(journal, list_items(journal)[0].id, today, True, note=tick_note[:200])
        first, second = round_trip(journal, tmp_path)
        assert first == second
        with open_journal(tmp_path / "copy.db") as copy:
            assert [get_entry(copy, today - n * DAY).note for n in range(len(notes))] == notes


@given(st.text(max_size=20))
def test_restore_undoes_neutralise(text):
    assert restore(neutralise(text)) == text


# -- importing ----------------------------------------------------------------------------


def write_csv(path, text):
    path.write_bytes(text.encode("utf-8"))
    return path


ENTRIES = "date,day_type,sleep_hours,sleep_quality,fatigue,soreness,stress,mood,note"


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(journal, tmp_path):
    path = write_csv(
        tmp_path / "in.csv",
        f"{ENTRIES},pain_knee_left\r\n"
        "2026-11-20,normal,7.5,4,4,4,4,4,fine,2\r\n"
        "2026-11-21,normal,7.5,6,4,4,4,4,,\r\n"
        "21/11/2026,normal,,,,,,,,\r\n"
        "2026-11-23,normal,7.5,4,4,4,4\r\n"
        "2026-11-24,normal,,,,,,,,11\r\n",
    )
    with pytest.raises(BadRows) as refused:
        read_path(path)
    assert refused.value.problems == [
        "in.csv line 3: sleep quality must be a whole number from 1 (very poor) to 5 (excellent), got '6'",
        "in.csv line 4: date must be YYYY-MM-DD, got '21/11/2026'",
        "in.csv line 5: 7 cells where the header has 10",
        "in.csv line 6: pain at knee left must be a whole number from 0 (none) to 10 (worst), got '11'",
    ]


def test_a_line_number_counts_the_lines_of_a_quoted_note(tmp_path):
    path = write_csv(
        tmp_path / "in.csv", f'{ENTRIES}\r\n2026-11-20,normal,,,,,,4,"two\r\nlines"\r\n2026-11-21,x,,,,,,,\r\n'
    )
    with pytest.raises(BadRows, match=r"in.csv line 4: day type"):
        read_path(path)


def test_conflicts_fail_by_default_and_skip_or_replace_on_request(journal, tmp_path, db_path, today):
    save_entry(journal, DayEntry(today, mood=2))
    path = write_csv(tmp_path / "in.csv", f"{ENTRIES}\r\n{today - DAY},normal,,,,,,5,new\r\n{today},normal,,,,,,4,\r\n")
    before = journal_content(db_path)
    with pytest.raises(BadRows, match=f"in.csv line 3: {today} is already in the journal with other values"):
        import_bundle(journal, read_path(path))
    assert journal_content(db_path) == before and get_entry(journal, today - DAY).is_empty, "all or nothing"
    report = import_bundle(journal, read_path(path), on_conflict="skip")
    assert report.lines() == ["entries: 2 days (added 1, skipped 1)"]
    assert get_entry(journal, today).mood == 2
    report = import_bundle(journal, read_path(path), on_conflict="replace")
    assert report.lines() == ["entries: 2 days (replaced 1, already there 1)"]
    assert get_entry(journal, today).mood == 4


def test_a_dry_run_reports_and_writes_nothing(journal, tmp_path, db_path, today):
    path = write_csv(tmp_path / "in.csv", f"{ENTRIES}\r\n{today - DAY},rest,8,,,,,,\r\n")
    before = journal_content(db_path)
    report = import_bundle(journal, read_path(path), dry_run=True)
    assert report.lines() == ["entries: 1 day (would add 1)", "a dry run: nothing was written"]
    assert journal_content(db_path) == before and get_entry(journal, today - DAY).is_empty


def test_pain_in_long_form_joins_the_days_it_belongs_to(journal, tmp_path, today):
    save_entry(journal, DayEntry(today, mood=4))
    path = write_csv(
        tmp_path / "pain.csv", f"date,site,side,score\r\n{today},knee,left,3\r\n{today - DAY},lower-back,,2\r\n"
    )
    import_bundle(journal, read_path(path))
    assert get_entry(journal, today) == DayEntry(today, mood=4, pain={("knee", "left"): 3})
    assert get_entry(journal, today - DAY).pain == {("lower-back", ""): 2}


def test_an_unknown_site_or_a_missing_item_refuses_the_import(journal, tmp_path):
    path = write_csv(tmp_path / "in.csv", f"{ENTRIES},pain_elbow\r\n2026-11-26,normal,,,,,,,,3\r\n")
    with pytest.raises(BadRows, match="unknown body site 'elbow'"):
        import_bundle(journal, read_path(path))
    ticks = write_csv(tmp_path / "ticks.csv", "date,week,item_id,item,kind,note\r\n2026-11-26,2026-W48,99,X,other,\r\n")
    with pytest.raises(BadRows, match="no checklist item 99"):
        import_bundle(journal, read_path(ticks))


def test_a_folder_whose_pain_and_entries_disagree_is_refused(journal, tmp_path, today):
    save_entry(journal, DayEntry(today, pain={("knee", "left"): 3}))
    folder = tmp_path / "out"
    export_folder(journal, folder)
    (folder / "manifest.csv").unlink()  # a folder put together by hand
    (folder / "pain.csv").write_bytes(f"date,site,side,score\r\n{today},knee,left,4\r\n".encode())
    with pytest.raises(InvalidInput, match=r"pain.csv and entries.csv .* disagree"):
        read_path(folder)


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00bad", b"name,colour\r\nknee,red\r\n", b'date,"unclosed\r\n'])
def test_files_that_are_not_journal_csv_are_refused(tmp_path, content):
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    with pytest.raises(InvalidInput):
        read_path(path)


def test_a_spreadsheet_byte_order_mark_is_fine(journal, tmp_path, today):
    path = tmp_path / "in.csv"
    path.write_bytes(f"\ufeff{ENTRIES}\r\n{today},normal,,,,,,5,\r\n".encode())
    import_bundle(journal, read_path(path))
    assert get_entry(journal, today).mood == 5


# -- backups ----------------------------------------------------------------------------------


def test_a_backup_while_another_connection_writes_is_a_whole_journal(journal, db_path, tmp_path, today):
    save_entry(journal, DayEntry(today, mood=4))
    with open_journal(db_path) as other:  # the app, say, in the middle of its day
        other.conn.execute("BEGIN")
        other.conn.execute("SELECT count(*) FROM entries").fetchone()
        target = backup_journal(journal.conn, db_path)
        other.conn.execute("ROLLBACK")
    assert target.parent == backups_dir() and target.name.startswith("journal-")
    with open_journal(target, create=False) as copy:
        assert get_entry(copy, today).mood == 4
        assert copy.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert backup_journal(journal.conn, db_path) != target, "two backups in a second get two names"


def test_restore_checks_the_file_and_keeps_the_journal_it_replaces(journal, db_path, tmp_path, today):
    save_entry(journal, DayEntry(today, mood=4))
    saved = backup_journal(journal.conn, db_path, tmp_path / "monday.db")
    save_entry(journal, DayEntry(today, mood=1))
    seen = journal.data_version()
    kept = restore_journal(saved, db_path)
    assert get_entry(journal, today).mood == 4, "the open connection sees the restored journal"
    assert journal.data_version() != seen, "so an open app notices, as it does any outside change"
    with open_journal(kept, create=False) as before:
        assert get_entry(before, today).mood == 1
    not_a_journal = tmp_path / "notes.db"
    sqlite3.connect(not_a_journal).execute("CREATE TABLE notes (text)").connection.commit()
    before = journal_content(db_path), digest(not_a_journal)
    with pytest.raises(JournalFileError, match="not an Offseason journal"):
        restore_journal(not_a_journal, db_path)
    assert (journal_content(db_path), digest(not_a_journal)) == before


def test_an_upgrade_backs_the_journal_up_first_and_keeps_the_last_few(db_path, today):
    def make_old_journal():
        with open_journal(db_path) as journal:
            save_entry(journal, DayEntry(today, mood=4))
            with journal.transaction() as conn:
                as_before(conn, "m003_goals")

    for _ in range(KEEP_AUTOMATIC + 2):
        make_old_journal()
        open_journal(db_path).close()
    made = sorted(backups_dir().glob("journal-before-m003_goals-*.db"))
    assert len(made) == KEEP_AUTOMATIC
    backup = sqlite3.connect(f"{made[-1].as_uri()}?mode=ro", uri=True)  # as it was: opening it would upgrade it
    assert backup.execute("SELECT mood FROM entries").fetchall() == [(4,)]
    assert backup.execute("SELECT 1 FROM sqlite_master WHERE name = 'goals'").fetchone() is None
    backup.close()
    open_journal(db_path).close()
    assert len(list(backups_dir().glob("journal-before-*.db"))) == KEEP_AUTOMATIC, "no upgrade, no backup"


# -- the export's lines are what Python's csv writer writes -----------------------------------

# A day drawn as how many days before today it is and what it holds: the test puts it on its date.
days_back = st.builds(
    lambda offset, hours, mood, note, pain: (offset, {"sleep_hours": hours, "mood": mood, "note": note, "pain": pain}),
    offset=st.integers(0, 400),
    hours=st.one_of(st.none(), st.integers(0, 2400).map(lambda n: n / 100)),
    mood=st.one_of(st.none(), st.integers(1, 5)),
    note=note_text,
    pain=st.dictionaries(
        st.sampled_from([("knee", "left"), ("knee", "right"), ("lower-back", ""), ("shin", "")]),
        st.integers(0, 10),
        max_size=3,
    ),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=st.lists(days_back, min_size=1, max_size=8, unique_by=lambda day: day[0]))
def test_the_entries_export_is_what_the_csv_module_writes(tmp_path_factory, today, drawn):
    import csv
    import io

    from journal.domain.scales import ENTRY_FIELDS
    from journal.io.csv_export import ENTRY_HEADER, cell, export_entries
    from journal.store.sites import list_sites

    entries = [DayEntry(today - offset * DAY, **values) for offset, values in drawn]
    entries = [entry for entry in entries if not entry.is_empty]
    with open_journal(tmp_path_factory.mktemp("oracle") / "journal.db") as journal:
        save_entries(journal, entries)
        written = io.StringIO(newline="")
        export_entries(journal, *FAR, written)
        sites = {site.name: site for site in list_sites(journal)}
    used = sorted(
        {key for entry in entries for key in entry.pain},
        key=lambda key: (sites[key[0]].position, {"": 0, "left": 1, "right": 2}[key[1]]),
    )
    expected = io.StringIO(newline="")
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow([*ENTRY_HEADER, *(sites[site].column(side) for site, side in used)])
    for entry in sorted(entries, key=lambda entry: entry.date):
        values = entry.values()
        writer.writerow(
            [
                entry.date.isoformat(),
                *(cell(values[name]) for name in ENTRY_FIELDS),
                *(cell(entry.pain.get(key)) for key in used),
            ]
        )
    assert written.getvalue() == expected.getvalue()


# Ticks drawn as (days before today, which of the nine items, note); the test makes them in the order drawn.
ticks_drawn = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 8), st.one_of(st.just(""), note_text.map(lambda text: text[:200]))),
    min_size=1,
    max_size=12,
    unique_by=lambda tick: tick[:2],
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    drawn=ticks_drawn,
    title=st.sampled_from(["=1+1", "'@home", "Hills, then strides", 'The "long" one', "Core", "-ve splits"]),
    week_start=st.sampled_from(["monday", "sunday", "wednesday"]),
    tie=st.booleans(),
)
def test_the_checklist_export_is_what_the_csv_module_writes(tmp_path_factory, today, drawn, title, week_start, tie):
    """Every tick, by day, then in the items' order, then in the order they were made (a retired item keeps
    its place, which an item moved since may take too); its week as the journal's weeks start."""
    import csv
    import io

    from journal.dates import week_label
    from journal.dates import week_start as start_of_week
    from journal.io.csv_export import TICK_HEADER, cell, export_ticks
    from journal.store.checklist import move_item, retire_item
    from journal.store.settings import first_weekday

    with open_journal(tmp_path_factory.mktemp("oracle") / "journal.db") as journal:
        set_setting(journal, "week_start", week_start)
        ids = [item.id for item in list_items(journal)]
        update_item(journal, ids[1], title=title, today=today)
        made = [(ids[index], today - offset * DAY, note.strip()) for offset, index, note in drawn]  # as kept
        if tie:  # two items that will share a place, ticked on one day: the later item first
            made += [(ids[-1], today - 40 * DAY, ""), (ids[2], today - 40 * DAY, "")]
        for item_id, day, note in made:
            set_tick(journal, item_id, day, True, note=note)
        if tie:  # the third item is retired in its place, which the last one then takes
            retire_item(journal, ids[2], today=today)
            move_item(journal, ids[-1], -len(ids))
            move_item(journal, ids[-1], 2)
        items = {item.id: item for item in list_items(journal)}
        first = first_weekday(journal)
        written = io.StringIO(newline="")
        assert export_ticks(journal, *FAR, written) == len(made)
    assert not tie or items[ids[2]].position == items[ids[-1]].position
    expected = io.StringIO(newline="")
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow(TICK_HEADER)
    for _, (item_id, day, note) in sorted(
        enumerate(made), key=lambda tick: (tick[1][1], items[tick[1][0]].position, tick[0])
    ):
        begins = start_of_week(day, first)
        week = week_label(begins) if first == 0 else begins.isoformat()
        writer.writerow([day.isoformat(), week, item_id, cell(items[item_id].title), items[item_id].kind, cell(note)])
    assert written.getvalue() == expected.getvalue()


# -- an import takes only what the command line would -----------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        (
            "in.csv",
            f"{ENTRIES}\r\n2026-12-30,normal,,,,,,3,\r\n",
            "in.csv line 2: date 2026-12-30 has not happened yet",
        ),
        ("pain.csv", "date,site,side,score\r\n2026-12-30,knee,left,3\r\n", "date 2026-12-30 has not happened yet"),
        (
            "ticks.csv",
            "date,week,item_id,item,kind,note\r\n2026-12-30,2026-W53,1,Strength session,strength,\r\n",
            "date 2026-12-30 has not happened yet",
        ),
        (
            "goals.csv",
            "id,title,category,status,due,progress,note,measure,created,done,position,measure_data\r\n"
            '9,Sleep,health,todo,,,,,2026-11-01,,0,"{""kind"": ""sleep"", ""level"": 99}"\r\n',
            "a measure is",
        ),
        (
            "goals.csv",
            "id,title,category,status,due,progress,note,measure,created,done,position,measure_data\r\n"
            "9,Sleep,health,todo,,,,,2030-01-01,,0,\r\n",
            "created 2030-01-01 has not happened yet",
        ),
        (
            "goals.csv",
            "id,title,category,status,due,progress,note,measure,created,done,position,measure_data\r\n"
            "9,Sleep,health,todo,,,,,2026-11-01,,0,{bad\r\n",
            "goals.csv line 2: measure_data is not a measure",
        ),
    ],
)
def test_rows_the_command_line_would_refuse_are_refused(tmp_path, name, text, problem, today):
    with pytest.raises(BadRows, match=problem):
        read_path(write_csv(tmp_path / name, text), today=today)


def test_what_only_the_journal_can_check_is_refused_with_its_line(journal, tmp_path, today):
    plyometrics = list_items(journal)[1]
    from journal.store.checklist import retire_item

    retire_item(journal, plyometrics.id, today=today - 3 * DAY)
    ticks = write_csv(
        tmp_path / "ticks.csv",
        "date,week,item_id,item,kind,note\r\n"
        f"{today - DAY},{today - DAY:%G-W%V},{plyometrics.id},Plyometrics,plyometrics,\r\n",
    )
    with pytest.raises(BadRows, match=f"ticks.csv line 2: Plyometrics was retired on {today - 3 * DAY}"):
        import_bundle(journal, read_path(ticks, today=today))
    goals = write_csv(
        tmp_path / "goals.csv",
        "id,title,category,status,due,progress,note,measure,created,done,position,measure_data\r\n"
        '9,Knee,rehab,todo,,,,,2026-11-01,,0,"{""kind"": ""pain"", ""site"": ""kne"", ""level"": 2}"\r\n',
    )
    with pytest.raises(BadRows, match=r"goals.csv line 2: the measure's body site 'kne' is not in the journal"):
        import_bundle(journal, read_path(goals, today=today))
    empty_column = write_csv(tmp_path / "in.csv", f"{ENTRIES},pain_kne\r\n{today},normal,,,,,,3,,\r\n")
    with pytest.raises(BadRows, match=r"in.csv line 1: unknown body site 'kne'"):
        import_bundle(journal, read_path(empty_column, today=today))


def test_columns_may_come_in_any_order_and_a_day_needs_only_some(journal, tmp_path, today):
    days = write_csv(tmp_path / "days.csv", f"mood,date,pain_knee_left\r\n4,{today - DAY},2\r\n")
    pain = write_csv(tmp_path / "pain.csv", f"site,date,score,side\r\nshin,{today},1,\r\n")
    import_bundle(journal, read_path(days, today=today))
    import_bundle(journal, read_path(pain, today=today))
    assert get_entry(journal, today - DAY) == DayEntry(today - DAY, mood=4, pain={("knee", "left"): 2})
    assert get_entry(journal, today).pain == {("shin", ""): 1}
    with pytest.raises(BadRows, match="not a header journal import knows: it should hold the columns of pain"):
        read_path(days, "pain")


def test_scales_are_for_reading(journal, tmp_path):
    folder = tmp_path / "out"
    export_folder(journal, folder)
    with pytest.raises(BadRows, match=r"scales.csv says what the numbers mean, for reading; it is not imported"):
        read_path(folder / "scales.csv")


def test_an_empty_file_is_not_a_backup_to_restore(journal, db_path, tmp_path, today):
    save_entry(journal, DayEntry(today, mood=4))
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    before = journal_content(db_path)
    with pytest.raises(JournalFileError, match="is empty, not a journal"):
        restore_journal(empty, db_path)
    assert journal_content(db_path) == before and empty.read_bytes() == b""


def test_a_backup_is_one_file_that_leaves_nothing_beside_it_when_read(journal, db_path, tmp_path, today):
    save_entry(journal, DayEntry(today, mood=4))
    target = backup_journal(journal.conn, db_path, tmp_path / "b.db")
    with open_journal(db_path, create=False) as other:
        restore_journal(target, other.path)
    assert sorted(path.name for path in tmp_path.glob("b.db*")) == ["b.db"]


# -- goals: one identity across journals ---------------------------------------------------


def goal_rows(journal):
    return sorted(
        (
            goal.uid,
            goal.title,
            goal.assessment_id
            and journal.conn.execute(
                "SELECT date, looks_back_on FROM assessments WHERE id = ?", [goal.assessment_id]
            ).fetchone(),
        )
        for goal in list_goals(journal)
    )


def test_goals_round_trip_with_their_uids_and_the_assessment_that_proposed_them(journal, tmp_path, today):
    save_assessment(journal, Assessment(today - 9 * DAY, "Other race"), [], today=today - 9 * DAY)
    assessment = Assessment(today, "Valencia marathon", faded=True)
    save_assessment(journal, assessment, propose(assessment, today)[:2], today=today)
    add_goal(journal, Goal("Blood work"), today=today)
    first, second = round_trip(journal, tmp_path)
    assert first == second
    with open_journal(tmp_path / "copy.db") as copy:
        assert goal_rows(copy) == goal_rows(journal)
        assert [goal.id for goal in list_goals(copy)] == [goal.id for goal in list_goals(journal)], "numbers kept"
        assert sum(goal.assessment_id is not None for goal in list_goals(copy)) == 2
        report = import_bundle(copy, read_path(tmp_path / "copy-1"))
        assert report.counts["goals"] == {"unchanged": 3}, "an import twice changes nothing"


def test_two_journals_goals_with_the_same_numbers_both_land(tmp_path, today):
    for name, titles in (("a", ["Sleep", "Kick"]), ("b", ["Hips", "Doctor", "Rehab"])):
        with open_journal(tmp_path / f"{name}.db") as journal:
            for title in titles:
                add_goal(journal, Goal(title), today=today)
            export_folder(journal, tmp_path / f"{name}-out")
    with open_journal(tmp_path / "both.db") as both:
        import_bundle(both, read_path(tmp_path / "a-out"))
        import_bundle(both, read_path(tmp_path / "b-out"))
        # Rehab keeps 3, a number this journal had not given; Hips and Doctor get new ones.
        assert sorted((goal.id, goal.title) for goal in list_goals(both)) == [
            (1, "Sleep"),
            (2, "Kick"),
            (3, "Rehab"),
            (4, "Hips"),
            (5, "Doctor"),
        ]
        import_bundle(both, read_path(tmp_path / "b-out"))
        assert len(list_goals(both)) == 5, "matched by uid, not by number"


def test_an_imported_goal_never_takes_a_number_this_journal_gave_before(journal, tmp_path, today):
    with open_journal(tmp_path / "other.db") as other:
        add_goal(other, Goal("From elsewhere"), today=today)
        export_folder(other, tmp_path / "out")
    removed = add_goal(journal, Goal("Removed"), today=today)
    remove_goal(journal, removed.id)
    import_bundle(journal, read_path(tmp_path / "out"))
    assert [(goal.id, goal.title) for goal in list_goals(journal)] == [(2, "From elsewhere")]


OLD_GOALS = "id,title,category,status,due,progress,note,measure,created,done,position,measure_data\r\n"


def test_an_older_goals_file_without_uids_matches_by_title_and_created_day(journal, tmp_path, today):
    add_goal(journal, Goal("Sleep"), today=dt.date(2026, 11, 1))
    path = write_csv(
        tmp_path / "goals.csv",
        OLD_GOALS + "1,Sleep,other,todo,,,,,2026-11-01,,0,\r\n1,Kick,strength,todo,,,,,2026-11-02,,1,\r\n",
    )
    report = import_bundle(journal, read_path(path, today=today))
    assert report.counts["goals"] == {"unchanged": 1, "added": 1}
    assert [(goal.id, goal.title) for goal in list_goals(journal)] == [(1, "Sleep"), (2, "Kick")]
    assert all(goal.uid for goal in list_goals(journal))
    assert import_bundle(journal, read_path(path, today=today)).counts["goals"] == {"unchanged": 2}


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("1,Sleep,other,todo,,,,,2026-11-01,,0,,not-a-uid,,", "uid must be a UUID"),
        ("1,Sleep,other,todo,,,,,2026-11-01,,0,,,,Valencia", "assessment needs its assessment_date"),
    ],
)
def test_a_goals_uid_and_assessment_are_checked(tmp_path, row, problem, today):
    path = write_csv(tmp_path / "goals.csv", OLD_GOALS.replace("\r\n", ",uid,assessment_date,assessment\r\n") + row)
    with pytest.raises(BadRows, match=problem):
        read_path(path, today=today)


def test_a_goal_whose_assessment_is_missing_is_refused_with_its_line(journal, tmp_path, today):
    path = write_csv(
        tmp_path / "goals.csv",
        OLD_GOALS.replace("\r\n", ",uid,assessment_date,assessment\r\n")
        + "1,Sleep,other,todo,,,,,2026-11-01,,0,,,2026-11-01,Valencia\r\n",
    )
    with pytest.raises(BadRows, match=r"goals.csv line 2: the assessment of 2026-11-01 \('Valencia'\) is not in"):
        import_bundle(journal, read_path(path, today=today))
    assert list_goals(journal) == []
