import datetime as dt
import hashlib
import sqlite3
import stat
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.entries import DayEntry, EntryChange, merge_entries
from journal.domain.scales import DAY_TYPES
from journal.errors import InvalidInput, JournalFileError
from journal.store import open_journal
from journal.store.entries import count_entries, entries_between, get_entry, save_entry, update_entry
from journal.store.schema import APPLICATION_ID, KNOWN_MIGRATIONS
from journal.store.sites import add_site, list_sites
from tests.content import as_before

DAY = dt.timedelta(days=1)


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_journal_is_created_with_its_folder(tmp_path):
    path = tmp_path / "deep" / "folder" / "journal.db"
    with open_journal(path) as journal:
        assert journal.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert journal.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        applied = [row[0] for row in journal.conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == list(KNOWN_MIGRATIONS)
        assert [site.name for site in list_sites(journal)][:3] == ["knee", "shin", "achilles"]


def test_the_migration_list_matches_the_migrations():
    from sqlite_utils import Database

    from journal.store.migrations import migrations

    # What an empty database would still need: every migration, in order.
    assert [migration.name for migration in migrations.pending(Database(memory=True))] == list(KNOWN_MIGRATIONS)


def test_reopening_applies_nothing_twice(db_path):
    open_journal(db_path).close()
    with open_journal(db_path) as journal:
        assert journal.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(KNOWN_MIGRATIONS)
        assert len(list_sites(journal)) == 8


def test_the_scale_direction_is_stored_with_the_data(journal):
    rows = dict(journal.conn.execute("SELECT field, best FROM scales"))
    assert rows["mood"] == "high" and rows["pain"] == "low"


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my shopping list\n" * 20)
    before = digest(path)
    with pytest.raises(JournalFileError, match="not a journal"):
        open_journal(path)
    assert digest(path) == before
    assert not (tmp_path / "notes.txt-wal").exists()


def test_an_empty_file_becomes_a_new_journal(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()  # nothing in it to lose
    with open_journal(path) as journal:
        assert count_entries(journal) == 0
        assert len(list_sites(journal)) == 8


def test_reading_never_creates_a_journal(tmp_path):
    path = tmp_path / "typo" / "journal.db"
    with pytest.raises(JournalFileError, match="no journal at"):
        open_journal(path, create=False)
    assert not path.parent.exists()


def test_a_sqlite_file_that_is_not_a_journal_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(JournalFileError, match="not an Offseason journal"):
        open_journal(path)
    assert digest(path) == before


def crash_after(db_path, *statements):
    """Run `statements` in WAL mode in another process that dies without closing:
    the changes stay in a leftover -wal file, as after a crash."""
    code = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1])\n"
        "conn.execute('PRAGMA journal_mode=WAL')\n"
        f"for statement in {list(statements)!r}:\n"
        "    conn.execute(statement)\n"
        "conn.commit()\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db_path)], check=True)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    return wal


def test_a_journal_from_a_newer_version_is_refused_untouched(db_path):
    open_journal(db_path).close()
    wal = crash_after(
        db_path,
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('offseason', 'm999_future', 'x')",
    )
    before = (digest(db_path), digest(wal))
    with pytest.raises(JournalFileError, match="newer version"):
        open_journal(db_path)
    assert (digest(db_path), digest(wal)) == before, "the leftover log is not folded into a refused file"


def test_another_programs_crashed_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    wal = crash_after(path, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)", "INSERT INTO invoices VALUES (1)")
    before = (digest(path), digest(wal))
    with pytest.raises(JournalFileError, match="not an Offseason journal"):
        open_journal(path)
    assert (digest(path), digest(wal)) == before


def test_a_database_with_only_a_version_set_is_not_taken_for_empty(tmp_path):
    path = tmp_path / "versioned.db"
    sqlite3.connect(path).execute("PRAGMA user_version = 7").connection.close()
    with pytest.raises(JournalFileError, match="not an Offseason journal"):
        open_journal(path)


