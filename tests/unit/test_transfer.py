"""Export, import and backups: the data is the runner's, and no sequence of them loses a day."""

import dataclasses
import datetime as dt
import hashlib
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.domain.entries import DayEntry
from journal.domain.goals import Assessment, Goal, Measure, propose
from journal.domain.overuse import Answers
from journal.domain.plan import Stage
from journal.domain.sessions import SESSION_KINDS, Session
from journal.errors import BadRows, InvalidInput, JournalFileError
from journal.io.csv_export import KINDS, neutralise, writers
from journal.io.csv_import import read_path, restore
from journal.io.export_files import write_folder
from journal.store import open_journal
from journal.store.backup import KEEP_AUTOMATIC, backup_journal, backups_dir
from journal.store.checklist import list_items, set_tick, update_item
from journal.store.demo import fill_demo
from journal.store.entries import entries_between, get_entry, save_entries, save_entry
from journal.store.goals import add_goal, list_goals, remove_goal, save_assessment
from journal.store.overuse import save_answers
from journal.store.plans import get_plan, make_decisions, plan_decisions, start_plan, stop_plan
from journal.store.restore import restore_journal
from journal.store.sessions import add_session, insert_session, remove_session, sessions_between, set_session_kind
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


def kept(path):
    """Every row of every table of the journal at `path` but the moments of the writes (`updated_at`), which an
    import does not carry, and the record of the schema's upgrades."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1")]
        content = {}
        for table in set(tables) - {"_sqlite_migrations"}:
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if row[1] != "updated_at"]
            listed = ", ".join(f'"{column}"' for column in columns)
            content[table] = conn.execute(f'SELECT {listed} FROM "{table}" ORDER BY {listed}').fetchall()
        return content
    finally:
        conn.close()


def sessions_held(journal):
    """Every session with its uid, and every tick with its note and the number of the session that made it
    (None: made by hand): what an export and an import must carry over unchanged."""
    uids = dict(journal.conn.execute("SELECT id, uid FROM sessions").fetchall())
    sessions = [(uids[session.number], session) for session in sessions_between(journal, dt.date.min, dt.date.max)]
    ticks = journal.conn.execute(
        "SELECT ticks.item_id, ticks.date, ticks.note, session_ticks.session_id FROM ticks"
        " LEFT JOIN session_ticks USING (item_id, date) ORDER BY ticks.date, ticks.item_id"
    ).fetchall()
    return sessions, ticks


TRICKY = '=HYPERLINK("x") "quoted", comma;\nsecond line ünïcödé 🏃\r\n\ttab'


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
            cramps=3,
            cramp_site="groin",  # the runner's own site: sites.csv brings it along
            resting_hr=46,
            hrv=71.5,
            hrv_method="sdnn",
        ),
    )
    save_entry(journal, DayEntry(today - 100 * DAY, cramps=0))  # a day with only cramps logged, none of them
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
    # Sessions beside the demo's: several a day, without km or RPE, pain on sided and unsided sites (the
    # runner's own site too), one for the plan, notes of every kind, a number no longer used, a tick made by hand
    # before its session (so the runner's), and a session's tick unticked by hand (so not made again).
    items = {item.title: item.number for item in list_items(journal)}
    set_tick(journal, items["Technique drills"], today, True, note="by hand, first")
    add_session(journal, Session(today, "technique", 20, note="drills"), today=today)
    pain = (("knee", "", 3), ("groin", "left", 2), ("lower-back", "", 1), ("shin", "right", 0))
    add_session(journal, Session(today, "run", 45, km=8.25, rpe=3, pain=pain, note=TRICKY, for_plan=True), today=today)
    add_session(journal, Session(today, "strength", 40, note="+@gym, 'heavy'"), today=today)
    gone = add_session(journal, Session(today - DAY, "walk", 30, km=2.5), today=today)
    remove_session(journal, gone.number)
    add_session(journal, Session(today - DAY, "plyometrics", 15, rpe=8, note="-5 reps"), today=today)
    set_tick(journal, items["Plyometrics"], today - DAY, False)
    # The training side: what each session kind ticks; a plan on a ladder of the runner's own, completed by
    # the plan sessions after it, one of them removed since (its decision stands); one stopped and one running;
    # and weekly overuse answers.
    set_session_kind(journal, "run", "strides")
    ladder = (Stage("10 min", 10), Stage("=ODD 2 x 8 min run, walk 1", 16), Stage("30 min continuous", 30))
    plan = start_plan(journal, "groin", "left", today=today - 60 * DAY, stages=ladder)
    for day in (today - 59 * DAY, today - 57 * DAY):
        add_session(journal, Session(day, "run", 20, pain=(("groin", "left", 2),), for_plan=True), today=day)
        save_entry(journal, DayEntry(day + DAY, pain={("groin", "left"): 1}))
    make_decisions(journal, today=today - 50 * DAY)
    remove_session(journal, sessions_between(journal, today - 59 * DAY, today - 59 * DAY)[0].number)
    assert get_plan(journal, plan.number).completed is not None
    stop_plan(journal, start_plan(journal, "groin", "left", today=today - 3 * DAY, stage=2).number, today=today)
    start_plan(journal, "groin", "left", today=today, stage=3)
    save_answers(journal, today - 14 * DAY, "groin", "left", Answers(1, 2, 1, 2), today=today)
    save_answers(journal, today, "knee", "", Answers(3, 0, 0, 3), today=today)
    assert len(plan_decisions(journal, plan.number)) > 2
    # Values and sessions another app brought: where each came from comes along.
    from journal.domain.imported import DayValues, ImportedSession, SourceBatch
    from journal.store.source_import import import_source

    watch = [DayValues(today - 2 * DAY, {"resting_hr": 51, "hrv": 64.5, "hrv_method": "sdnn"}, where="record 1")]
    import_source(journal, SourceBatch("apple-health", days=watch), today=today)
    runs = [ImportedSession("9001", Session(today - 4 * DAY, "run", 50, km=10.5, note="Long run"), where="line 2")]
    import_source(journal, SourceBatch("strava", sessions=runs), today=today)
    first, second = round_trip(journal, tmp_path)
    assert first == second
    assert set(first) == {
        "assessments.csv",
        "checklist.csv",
        "entries.csv",
        "goals.csv",
        "items.csv",
        "overuse.csv",
        "pain.csv",
        "plan-decisions.csv",
        "plans.csv",
        "scales.csv",
        "session-kinds.csv",
        "sessions.csv",
        "settings.csv",
        "sites.csv",
        "sources.csv",
        "manifest.csv",
    }
    # Every table the journal keeps comes back as it was, but the moments of the writes.
    assert kept(tmp_path / "copy.db") == kept(journal.path)
    assert b"'=HYPERLINK" in first["entries.csv"] and b'"\'+Settle the knee"' not in first["goals.csv"]
    assert b"knee=3;shin:right=0;lower-back=1;groin:left=2" in first["sessions.csv"], "in the sites' order"
    assert first["sessions.csv"].count(b"\r\n") > 40, "the demo's sessions too"
    with open_journal(tmp_path / "copy.db") as copy:
        held = sessions_held(copy)
        assert held == sessions_held(journal)
    assert (items["Technique drills"], today.isoformat(), "by hand, first", None) in held[1]
    assert not any(tick[:2] == (items["Plyometrics"], (today - DAY).isoformat()) for tick in held[1])


# Any text the journal takes: control characters only as line ends and tabs (no NUL, no escape sequences).
note_text = st.text(st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r"), max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=st.lists(note_text, min_size=1, max_size=5), tick_note=note_text, session_note=note_text)
def test_any_note_round_trips(tmp_path_factory, notes, tick_note, session_note, today):
    tmp_path = tmp_path_factory.mktemp("trip")
    with open_journal(tmp_path / "journal.db") as journal:
        save_entries(journal, [DayEntry(today - n * DAY, mood=3, note=note) for n, note in enumerate(notes)])
        set_tick(journal, list_items(journal)[0].id, today, True, note=tick_note[:200])
        add_session(journal, Session(today, "run", 30, note=session_note), today=today)
        first, second = round_trip(journal, tmp_path)
        assert first == second
        with open_journal(tmp_path / "copy.db") as copy:
            assert [get_entry(copy, today - n * DAY).note for n in range(len(notes))] == notes
            assert [session.note for session in sessions_between(copy, today, today)] == [session_note]


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


def test_an_entries_csv_from_before_cramps_still_imports_and_leaves_the_cramps_alone(journal, tmp_path, today):
    save_entry(journal, DayEntry(today, mood=2, cramps=2, cramp_site="achilles"))
    path = write_csv(tmp_path / "in.csv", f"{ENTRIES}\r\n{today - DAY},normal,,,,,,5,\r\n{today},normal,,,,,,4,\r\n")
    import_bundle(journal, read_path(path), on_conflict="replace")
    assert get_entry(journal, today - DAY) == DayEntry(today - DAY, mood=5)
    assert get_entry(journal, today) == DayEntry(today, mood=4, cramps=2, cramp_site="achilles")


CRAMPS = "date,cramps,cramp_site"


def test_cramps_columns_are_checked_row_by_row_and_against_the_journal(journal, tmp_path, db_path, today):
    before = journal_content(db_path)
    for rows, problem in (
        (f"{today},51,", "cramps must be a whole count from 0"),
        (f"{today},0,achilles", r"a cramp site \(achilles\) needs a count of cramps of 1 or more"),
        (f"{today},,achilles", "needs a count"),
        (f"{today},2,elbow", "unknown body site 'elbow' for the cramps"),
        (f"{today},2,Bad Site!", "a site name is"),
    ):
        path = write_csv(tmp_path / "in.csv", f"{CRAMPS}\r\n{rows}\r\n")
        with pytest.raises(BadRows, match=problem):
            import_bundle(journal, read_path(path))
        assert journal_content(db_path) == before
    # A site alone is checked with the count the journal holds.
    save_entry(journal, DayEntry(today, cramps=1))
    site = write_csv(tmp_path / "site.csv", f"date,cramp_site\r\n{today},foot\r\n")
    import_bundle(journal, read_path(site), on_conflict="replace")
    assert get_entry(journal, today) == DayEntry(today, cramps=1, cramp_site="foot")
    with pytest.raises(BadRows, match="needs a count"):
        import_bundle(journal, read_path(write_csv(tmp_path / "s.csv", f"date,cramp_site\r\n{today - DAY},foot\r\n")))


def test_a_count_replaced_by_none_takes_its_site_along(journal, tmp_path, today):
    save_entry(journal, DayEntry(today, mood=3, cramps=2, cramp_site="achilles"))
    path = write_csv(tmp_path / "in.csv", f"date,mood,cramps\r\n{today},3,\r\n")
    import_bundle(journal, read_path(path), on_conflict="replace")
    assert get_entry(journal, today) == DayEntry(today, mood=3)


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
        with sqlite3.connect(db_path) as conn:  # on a connection of its own: foreign keys off, as it needs
            as_before(conn, "m003_goals")
        conn.close()

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
    lambda offset, hours, mood, note, pain, cramps: (
        offset,
        {"sleep_hours": hours, "mood": mood, "note": note, "pain": pain, **cramps},
    ),
    offset=st.integers(0, 400),
    hours=st.one_of(st.none(), st.integers(0, 2400).map(lambda n: n / 100)),
    mood=st.one_of(st.none(), st.integers(1, 5)),
    note=note_text,
    pain=st.dictionaries(
        st.sampled_from([("knee", "left"), ("knee", "right"), ("lower-back", ""), ("shin", "")]),
        st.integers(0, 10),
        max_size=3,
    ),
    # Cramps: none logged, a count (0 too), or a count of 1 or more with the site they were at.
    cramps=st.one_of(
        st.just({}),
        st.builds(lambda count: {"cramps": count}, st.integers(0, 50)),
        st.builds(
            lambda count, site: {"cramps": count, "cramp_site": site},
            st.integers(1, 50),
            st.sampled_from(["achilles", "hamstring", "lower-back", "foot"]),
        ),
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
    # Imported into a new journal, the file gives back the same days, cramps and all.
    folder = tmp_path_factory.mktemp("copy")
    (folder / "entries.csv").write_text(written.getvalue(), encoding="utf-8", newline="")
    with open_journal(folder / "copy.db") as copy:
        import_bundle(copy, read_path(folder / "entries.csv"))
        assert entries_between(copy, *FAR) == sorted(entries, key=lambda entry: entry.date)


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
        (
            "sources.csv",
            "date,field,source\r\n2026-11-20,mood,strava\r\n",
            "sources.csv line 2: source is one of apple-health, intervals, daylio, or empty for your own, got 'strava'",
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


# -- sessions: sessions.csv, one row a session --------------------------------------------

SESSIONS = "id,date,week,kind,minutes,km,rpe,load,pain,note,for_plan,uid,ticked\r\n"
UID = "4a3c1bb0-8e44-4c1e-9a35-2f7a5c0e1d2b"


def sessions_file(tmp_path, *rows, name="sessions.csv"):
    return write_csv(tmp_path / name, SESSIONS + "".join(f"{row}\r\n" for row in rows))


def session_uids(journal):
    return dict(journal.conn.execute("SELECT uid, id FROM sessions").fetchall())


# A session drawn as how many days before today, and its fields; pain at sided and unsided sites.
sessions_drawn = st.builds(
    lambda back, kind, minutes, km, rpe, pain, note, for_plan: Session(
        TODAY - back * DAY,
        kind,
        minutes,
        km,
        rpe,
        tuple((site, side, score) for (site, side), score in pain.items()),
        note,
        for_plan,
    ),
    back=st.integers(0, 6),  # a week: several sessions a day, and ticks by hand on their days
    kind=st.sampled_from(SESSION_KINDS),
    minutes=st.integers(1, 1440),
    km=st.one_of(st.none(), st.integers(0, 1_000_000).map(lambda metres: metres / 1000)),
    rpe=st.one_of(st.none(), st.integers(0, 10)),
    pain=st.dictionaries(
        st.sampled_from([("knee", ""), ("knee", "left"), ("knee", "right"), ("lower-back", ""), ("shin", "right")]),
        st.integers(0, 10),
        max_size=3,
    ),
    note=note_text,
    for_plan=st.booleans(),
)
TODAY = dt.date(2026, 11, 26)  # the `today` fixture's day: strategies are made before any fixture
# What a runner does between exports: log a session, tick or untick an item by hand, untick what a session
# ticked, remove a session.
doings = st.lists(
    st.one_of(
        st.tuples(st.just("log"), sessions_drawn),
        st.tuples(st.just("tick"), st.integers(0, 8), st.integers(0, 6), st.booleans()),
        st.tuples(st.just("untick"), st.integers(0, 50)),
        st.tuples(st.just("remove"), st.integers(0, 50)),
    ),
    min_size=1,
    max_size=14,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(done=doings, week_start=st.sampled_from(["monday", "sunday"]))
def test_any_sessions_and_ticks_round_trip_with_who_made_each_tick(tmp_path_factory, today, done, week_start):
    """Sessions, several a day, and ticks made by hand or by sessions, in any order: the copy holds the same
    sessions (same fields, numbers and uids), the same ticks, each made by the same session or by hand, and
    exports the same bytes."""
    from journal.store.plans import start_plan
    from journal.store.sessions import plan_session_problem, ticked_by

    assert today == TODAY
    tmp_path = tmp_path_factory.mktemp("sessions")
    with open_journal(tmp_path / "journal.db") as journal:
        set_setting(journal, "week_start", week_start)
        start_plan(journal, "knee", today=today - 7 * DAY)
        ids = [item.id for item in list_items(journal)]
        for doing in done:
            if doing[0] == "log":  # the plan's session only where the journal takes one, its decisions aside
                with journal.transaction() as conn:
                    session = doing[1]
                    if plan_session_problem(conn, session):
                        session = dataclasses.replace(session, for_plan=False)
                    insert_session(conn, session)
            elif doing[0] == "tick":
                set_tick(journal, ids[doing[1]], today - doing[2] * DAY, doing[3])
            elif doing[0] == "untick":
                if made := sorted(ticked_by(journal, *FAR)):
                    set_tick(journal, *made[doing[1] % len(made)], False)
            elif logged := sessions_between(journal, dt.date.min, dt.date.max):
                remove_session(journal, logged[doing[1] % len(logged)].number)
        first, second = round_trip(journal, tmp_path)
        assert first == second
        with open_journal(tmp_path / "copy.db") as copy:
            assert sessions_held(copy) == sessions_held(journal)
            before = journal_content(tmp_path / "copy.db")
            report = import_bundle(copy, read_path(tmp_path / "copy-1"))
            assert journal_content(tmp_path / "copy.db") == before, "an import twice changes nothing"
            assert set(report.counts.get("sessions", {"unchanged": 0})) == {"unchanged"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=st.lists(sessions_drawn, min_size=1, max_size=8), week_start=st.sampled_from(["monday", "wednesday"]))
def test_the_sessions_export_is_what_the_csv_module_writes(tmp_path_factory, today, drawn, week_start):
    """Every session by day, then in the order logged; numbers as numbers, the text neutralised, the week as
    the checklist's, the load minutes x RPE, the pain as the command line takes it, in the sites' order."""
    import csv
    import io

    from journal.dates import week_label
    from journal.dates import week_start as start_of_week
    from journal.io.csv_export import SESSION_HEADER, cell, export_sessions
    from journal.store.sessions import ticked_by
    from journal.store.settings import first_weekday

    with open_journal(tmp_path_factory.mktemp("oracle") / "journal.db") as journal:
        set_setting(journal, "week_start", week_start)
        with journal.transaction() as conn:  # as a journal may hold them: the plan's rules for a new one aside
            logged = [insert_session(conn, session) for session in drawn]
        uids = {number: uid for uid, number in session_uids(journal).items()}
        made = ticked_by(journal, *FAR)
        first = first_weekday(journal)
        written = io.StringIO(newline="")
        assert export_sessions(journal, *FAR, written) == len(drawn)
    expected = io.StringIO(newline="")
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow(SESSION_HEADER)
    order = {"knee": 0, "shin": 1, "lower-back": 7}
    for session in sorted(logged, key=lambda session: (session.day, session.number)):
        begins = start_of_week(session.day, first)
        pain = sorted(session.pain, key=lambda reading: (order[reading[0]], ["", "left", "right"].index(reading[1])))
        writer.writerow(
            [
                session.number,
                session.day.isoformat(),
                week_label(begins) if first == 0 else begins.isoformat(),
                session.kind,
                session.minutes,
                cell(session.km),
                cell(session.rpe),
                cell(session.load),
                ";".join(f"{site}{':' + side if side else ''}={score}" for site, side, score in pain),
                cell(session.note),
                int(session.for_plan),
                uids[session.number],
                ";".join(str(item) for (item, _), maker in sorted(made.items()) if maker == session.number),
                "",  # logged by the runner: no app's
            ]
        )
    assert written.getvalue() == expected.getvalue()


def test_sessions_are_exported_by_their_day_within_the_range(journal, tmp_path, today):
    import io

    from journal.io.csv_export import export_sessions

    for back in (0, 3, 10):
        add_session(journal, Session(today - back * DAY, "run", 30), today=today)
    written = io.StringIO(newline="")
    assert export_sessions(journal, today - 5 * DAY, today - DAY, written) == 1
    assert written.getvalue().splitlines()[1].split(",")[1] == (today - 3 * DAY).isoformat()


# -- sessions.csv: what an import refuses ------------------------------------------------------


GOOD = f"1,2026-11-20,2026-W47,run,40,8,3,120,knee:left=2,easy,0,{UID},"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (GOOD.replace(",run,", ",jog,"), "a session's kind is one of run, intervals"),
        (GOOD.replace(",40,", ",0,"), "a session lasts 1-1440 minutes, got '0'"),
        (GOOD.replace(",40,", ",forty,"), "minutes are a whole number like 40, or hours:minutes like 1:30"),
        (GOOD.replace(",8,", ",-1,"), "distance is kilometres like 8 or 8.5, got '-1'"),
        (GOOD.replace(",3,120,", ",11,440,"), "RPE is a whole number 0-10"),
        (GOOD.replace(",easy,", f",{'x' * 10_001},"), "a session's note is at most 10,000 characters"),
        (GOOD.replace("knee:left=2", "knee:left 2"), "pain is SITE=SCORE or SITE:SIDE=SCORE, readings separated"),
        (GOOD.replace("knee:left=2", "knee:up=2"), "side must be left or right, got 'up'"),
        (GOOD.replace("knee:left=2", "knee:left=11"), "pain at knee:left must be a whole number from 0 \\(none\\)"),
        (GOOD.replace("knee:left=2", "knee=1;knee=2"), "pain at knee is given twice"),
        (GOOD.replace("knee:left=2", "2knee=2"), "a site name is 1-30 letters"),
        (GOOD.replace(",0,4a", ",yes,4a"), "for_plan is 1 \\(the return-to-run plan's session of the day\\) or 0"),
        (GOOD.replace(UID, "not-a-uid"), "uid must be a UUID as the journal writes it"),
        (GOOD.replace("2026-11-20", "2026-12-30"), "date 2026-12-30 has not happened yet"),
        (GOOD.replace("2026-11-20", "20/11/2026"), "date must be YYYY-MM-DD"),
        (GOOD + "strength", "each number in ticked \\(a checklist item's\\) must be a whole number"),
        (GOOD.replace("1,2026", "x,2026"), "id must be a whole number from 1"),
        (GOOD.removesuffix(","), "12 cells where the header has 13"),
    ],
)
def test_a_session_row_the_command_line_would_refuse_is_refused_with_its_line(tmp_path, row, problem, today):
    with pytest.raises(BadRows, match=f"^sessions.csv line 3: {problem}"):
        read_path(sessions_file(tmp_path, GOOD.replace(UID, "").replace("2026-11-20", "2026-11-19"), row), today=today)


@pytest.mark.parametrize("source", ["daylio", "apple-health", "garmin"])
def test_a_session_is_from_an_app_that_brings_sessions_or_the_runners_own(tmp_path, source, today):
    header = SESSIONS.replace("ticked", "ticked,source")
    rows = (GOOD.replace(UID, "") + ",strava", GOOD + f",{source}")
    with pytest.raises(
        BadRows, match=rf"^sessions.csv line 3: source is one of strava, or empty for your own, got '{source}'$"
    ):
        read_path(write_csv(tmp_path / "sessions.csv", header + "".join(f"{row}\r\n" for row in rows)), today=today)


def test_every_bad_session_row_is_listed_and_nothing_is_imported(journal, db_path, tmp_path, today):
    path = sessions_file(
        tmp_path,
        GOOD,
        GOOD.replace(",run,", ",jog,").replace(UID, ""),
        GOOD.replace(",3,120,", ",,,").replace(UID, ""),
        GOOD.replace(",40,", ",0,").replace(UID, ""),
        GOOD.replace("1,2026", "2,2026"),
    )
    before = journal_content(db_path)
    with pytest.raises(BadRows) as refused:
        import_bundle(journal, read_path(path, today=today))
    assert [problem.split(":")[0] for problem in refused.value.problems] == [
        "sessions.csv line 3",
        "sessions.csv line 5",
        "sessions.csv line 6",
    ], "every bad row, the good ones not"
    assert (
        refused.value.problems[2]
        == f"sessions.csv line 6: the session {UID} appears twice (first at sessions.csv line 2)"
    )
    assert journal_content(db_path) == before


def test_a_sessions_site_must_be_in_the_journal_or_the_same_import_with_its_sides(journal, db_path, tmp_path, today):
    folder = tmp_path / "folder"
    folder.mkdir()
    sessions_file(
        folder,
        GOOD.replace("knee:left=2", "elbow:left=2"),
        GOOD.replace(UID, "").replace("knee:left=2", "lower-back:left=1"),
        GOOD.replace(UID, "").replace("knee:left=2", "knee=1;lower-back=3"),
    )
    before = journal_content(db_path)
    with pytest.raises(BadRows) as refused:
        import_bundle(journal, read_path(folder, today=today))
    assert refused.value.problems == [
        "sessions.csv line 2: unknown body site 'elbow' (add it with journal sites add, or import sites.csv with it)",
        "sessions.csv line 3: lower-back has no left or right side",
    ]
    assert journal_content(db_path) == before, "the good row is not imported either"
    write_csv(folder / "sites.csv", "name,label,sided,position\r\nelbow,Elbow,1,9\r\n")
    report = import_bundle(journal, read_path(folder / "sites.csv", today=today))
    assert report.lines() == ["sites: 1 body site (added 1)"]
    (folder / "sessions.csv").unlink()
    sessions_file(folder, GOOD.replace("knee:left=2", "elbow:left=2"))
    import_bundle(journal, read_path(folder, today=today))
    assert [session.pain for session in sessions_between(journal, *FAR)] == [(("elbow", "left", 2),)]


def test_a_site_with_sided_pain_during_a_session_keeps_its_sides_on_import(journal, tmp_path, today):
    add_session(journal, Session(today, "run", 30, pain=(("knee", "left", 2),)), today=today)
    sites = write_csv(tmp_path / "sites.csv", "name,label,sided,position\r\nknee,Knee,0,0\r\n")
    with pytest.raises(BadRows, match=r"sites.csv line 2: knee has 1 left or right reading in the journal"):
        import_bundle(journal, read_path(sites, today=today), on_conflict="replace")


# -- sessions.csv: matched by uid -----------------------------------------------------------------


def test_a_session_is_matched_by_its_uid_and_a_changed_one_is_a_conflict(journal, db_path, tmp_path, today):
    path = sessions_file(tmp_path, GOOD)
    assert import_bundle(journal, read_path(path, today=today)).lines() == ["sessions: 1 session (added 1)"]
    before = journal_content(db_path)
    assert import_bundle(journal, read_path(path, today=today)).lines() == ["sessions: 1 session (already there 1)"]
    assert journal_content(db_path) == before, "the same file twice changes nothing"
    changed = sessions_file(tmp_path, GOOD.replace(",easy,", ",hills,").replace("knee:left=2", "knee:left=3;shin=1"))
    with pytest.raises(BadRows, match=r"^sessions.csv line 2: session 1 \(run on 2026-11-20\) is already in the"):
        import_bundle(journal, read_path(changed, today=today))
    assert import_bundle(journal, read_path(changed, today=today), on_conflict="skip").lines() == [
        "sessions: 1 session (skipped 1)"
    ]
    assert journal_content(db_path) == before
    import_bundle(journal, read_path(changed, today=today), on_conflict="replace")
    [session] = sessions_between(journal, *FAR)
    assert (session.number, session.note, set(session.pain)) == (1, "hills", {("knee", "left", 3), ("shin", "", 1)})
    assert session_uids(journal) == {UID: 1}


def test_a_session_keeps_its_number_only_where_this_journal_never_gave_it(journal, tmp_path, today):
    first = add_session(journal, Session(today, "walk", 20), today=today)
    remove_session(journal, first.number)
    path = sessions_file(tmp_path, GOOD, GOOD.replace("1,2026", "7,2026").replace(UID, str(UID).replace("4a", "5b")))
    import_bundle(journal, read_path(path, today=today))
    assert sorted(session_uids(journal).values()) == [7, 8], "1 was given before; 7 never was; then the next"


def test_a_row_without_a_uid_is_the_journals_session_with_the_same_values(journal, db_path, tmp_path, today):
    own = GOOD.replace(UID, "").replace("1,2026", ",2026")
    path = sessions_file(tmp_path, own, own)  # two alike on one day: two sessions
    assert import_bundle(journal, read_path(path, today=today)).lines() == ["sessions: 2 sessions (added 2)"]
    assert len(session_uids(journal)) == 2 and all(session_uids(journal)), "each with a new uid"
    before = journal_content(db_path)
    assert import_bundle(journal, read_path(path, today=today)).lines() == ["sessions: 2 sessions (already there 2)"]
    assert journal_content(db_path) == before
    three = sessions_file(tmp_path, own, own, own.replace(",easy,", ",easy again,"))
    assert import_bundle(journal, read_path(three, today=today)).lines() == [
        "sessions: 3 sessions (added 1, already there 2)"
    ]


# -- sessions.csv: the ticks of an import ---------------------------------------------------------


def test_sessions_imported_on_their_own_tick_as_when_logged_and_never_twice(journal, tmp_path, today):
    from journal.store.sessions import ticked_by

    items = {item.title: item.number for item in list_items(journal)}
    set_tick(journal, items["Strength session"], today - DAY, True, note="by hand")
    path = sessions_file(
        tmp_path,
        f"1,{today},,strength,40,,,,,,0,{UID},",
        f"2,{today - DAY},,strength,40,,,,,,0,{UID.replace('4a', '5b')},",
        f"3,{today},,strength,20,,,,,,0,{UID.replace('4a', '6c')},",
    )
    import_bundle(journal, read_path(path, today=today))
    uids = session_uids(journal)
    assert ticked_by(journal, *FAR) == {(items["Strength session"], today): uids[UID]}, (
        "the hand tick stays the runner's"
    )
    assert journal.conn.execute("SELECT count(*) FROM ticks").fetchone()[0] == 2
    remove_session(journal, uids[UID])
    remove_session(journal, uids[UID.replace("4a", "6c")])
    remove_session(journal, uids[UID.replace("4a", "5b")])
    assert ticked_by(journal, *FAR) == {}
    assert journal.conn.execute("SELECT item_id, date, note FROM ticks").fetchall() == [
        (items["Strength session"], (today - DAY).isoformat(), "by hand")
    ]


def test_with_the_imports_own_ticks_a_session_makes_none_and_owns_only_those_the_import_added(journal, tmp_path, today):
    """The ticks an export wrote are the ticks: a session whose tick was unticked by hand does not tick it again,
    a tick made by hand stays the runner's, and a tick the journal already had is never given to a session."""
    from journal.store.sessions import ticked_by

    items = {item.title: item.number for item in list_items(journal)}
    set_tick(journal, items["Strength session"], today - 2 * DAY, True)
    add_session(journal, Session(today - 2 * DAY, "strength", 30), today=today)  # the tick was the runner's
    made = add_session(journal, Session(today - DAY, "strength", 30), today=today)
    unticked = add_session(journal, Session(today, "rehab", 20), today=today)
    set_tick(journal, items["Rehab or mobility"], today, False)
    export_folder(journal, tmp_path / "out")
    with open_journal(tmp_path / "copy.db") as copy:
        import_bundle(copy, read_path(tmp_path / "out"))
        assert ticked_by(copy, *FAR) == {(items["Strength session"], today - DAY): made.number}
        assert sessions_held(copy) == sessions_held(journal)
        remove_session(copy, unticked.number)
        remove_session(copy, made.number)
        assert {tick[:2] for tick in sessions_held(copy)[1]} == {(items["Strength session"], str(today - 2 * DAY))}
    for on_conflict, note in (("fail", ""), ("replace", "by hand")):  # a journal with the tick by hand already
        with open_journal(tmp_path / f"ticked-{on_conflict}.db") as ticked:
            set_tick(ticked, items["Strength session"], today - DAY, True, note=note)
            report = import_bundle(ticked, read_path(tmp_path / "out"), on_conflict=on_conflict)
            assert report.counts["checklist"] == {"added": 1, "replaced" if note else "unchanged": 1}
            assert ticked_by(ticked, *FAR) == {}, "the runner's tick is never given to a session"
            assert len(sessions_held(ticked)[1]) == 2


