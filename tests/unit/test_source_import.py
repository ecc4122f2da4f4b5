"""Another app's data into the journal: what the runner typed is never replaced unless asked, the same file twice
changes nothing, a newer export of the same app updates what it brought, and one unreadable line refuses it all."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.domain.entries import DayEntry, EntryChange
from journal.domain.imported import DayValues, ImportedSession, SourceBatch
from journal.domain.sessions import Session, SessionChange
from journal.errors import BadRows
from journal.store import open_journal
from journal.store.checklist import list_items
from journal.store.entries import get_entry, save_entry, update_entry
from journal.store.sessions import sessions_between, ticked_by, update_session
from journal.store.source_import import import_source, session_uid
from tests.content import journal_content

DAY = dt.timedelta(days=1)
FAR = (dt.date(1900, 1, 1), dt.date(2100, 1, 1))


def watch(*days: DayValues) -> SourceBatch:
    return SourceBatch("apple-health", days=list(days))


def night(day, **values) -> DayValues:
    return DayValues(day, values, where=f"export.xml record {day.day}")


def test_an_empty_field_is_filled_and_a_typed_one_kept(journal, today):
    save_entry(journal, DayEntry(today, sleep_hours=6.5, mood=4))
    report = import_source(
        journal, watch(night(today, sleep_hours=7.25, resting_hr=48, hrv=61.0, hrv_method="sdnn")), today=today
    )
    assert get_entry(journal, today) == DayEntry(
        today, sleep_hours=6.5, mood=4, resting_hr=48, hrv=61.0, hrv_method="sdnn"
    ), "the typed sleep stays; the heart's figures come in"
    assert report.lines() == [
        "values of days: added 2, kept the journal's 1",
        f"  added: {today} resting HR 48",
        f"  added: {today} HRV 61 ms",
        f"  kept the journal's: {today} sleep 6.5 h (the file's: sleep 7.25 h)",
    ]
    import_source(journal, watch(night(today, sleep_hours=7.25)), today=today, on_conflict="replace")
    assert get_entry(journal, today).sleep_hours == 7.25, "unless asked"


def test_the_same_file_twice_changes_nothing_and_a_newer_export_updates_its_own(journal, db_path, today):
    batch = watch(night(today - DAY, sleep_hours=7.0, resting_hr=50), night(today, resting_hr=49))
    import_source(journal, batch, today=today)
    before = journal_content(db_path)
    again = import_source(journal, batch, today=today)
    assert again.lines() == ["values of days: already there 3"]
    assert journal_content(db_path) == before
    import_source(journal, watch(night(today, resting_hr=47)), today=today)
    assert get_entry(journal, today).resting_hr == 47, "the same app's newer figure"
    update_entry(journal, today, EntryChange(values={"resting_hr": 52}))  # the runner's own figure now
    assert (
        import_source(journal, watch(night(today, resting_hr=47)), today=today).lines()[0]
        == "values of days: kept the journal's 1"
    )
    assert get_entry(journal, today).resting_hr == 52


def test_another_apps_value_is_not_replaced_unless_asked(journal, today):
    import_source(journal, watch(night(today, sleep_hours=7.0)), today=today)
    other = SourceBatch("intervals", days=[DayValues(today, {"sleep_hours": 6.0}, where="wellness.csv line 2")])
    with pytest.raises(BadRows, match=r"wellness\.csv line 2: 2026-11-26's sleep_hours is already in the journal"):
        import_source(journal, other, today=today, on_conflict="fail")
    assert import_source(journal, other, today=today).lines()[0] == "values of days: kept the journal's 1"
    assert get_entry(journal, today).sleep_hours == 7.0


def test_a_line_that_could_not_be_read_refuses_the_whole_file(journal, db_path, today):
    batch = watch(night(today, sleep_hours=7.0))
    batch.problems.append("export.xml record 12: a sleep record without an end")
    before = journal_content(db_path)
    with pytest.raises(BadRows) as refused:
        import_source(journal, batch, today=today)
    assert refused.value.problems == ["export.xml record 12: a sleep record without an end"]
    assert journal_content(db_path) == before


def test_a_dry_run_says_what_would_happen_and_writes_nothing(journal, db_path, today):
    before = journal_content(db_path)
    report = import_source(journal, watch(night(today, sleep_hours=7.0)), today=today, dry_run=True)
    assert report.lines() == [
        "values of days: would add 1",
        f"  would add: {today} sleep 7 h",
        "a dry run: nothing was written",
    ]
    assert journal_content(db_path) == before


def test_a_day_to_come_is_refused(journal, today):
    with pytest.raises(BadRows, match=f"{today + DAY} has not happened yet"):
        import_source(journal, watch(night(today + DAY, sleep_hours=7.0)), today=today)


def test_an_hrv_comes_with_its_method(journal, today):
    import_source(journal, watch(night(today, hrv=55.5, hrv_method="rmssd")), today=today)
    entry = get_entry(journal, today)
    assert (entry.hrv, entry.hrv_method) == (55.5, "rmssd")
    import_source(journal, watch(night(today, hrv=58.0, hrv_method="sdnn")), today=today)
    entry = get_entry(journal, today)
    assert (entry.hrv, entry.hrv_method) == (58.0, "sdnn"), "the figure and its method move together"


def test_notes_are_added_below_the_days_note_once(journal, today):
    save_entry(journal, DayEntry(today, note="Easy day"))
    mood = SourceBatch("daylio", days=[DayValues(today, {"mood": 4}, note="09:10 good (walk)", where="line 2")])
    import_source(journal, mood, today=today)
    import_source(journal, mood, today=today)
    assert get_entry(journal, today) == DayEntry(today, mood=4, note="Easy day\n\n09:10 good (walk)")


def strava(*activities: tuple[str, Session]) -> SourceBatch:
    return SourceBatch(
        "strava",
        sessions=[
            ImportedSession(source_id, session, where=f"activities.csv line {n}")
            for n, (source_id, session) in enumerate(activities, 2)
        ],
        mapping={"Run": "run", "Weight Training": "strength"},
    )


def test_activities_become_sessions_that_tick_and_come_back_as_the_same_sessions(journal, db_path, today):
    batch = strava(
        ("101", Session(today - DAY, "run", 41, km=8.02, note="Morning Run")),
        ("102", Session(today, "strength", 35, rpe=6, note="Gym")),
    )
    report = import_source(journal, batch, today=today)
    assert report.lines()[0] == "sessions: added 2"
    assert report.lines()[-1] == "kinds: Run -> run, Weight Training -> strength"
    sessions = sessions_between(journal, *FAR)
    assert [(session.kind, session.minutes, session.km) for session in sessions] == [
        ("run", 41, 8.02),
        ("strength", 35, None),
    ]
    strength_item = next(item for item in list_items(journal) if item.kind == "strength")
    assert ticked_by(journal, today, today)[(strength_item.number, today)] == sessions[1].number, "ticked as typed"
    uids = dict(journal.conn.execute("SELECT id, uid FROM sessions").fetchall())
    assert uids[sessions[0].number] == session_uid("strava", "101")
    before = journal_content(db_path)
    assert import_source(journal, batch, today=today).lines()[0] == "sessions: already there 2"
    assert journal_content(db_path) == before


def test_a_session_the_runner_changed_is_theirs(journal, today):
    batch = strava(("101", Session(today, "run", 41, km=8.02, note="Morning Run")))
    import_source(journal, batch, today=today)
    [session] = sessions_between(journal, *FAR)
    update_session(journal, session.number, SessionChange({"rpe": 4}), today=today)
    newer = strava(("101", Session(today, "run", 45, km=8.02, note="Morning Run")))
    assert import_source(journal, newer, today=today).lines()[0] == "sessions: kept the journal's 1"
    assert sessions_between(journal, *FAR)[0].minutes == 41
    import_source(journal, newer, today=today, on_conflict="replace")
    assert sessions_between(journal, *FAR)[0].minutes == 45


def test_a_newer_export_moves_its_session_and_its_tick(journal, today):
    import_source(journal, strava(("7", Session(today - DAY, "strength", 30))), today=today)
    import_source(journal, strava(("7", Session(today, "strength", 30))), today=today)
    [session] = sessions_between(journal, *FAR)
    strength_item = next(item for item in list_items(journal) if item.kind == "strength")
    ticks = ticked_by(journal, today - DAY, today)
    assert (strength_item.number, today - DAY) not in ticks and ticks[(strength_item.number, today)] == session.number


values = st.fixed_dictionaries(
    {},
    optional={
        "sleep_hours": st.integers(0, 96).map(lambda quarter: quarter / 4),
        "resting_hr": st.integers(30, 90),
        "mood": st.integers(1, 5),
    },
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=values, first=values, second=values)
def test_what_the_runner_typed_survives_any_imports(tmp_path_factory, today, typed, first, second):
    with open_journal(tmp_path_factory.mktemp("own") / "journal.db") as journal:
        if typed:
            update_entry(journal, today, EntryChange(values=dict(typed)))
        for found in (first, second):
            import_source(journal, watch(night(today, **found)), today=today)
        entry = get_entry(journal, today)
        for name, value in typed.items():
            assert getattr(entry, name) == value
        for name in ("sleep_hours", "resting_hr", "mood"):
            if name not in typed and (name in first or name in second):
                assert getattr(entry, name) == second.get(name, first.get(name)), "the same app's latest"


def test_what_the_runner_cleared_or_removed_stays_so(journal, db_path, today):
    """A value an app brought that the runner cleared, a day cleared whole, a session removed: the same file
    again brings none of them back (unless asked)."""
    from journal.store.sessions import remove_session

    batch = watch(night(today - DAY, resting_hr=50, sleep_hours=7.0), night(today, resting_hr=49))
    import_source(journal, batch, today=today)
    update_entry(journal, today - DAY, EntryChange(cleared={"resting_hr"}))
    from journal.domain.entries import parse_clear

    whole = EntryChange()
    parse_clear("all", [], whole)
    update_entry(journal, today, whole)
    runs = strava(("5", Session(today, "run", 30)))
    import_source(journal, runs, today=today)
    remove_session(journal, sessions_between(journal, *FAR)[0].number)
    before = journal_content(db_path)
    report = import_source(journal, batch, today=today)
    assert report.lines()[:2] == [
        "values of days: kept the journal's 2, already there 1",
        f"  kept the journal's: {today - DAY} resting HR 50 (cleared)",
    ]
    assert import_source(journal, runs, today=today).lines()[0] == "sessions: kept the journal's 1"
    assert journal_content(db_path) == before
    import_source(journal, batch, today=today, on_conflict="replace")
    import_source(journal, runs, today=today, on_conflict="replace")
    assert get_entry(journal, today).resting_hr == 49 and len(sessions_between(journal, *FAR)) == 1


def test_a_newer_daylio_export_adds_only_the_lines_the_note_lacks_and_a_changed_note_is_the_runners(journal, today):
    first = SourceBatch("daylio", days=[DayValues(today, {"mood": 4}, note="07:05 awful\n21:40 good: run", where="l2")])
    import_source(journal, first, today=today)
    newer = SourceBatch(
        "daylio", days=[DayValues(today, {"mood": 4}, note="07:05 awful\n21:40 good: run\n23:00 rad: late", where="l2")]
    )
    import_source(journal, newer, today=today)
    assert get_entry(journal, today).note == "07:05 awful\n21:40 good: run\n\n23:00 rad: late"
    update_entry(journal, today, EntryChange(values={"note": "my own words"}))
    assert import_source(journal, newer, today=today).lines()[1] == "notes: kept the journal's 1"
    assert get_entry(journal, today).note == "my own words"