def test_a_damaged_journal_is_one_clear_error(db_path, today):
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today, mood=3))
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # wreck every page but the header
    db_path.write_bytes(bytes(data))
    with pytest.raises(JournalFileError), open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today, mood=4))


@pytest.mark.parametrize(
    ("said", "message"),
    [
        ("disk I/O error", r"disk I/O error: is its disk full or failing\? \(nothing was changed\)"),
        ("database or disk is full", "database or disk is full: is its disk full or failing"),
        ("database is locked", "is busy in another program"),
        ("file is not a database", "is damaged or not a journal; it was left untouched"),
    ],
)
def test_a_journal_the_disk_cannot_serve_now_is_not_called_damaged(db_path, monkeypatch, said, message):
    """On a full disk SQLite cannot make the journal's shared-memory file, and the first read fails: that says
    nothing of the journal, which opens again once there is room. (A full disk cannot be made in a test.)"""
    import journal.store.db as db

    open_journal(db_path).close()

    def failing(conn, path):
        raise sqlite3.OperationalError(said)

    monkeypatch.setattr(db, "_read_pending", failing)
    with pytest.raises(JournalFileError, match=message):
        open_journal(db_path)


def test_an_empty_sqlite_database_becomes_a_journal(tmp_path):
    path = tmp_path / "blank.db"
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    with open_journal(path) as journal:
        assert count_entries(journal) == 0


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(JournalFileError, match="folder"):
        open_journal(tmp_path)


def test_a_read_only_journal_can_be_read_but_not_written(db_path, today):
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today, mood=4))
        journal.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_path.chmod(stat.S_IRUSR)
    try:
        before = digest(db_path)
        with open_journal(db_path) as journal:
            assert get_entry(journal, today).mood == 4
            with pytest.raises(JournalFileError, match="read-only"):
                save_entry(journal, DayEntry(today, mood=2))
        assert digest(db_path) == before
    finally:
        db_path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_day_round_trips_with_its_pain(journal, today):
    entry = DayEntry(
        today,
        day_type="race",
        sleep_hours=7.5,
        sleep_quality=4,
        fatigue=2,
        soreness=3,
        stress=5,
        mood=4,
        note='Half marathon, "windy"\nsecond line',
        pain={("knee", "left"): 3, ("knee", ""): 1, ("lower-back", ""): 0},
    )
    save_entry(journal, entry)
    assert get_entry(journal, today) == entry


def test_saving_an_empty_day_removes_it(journal, today):
    save_entry(journal, DayEntry(today, mood=3, pain={("knee", ""): 2}))
    save_entry(journal, DayEntry(today))
    assert count_entries(journal) == 0
    assert journal.conn.execute("SELECT count(*) FROM pain").fetchone()[0] == 0


def test_a_partial_update_keeps_the_other_fields(journal, today):
    save_entry(journal, DayEntry(today, sleep_hours=8.0, mood=3, pain={("shin", "left"): 2}))
    update_entry(journal, today, EntryChange(values={"mood": 5}, pain={("knee", ""): 1}))
    entry = get_entry(journal, today)
    assert (entry.sleep_hours, entry.mood) == (8.0, 5)
    assert entry.pain == {("shin", "left"): 2, ("knee", ""): 1}


def test_a_failed_write_changes_nothing(journal, today):
    save_entry(journal, DayEntry(today, mood=3))
    with pytest.raises(InvalidInput):
        save_entry(journal, DayEntry(today, mood=5, pain={("elbow", ""): 2}))
    assert get_entry(journal, today) == DayEntry(today, mood=3)


def test_the_schema_refuses_what_validation_would(journal):
    with pytest.raises(JournalFileError, match="NOT NULL"), journal.transaction() as conn:
        conn.execute("INSERT INTO entries (date, day_type, mood) VALUES ('2026-11-01', NULL, 3)")