def test_a_replaced_session_moved_to_another_day_leaves_its_tick_to_the_runner(journal, tmp_path, today):
    from journal.store.sessions import ticked_by

    items = {item.title: item.number for item in list_items(journal)}
    path = sessions_file(tmp_path, f"1,{today},,strength,40,,,,,,0,{UID},")
    import_bundle(journal, read_path(path, today=today))
    assert ticked_by(journal, *FAR) == {(items["Strength session"], today): 1}
    moved = sessions_file(tmp_path, f"1,{today - DAY},,strength,40,,,,,,0,{UID},")
    import_bundle(journal, read_path(moved, today=today), on_conflict="replace")
    assert ticked_by(journal, *FAR) == {}
    assert [tick[:2] for tick in sessions_held(journal)[1]] == [(items["Strength session"], today.isoformat())]
    assert [session.day for session in sessions_between(journal, *FAR)] == [today - DAY]


def test_a_long_journals_sessions_imported_again_are_all_already_there(journal, db_path, tmp_path, today):
    fill_demo(journal, today, 700, seed=5)  # more sessions than one query of uids asks for
    export_folder(journal, tmp_path / "out")
    before = journal_content(db_path)
    report = import_bundle(journal, read_path(tmp_path / "out"))
    assert set(report.counts["sessions"]) == {"unchanged"} and report.counts["sessions"]["unchanged"] > 500
    assert journal_content(db_path) == before


def test_a_sessions_file_from_before_sources_still_imports_and_leaves_them_as_they_are(journal, tmp_path, today):
    from journal.domain.imported import ImportedSession, SourceBatch
    from journal.store.source_import import import_source

    runs = [ImportedSession("9001", Session(today - DAY, "run", 50, km=10.5), where="line 2")]
    import_source(journal, SourceBatch("strava", sessions=runs), today=today)
    path = tmp_path / "sessions.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        KINDS["sessions"][1](journal, *FAR, out)
    lines = path.read_bytes().decode().split("\r\n")
    older = "\r\n".join(line.rsplit(",", 1)[0] for line in lines if line)
    path.write_text(older + "\r\n", encoding="utf-8", newline="")
    assert "source" not in older.splitlines()[0]
    assert import_bundle(journal, read_path(path, today=today)).lines() == ["sessions: 1 session (already there 1)"]
    assert journal.conn.execute("SELECT source FROM sessions").fetchall() == [("strava",)]