def test_entries_between_is_ordered_and_bounded(journal, today):
    for day in (3, 1, 2, 5):
        save_entry(journal, DayEntry(today.replace(day=day), mood=day))
    found = entries_between(journal, today.replace(day=2), today.replace(day=4))
    assert [entry.mood for entry in found] == [2, 3]


def test_sites_can_be_added_once(journal, today):
    site = add_site(journal, "Groin", sided=True)
    assert site.name == "groin" and site.label == "Groin"
    assert list_sites(journal)[-1].name == "groin"
    with pytest.raises(InvalidInput, match="already"):
        add_site(journal, "groin")
    save_entry(journal, DayEntry(today, pain={("groin", "right"): 2}))
    assert get_entry(journal, today).pain == {("groin", "right"): 2}


def test_two_connections_write_in_turn(db_path, today):
    first, second = open_journal(db_path), open_journal(db_path)
    try:
        version = first.data_version()
        save_entry(second, DayEntry(today, mood=2))
        assert first.data_version() != version, "the other connection's commit is visible"
        update_entry(first, today, EntryChange(values={"sleep_hours": 6.0}))
        assert get_entry(second, today) == DayEntry(today, mood=2, sleep_hours=6.0)
    finally:
        first.close()
        second.close()


def test_last_saved_is_recorded(journal, today):
    from journal.store.entries import last_saved

    assert last_saved(journal, today) is None
    save_entry(journal, DayEntry(today, mood=3))
    saved = last_saved(journal, today)
    assert saved is not None and saved.tzinfo is not None


def test_sites_can_be_renamed_and_unused_ones_removed(journal, today):
    from journal.store.sites import remove_site, rename_site

    add_site(journal, "left knee")
    save_entry(journal, DayEntry(today, pain={("left-knee", ""): 2}))
    site = rename_site(journal, "left-knee", "patella", label="Kneecap")
    assert (site.name, site.label) == ("patella", "Kneecap")
    assert get_entry(journal, today).pain == {("patella", ""): 2}, "the readings follow the site"
    with pytest.raises(InvalidInput, match="1 pain reading"):
        remove_site(journal, "patella")
    with pytest.raises(InvalidInput, match="already a body site"):
        rename_site(journal, "patella", "knee")
    add_site(journal, "neck", sided=False)
    remove_site(journal, "neck")
    assert "neck" not in [site.name for site in list_sites(journal)]


# -- refused files stay as they were ----------------------------------------------------------


def old_journal(path, today, *statements, wal=True):
    """A journal with a day logged `today`, changed by `statements` behind the program's back, closed, in WAL mode
    or not."""
    with open_journal(path) as journal:
        save_entry(journal, DayEntry(today, mood=4))
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={'WAL' if wal else 'DELETE'}")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()  # the last connection: the log is folded in and removed
    return path


def beside(path):
    """Every file next to the journal, and every backup: a refusal leaves none."""
    from journal.store.backup import backups_dir

    return sorted(p.name for p in path.parent.iterdir() if p != path) + sorted(p.name for p in backups_dir().glob("*"))


@pytest.mark.parametrize("wal", [True, False], ids=["wal", "rollback"])
@pytest.mark.parametrize(
    "damage",
    [
        ["DELETE FROM _sqlite_migrations WHERE name = 'm001_journal_core'"],  # a gap at the start
        ["DELETE FROM _sqlite_migrations WHERE name = 'm002_checklist'"],  # a gap in the middle
        ["DELETE FROM _sqlite_migrations"],  # no record at all
        ["UPDATE _sqlite_migrations SET name = NULL WHERE name = 'm002_checklist'"],
        ["UPDATE _sqlite_migrations SET name = 42 WHERE name = 'm003_goals'"],  # a wrong type
        [
            "DELETE FROM _sqlite_migrations WHERE name = 'm002_checklist'",  # out of order
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('offseason', 'm002_checklist', 'x')",
        ],
        ["DROP TABLE _sqlite_migrations", "CREATE TABLE _sqlite_migrations (x)"],  # the wrong columns
        ["DROP TABLE _sqlite_migrations"],
        ["ALTER TABLE _sqlite_migrations RENAME TO kept", "CREATE VIEW _sqlite_migrations AS SELECT * FROM kept"],
        # The record says an upgrade is due, but its tables are there: the upgrade itself fails.
        ["DELETE FROM _sqlite_migrations WHERE name = 'm003_goals'"],
    ],
)
def test_a_journal_with_a_damaged_record_of_upgrades_is_refused_byte_for_byte(tmp_path, damage, wal, today):
    path = old_journal(tmp_path / "shelf" / "journal.db", today, *damage, wal=wal)
    before, around = path.read_bytes(), beside(path)
    with pytest.raises(JournalFileError, match=r"journal.db"):
        open_journal(path)
    with pytest.raises(JournalFileError):
        open_journal(path, create=False)
    assert path.read_bytes() == before, "no connection is open: these are the file's real bytes"
    assert beside(path) == around == [], "no log, no shared memory file, no backup"


def test_an_upgrade_that_fails_keeps_no_backup_and_the_next_one_still_backs_up(tmp_path, today):
    from journal.store.backup import backups_dir

    path = old_journal(tmp_path / "journal.db", today)
    with sqlite3.connect(path) as conn:  # as before goals, but for the goals' tables, left behind
        as_before(conn, "m003_goals")
        conn.execute("CREATE TABLE goals (id INTEGER PRIMARY KEY)")
    conn.close()
    with pytest.raises(JournalFileError, match="already exists"):
        open_journal(path)
    with sqlite3.connect(path) as conn:  # mended: the tables of the upgrade are gone too
        conn.execute("DROP TABLE goals")
    conn.close()
    open_journal(path).close()
    assert [backup.name.split("-20")[0] for backup in backups_dir().glob("*.db")] == ["journal-before-m003_goals"]


# -- special files: refused before they are opened -------------------------------------------


def journal_command(*args, timeout=20):
    """The real command in a process of its own: a regression hangs only until the timeout."""
    return subprocess.run([sys.executable, "-m", "journal", *args], capture_output=True, text=True, timeout=timeout)


def test_a_pipe_or_a_device_as_the_journal_is_refused_at_once(tmp_path):
    import os

    fifo = tmp_path / "journal.db"
    os.mkfifo(fifo)
    for args in (("show",), ("add", "--mood", "3"), ("backup",), ("export",)):
        result = journal_command("--db", str(fifo), *args)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr == f"journal: {fifo} is a named pipe (FIFO), not a journal file; it was left untouched\n"
    result = journal_command("--db", "/dev/zero", "show")
    assert (result.returncode, result.stderr) == (
        2,
        "journal: /dev/zero is a device, not a journal file; it was left untouched\n",
    )
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_a_pipe_beside_the_journal_is_refused_and_the_journal_left_as_it_was(db_path, suffix, today):
    import os

    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today, mood=4))
    before = db_path.read_bytes()
    os.mkfifo(db_path.with_name(db_path.name + suffix))
    result = journal_command("--db", str(db_path), "show")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"{db_path}{suffix} is a named pipe (FIFO), not the journal's" in result.stderr
    assert db_path.read_bytes() == before


# -- an empty file, and a read-only folder ----------------------------------------------------


def test_commands_that_only_read_leave_an_empty_file_empty(tmp_path, today):
    from journal.store.db import NoJournalYet

    path = tmp_path / "shelf" / "journal.db"
    path.parent.mkdir()
    path.touch()
    with pytest.raises(NoJournalYet, match="is empty, not a journal yet"):
        open_journal(path, create=False)
    for args in (
        ("show",),
        ("show", "--from", "2026-11-01"),
        ("export",),
        ("backup",),
        ("goal", "list"),
        ("settings",),
    ):
        result = journal_command("--db", str(path), *args)
        assert result.returncode == 2 and "is empty, not a journal yet" in result.stderr, (args, result.stderr)
    result = journal_command("--db", str(path), "themes")
    assert result.returncode == 0 and "offseason-dark" in result.stdout
    assert path.read_bytes() == b"" and beside(path) == []
    result = journal_command("--db", str(path), "add", "--mood", "3")  # a command that writes starts the journal
    assert result.returncode == 0, result.stderr
    with open_journal(path, create=False) as journal:
        assert get_entry(journal, today).mood == 3


@pytest.fixture
def read_only_folder(tmp_path):
    """Make a folder read-only for this process: the permission bits, or for root (who passes them) the
    immutable attribute."""
    import os

    folders = []

    def make(folder):
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
        folders.append(folder)
        if os.access(folder, os.W_OK):
            done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
            if done.returncode != 0 or os.access(folder, os.W_OK):
                pytest.skip("no way to make a folder read-only here")
        return folder

    yield make
    for folder in folders:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        folder.chmod(stat.S_IRWXU)


def test_a_journal_in_a_read_only_folder_is_read_and_says_why_it_cannot_be_written(tmp_path, read_only_folder, today):
    folder = tmp_path / "shelf"
    path = folder / "journal.db"
    with open_journal(path) as journal:
        save_entry(journal, DayEntry(today, mood=4))
    before = path.read_bytes()
    read_only_folder(folder)
    with open_journal(path) as journal:
        assert get_entry(journal, today).mood == 4
        with journal.reader() as reader:
            assert count_entries(reader) == 1
        with pytest.raises(JournalFileError, match=f"is in a read-only folder \\({folder}\\): nothing was changed"):
            save_entry(journal, DayEntry(today, mood=2))
    result = journal_command("--db", str(path), "show")
    assert result.returncode == 0 and "mood           4/5" in result.stdout, result.stderr
    result = journal_command("--db", str(path), "add", "--mood", "2")
    assert result.returncode == 2
    assert result.stderr == f"journal: {path} is in a read-only folder ({folder}): nothing was changed\n"
    assert path.read_bytes() == before and sorted(p.name for p in folder.iterdir()) == ["journal.db"]


# -- a window's edits onto the day as stored meanwhile ---------------------------------

SCORE = st.one_of(st.none(), st.integers(1, 5))
PAIN_KEYS = [("knee", "left"), ("knee", "right"), ("knee", ""), ("lower-back", "")]
# A day's fields, without its date: the tests put them on `today`.
day_fields = st.fixed_dictionaries(
    {
        "day_type": st.sampled_from(DAY_TYPES),
        "sleep_hours": st.one_of(st.none(), st.sampled_from([0.0, 6.5, 7.0, 9.25])),
        "sleep_quality": SCORE,
        "fatigue": SCORE,
        "soreness": SCORE,
        "stress": SCORE,
        "mood": SCORE,
        "note": st.sampled_from(["", "Easy 5k", "Tempo"]),
        "pain": st.dictionaries(st.sampled_from(PAIN_KEYS), st.integers(0, 10), max_size=4),
    }
)


@given(day_fields, day_fields)
def test_a_change_between_two_days_turns_one_into_the_other(today, before, after):
    before, after = DayEntry(today, **before), DayEntry(today, **after)
    change = EntryChange.between(before, after)
    assert change.apply(before) == after
    assert change.is_empty() == (before == after)


@given(loaded=day_fields, theirs=day_fields, mine=day_fields)
def test_a_merge_takes_mine_where_only_i_changed_theirs_where_only_they_did_and_reports_the_rest(
    today, loaded, theirs, mine
):
    loaded, theirs, mine = DayEntry(today, **loaded), DayEntry(today, **theirs), DayEntry(today, **mine)
    merge = merge_entries(loaded, theirs, mine)
    base, ours, stored, merged = loaded.fields(), mine.fields(), theirs.fields(), merge.entry.fields()
    for key in dict.fromkeys([*base, *ours, *stored]):
        i_changed, they_changed = ours.get(key) != base.get(key), stored.get(key) != base.get(key)
        if i_changed and they_changed and ours.get(key) != stored.get(key):
            assert key in merge.clashes
            assert merged.get(key) == ours.get(key), "the merge itself is what 'Save mine' writes"
        else:
            assert key not in merge.clashes
            assert merged.get(key) == (ours.get(key) if i_changed else stored.get(key))


def test_a_windows_edits_are_saved_onto_the_day_as_stored_and_a_clash_writes_nothing(db_path, today):
    from journal.store.entries import ChangedHereAndElsewhere

    window, shell = open_journal(db_path), open_journal(db_path)
    try:
        save_entry(shell, DayEntry(today, mood=3, pain={("knee", "left"): 2}))
        opened = get_entry(window, today)
        update_entry(shell, today, EntryChange(values={"note": "Hill reps"}, pain={("knee", "left"): 4}))
        typed = DayEntry(today, mood=5, pain={("knee", "left"): 2, ("shin", "right"): 1})
        stored = update_entry(window, today, EntryChange.between(opened, typed), since=opened)
        assert (
            stored
            == get_entry(shell, today)
            == DayEntry(today, mood=5, note="Hill reps", pain={("knee", "left"): 4, ("shin", "right"): 1})
        )

        opened = stored
        update_entry(shell, today, EntryChange(values={"mood": 1, "sleep_hours": 6.0}))
        before = get_entry(shell, today)
        typed = DayEntry(today, mood=2, note="Hill reps", pain={})
        with pytest.raises(ChangedHereAndElsewhere) as clash:
            update_entry(window, today, EntryChange.between(opened, typed), since=opened)
        assert clash.value.clashes == ["mood"]
        assert clash.value.stored == before
        assert get_entry(shell, today) == before, "nothing was written, not even the pain cleared"
    finally:
        window.close()
        shell.close()


def test_an_old_journal_gains_the_cramp_columns_and_nothing_else_changes(db_path, today):
    from tests.content import journal_content

    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today, mood=4, note="easy", pain={("knee", "left"): 2}))
    with sqlite3.connect(db_path) as conn:  # as the version before cramps wrote it
        as_before(conn, "m008_cramps")
        conn.execute("DELETE FROM scales WHERE field = 'cramps'")  # nor had that version this row
    conn.close()
    before = journal_content(db_path)
    assert "cramps" not in [column for _, column, *_ in sqlite3.connect(db_path).execute("PRAGMA table_info(entries)")]
    with open_journal(db_path) as journal:
        assert get_entry(journal, today) == DayEntry(today, mood=4, note="easy", pain={("knee", "left"): 2})
        update_entry(journal, today - DAY, EntryChange(values={"cramps": 2, "cramp_site": "achilles"}))
        assert get_entry(journal, today - DAY) == DayEntry(today - DAY, cramps=2, cramp_site="achilles")
        save_entry(journal, DayEntry(today - DAY))
    after = journal_content(db_path)
    width = len(before["entries"][0])
    assert [row[:width] for row in after["entries"]] == before["entries"]
    assert all(value is None for row in after["entries"] for value in row[width:]), "each day gains empty cells"
    done = len(before["_sqlite_migrations"])
    assert after["_sqlite_migrations"][:done] == before["_sqlite_migrations"]
    assert [row[2] for row in after["_sqlite_migrations"][done:]] == [
        "m008_cramps",
        "m009_plan_uids",
        "m010_device_values_and_sources",
    ]
    assert after["scales"] == sorted([*before["scales"], ("cramps", 0.0, 50.0, "low", after_meaning(after))])
    unchanged = set(before) - {"entries", "_sqlite_migrations", "scales"}
    assert {table: after[table] for table in unchanged} == {table: before[table] for table in unchanged}


def test_an_old_journal_gains_the_device_columns_and_sources_and_nothing_else_changes(db_path, today):
    from journal.domain.sessions import Session
    from journal.store.sessions import add_session
    from tests.content import journal_content

    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today, mood=4, cramps=1, pain={("knee", "left"): 2}))
        add_session(journal, Session(today, "run", 30, km=6.0), today=today)
    with sqlite3.connect(db_path) as conn:
        as_before(conn, "m010_device_values_and_sources")
    conn.close()
    before = journal_content(db_path)
    with open_journal(db_path) as journal:
        assert get_entry(journal, today) == DayEntry(today, mood=4, cramps=1, pain={("knee", "left"): 2})
        update_entry(journal, today, EntryChange(values={"resting_hr": 48, "hrv": 61.5, "hrv_method": "rmssd"}))
        assert (get_entry(journal, today).resting_hr, get_entry(journal, today).hrv) == (48, 61.5)
    after = journal_content(db_path)
    assert [row[2] for row in after["_sqlite_migrations"][len(before["_sqlite_migrations"]) :]] == [
        "m010_device_values_and_sources"
    ]
    assert after["entry_sources"] == [], "what was logged before was typed"
    assert after["sessions"] == [(*row, None) for row in before["sessions"]], "each session: typed (no source)"
    unchanged = set(before) - {"entries", "sessions", "_sqlite_migrations", "scales"}
    assert {table: after[table] for table in unchanged} == {table: before[table] for table in unchanged}


def test_the_journal_keeps_an_hrv_with_its_method_and_a_resting_heart_rate_in_bounds(journal, today):
    conn = journal.conn
    save_entry(journal, DayEntry(today, resting_hr=50, hrv=60.0, hrv_method="sdnn"))
    for statement in (
        "UPDATE entries SET resting_hr = 10",
        "UPDATE entries SET hrv = 0",
        "UPDATE entries SET hrv_method = 'hf'",
        "UPDATE entries SET hrv_method = NULL",
        "UPDATE entries SET hrv = NULL",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(statement)
    with pytest.raises(InvalidInput, match="HRV needs its method"):
        save_entry(journal, DayEntry(today, hrv=55.0))
    assert get_entry(journal, today) == DayEntry(today, resting_hr=50, hrv=60.0, hrv_method="sdnn")


def after_meaning(content):
    return next(row[4] for row in content["scales"] if row[0] == "cramps")


def test_the_journal_holds_cramps_in_their_bounds_and_a_site_only_with_cramps(journal, today):
    conn = journal.conn
    save_entry(journal, DayEntry(today, cramps=1, cramp_site="knee"))
    for statement in (
        "UPDATE entries SET cramps = 51",
        "UPDATE entries SET cramps = 0",
        "UPDATE entries SET cramp_site = 'elbow'",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(statement)
    with pytest.raises(InvalidInput, match="needs a count of cramps"):
        save_entry(journal, DayEntry(today, mood=3, cramp_site="knee"))
    assert get_entry(journal, today) == DayEntry(today, cramps=1, cramp_site="knee"), "nothing changed"


def test_cramps_per_week_for_the_review(journal, today):
    from journal.store.entries import cramps_per_week

    monday = today - dt.timedelta(days=today.weekday())
    save_entry(journal, DayEntry(monday - 14 * DAY, cramps=1, cramp_site="achilles"))
    save_entry(journal, DayEntry(monday - 8 * DAY, cramps=2))
    save_entry(journal, DayEntry(monday, mood=3))  # logged, no count: none
    save_entry(journal, DayEntry(monday + 6 * DAY, cramps=3))  # the week's last day
    starts = [monday - 21 * DAY, monday - 14 * DAY, monday - 7 * DAY, monday]
    assert cramps_per_week(journal, starts) == [None, 3, None, 3]
    assert cramps_per_week(journal, []) == []
