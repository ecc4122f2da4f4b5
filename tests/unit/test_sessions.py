"""Training sessions: the values a runner types, their load, and the checklist ticks they make and take back."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.distance import parse_km
from journal.domain.sessions import (
    SESSION_KINDS,
    Session,
    SessionChange,
    parse_minutes,
    parse_rpe,
    parse_session_kind,
    rpe_words,
    totals,
    weekly,
)
from journal.errors import InvalidInput, JournalError
from journal.store.checklist import list_items, set_tick, ticks_between
from journal.store.sessions import (
    add_session,
    get_session,
    remove_session,
    session_kinds,
    sessions_between,
    set_session_kind,
    ticked_by,
    update_session,
)


@pytest.fixture
def items(journal):
    """Item numbers by title (the default checklist)."""
    return {item.title: item.number for item in list_items(journal)}


def ticks(journal, day):
    return {item_id for item_id, _ in ticks_between(journal, day, day)}


# -- values -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"), [("40", 40), (" 1 ", 1), ("1440", 1440), ("1:30", 90), ("0:05", 5), ("24:00", 1440)]
)
def test_minutes_whole_or_hours_and_minutes(text, minutes):
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize("text", ["0", "1441", "0:00", "1:60", "24:01", "-5", "4.5", "٣", "", "1:5", "forty"])
def test_minutes_refused(text):
    with pytest.raises(InvalidInput):
        parse_minutes(text)


@pytest.mark.parametrize(("text", "km"), [("8", 8.0), ("8.5", 8.5), ("8,25", 8.25), ("0", 0.0), ("1000", 1000.0)])
def test_km(text, km):
    assert parse_km(text) == km


@pytest.mark.parametrize("text", ["-1", "1000.5", "1e3", "nan", "inf", "8.1234", "", "٨"])
def test_km_refused(text):
    with pytest.raises(InvalidInput):
        parse_km(text)


@given(st.integers(min_value=0, max_value=10))
def test_every_rpe_on_the_scale_is_taken_and_worded(rpe):
    assert parse_rpe(str(rpe)) == rpe
    assert rpe_words(rpe)


@pytest.mark.parametrize("text", ["-1", "11", "5.5", "", "x", "١"])
def test_rpe_refused(text):
    with pytest.raises(InvalidInput, match="RPE"):
        parse_rpe(text)


def test_rpe_words_between_the_scale_s_words():
    assert rpe_words(5) == "hard"
    assert rpe_words(6) == "hard+"
    assert rpe_words(10) == "maximal"


def test_kinds_and_a_mistyped_one():
    assert [parse_session_kind(kind.upper()) for kind in SESSION_KINDS] == list(SESSION_KINDS)
    assert parse_session_kind("cross training") == "cross-training"
    with pytest.raises(InvalidInput, match="did you mean strength"):
        parse_session_kind("strenth")


def test_load_is_minutes_times_rpe_and_unknown_without_rpe():
    day = dt.date(2026, 11, 26)
    assert Session(day, "run", 40, rpe=5).load == 200
    assert Session(day, "run", 40, rpe=0).load == 0
    assert Session(day, "run", 40).load is None


def test_totals_count_the_load_of_sessions_with_an_rpe_only():
    day = dt.date(2026, 11, 26)
    week = totals(
        [Session(day, "run", 40, km=8.1, rpe=5), Session(day, "strength", 30), Session(day, "walk", 20, km=2)]
    )
    assert (week.sessions, week.minutes, week.km, week.load, week.without_rpe) == (3, 90, 10.1, 200, 2)
    assert totals([]).sessions == 0


def test_a_change_keeps_what_it_does_not_name():
    session = Session(dt.date(2026, 11, 26), "run", 40, km=8, rpe=5, pain=(("knee", "left", 3),), note="easy")
    changed = SessionChange(values={"rpe": 6}, pain={("shin", "right"): 2}).applied_to(session)
    assert (changed.minutes, changed.km, changed.rpe, changed.note) == (40, 8, 6, "easy")
    assert set(changed.pain) == {("knee", "left", 3), ("shin", "right", 2)}
    assert SessionChange(clear_pain=True).applied_to(session).pain == ()


# -- the journal --------------------------------------------------------------------


def test_a_session_round_trips_with_its_pain(journal, today):
    added = add_session(
        journal,
        Session(today, "run", 40, km=8.5, rpe=5, pain=(("shin", "left", 2), ("knee", "", 3)), note="hills"),
        today=today,
    )
    assert added.id is not None
    assert get_session(journal, added.number) == added
    assert added.pain_at("knee") == 3 and added.pain_at("shin", "right") is None
    assert sessions_between(journal, today, today) == [added]


def test_several_sessions_a_day_in_the_order_logged(journal, today):
    first = add_session(journal, Session(today, "run", 30), today=today)
    second = add_session(journal, Session(today, "strength", 45), today=today)
    earlier = add_session(journal, Session(today - dt.timedelta(days=1), "walk", 20), today=today)
    assert sessions_between(journal, today - dt.timedelta(days=1), today) == [earlier, first, second]


def test_a_session_in_the_future_or_at_an_unknown_site_changes_nothing(journal, today):
    with pytest.raises(InvalidInput, match="future"):
        add_session(journal, Session(today + dt.timedelta(days=1), "run", 30), today=today)
    with pytest.raises(InvalidInput, match="unknown body site 'kneee'"):
        add_session(journal, Session(today, "strength", 30, pain=(("kneee", "", 2),)), today=today)
    assert sessions_between(journal, dt.date.min, dt.date.max) == []
    assert ticks_between(journal, dt.date.min, dt.date.max) == {}


def test_a_strength_session_ticks_the_strength_item_and_removing_it_takes_the_tick_back(journal, today, items):
    session = add_session(journal, Session(today, "strength", 45, rpe=6), today=today)
    assert ticks(journal, today) == {items["Strength session"]}
    assert ticked_by(journal, today, today) == {(items["Strength session"], today): session.number}
    remove_session(journal, session.number)
    assert ticks(journal, today) == set()
    assert sessions_between(journal, today, today) == []


def test_a_run_ticks_nothing_and_technique_ticks_the_first_technique_item(journal, today, items):
    add_session(journal, Session(today, "run", 40), today=today)
    assert ticks(journal, today) == set()
    add_session(journal, Session(today, "technique", 20), today=today)
    assert ticks(journal, today) == {items["Technique drills"]}  # not the later "Form check"


def test_a_tick_made_by_hand_is_never_taken_back(journal, today, items):
    set_tick(journal, items["Strength session"], today, True, note="gym")
    session = add_session(journal, Session(today, "strength", 45), today=today)
    assert ticked_by(journal, today, today) == {}
    remove_session(journal, session.number)
    assert ticks_between(journal, today, today) == {(items["Strength session"], today): "gym"}


def test_a_second_session_of_the_day_keeps_the_tick_when_the_first_goes(journal, today, items):
    first = add_session(journal, Session(today, "strength", 45), today=today)
    second = add_session(journal, Session(today, "strength", 20), today=today)
    remove_session(journal, first.number)
    assert ticks(journal, today) == {items["Strength session"]}
    assert ticked_by(journal, today, today) == {(items["Strength session"], today): second.number}
    remove_session(journal, second.number)
    assert ticks(journal, today) == set()


def test_an_untick_by_hand_is_final_even_for_the_session_that_made_it(journal, today, items):
    session = add_session(journal, Session(today, "strength", 45), today=today)
    set_tick(journal, items["Strength session"], today, False)
    set_tick(journal, items["Strength session"], today, True)  # ticked again by hand: the runner's now
    remove_session(journal, session.number)
    assert ticks(journal, today) == {items["Strength session"]}


def test_moving_a_session_to_another_day_or_kind_moves_its_tick(journal, today, items):
    yesterday = today - dt.timedelta(days=1)
    session = add_session(journal, Session(today, "strength", 45), today=today)
    update_session(journal, session.number, SessionChange(values={"day": yesterday}), today=today)
    assert ticks(journal, today) == set() and ticks(journal, yesterday) == {items["Strength session"]}
    update_session(journal, session.number, SessionChange(values={"kind": "strides"}), today=today)
    assert ticks(journal, yesterday) == {items["Strides"]}
    moved = update_session(journal, session.number, SessionChange(values={"rpe": 4}), today=today)
    assert (moved.day, moved.kind, moved.rpe, moved.minutes) == (yesterday, "strides", 4, 45)
    with pytest.raises(InvalidInput, match="future"):
        update_session(journal, session.number, SessionChange(values={"day": today + dt.timedelta(1)}), today=today)
    assert get_session(journal, session.number) == moved


def test_a_retired_item_is_not_ticked_after_it_was_retired(journal, today, items):
    from journal.store.checklist import retire_item

    retire_item(journal, items["Strength session"], today=today)
    add_session(journal, Session(today, "strength", 45), today=today)
    assert ticks(journal, today) == set()


def test_the_kinds_a_session_ticks_can_be_changed(journal, today, items):
    assert session_kinds(journal)["strength"] == "strength" and session_kinds(journal)["run"] is None
    set_session_kind(journal, "run", "strides")
    set_session_kind(journal, "strength", None)
    add_session(journal, Session(today, "run", 30), today=today)
    add_session(journal, Session(today, "strength", 30), today=today)
    assert ticks(journal, today) == {items["Strides"]}
    with pytest.raises(InvalidInput, match="did you mean strength"):
        set_session_kind(journal, "run", "strenght")
    with pytest.raises(InvalidInput):
        set_session_kind(journal, "jog", "strides")


def test_removing_an_unknown_session_says_so(journal):
    with pytest.raises(InvalidInput, match="no session 7"):
        remove_session(journal, 7)


def test_a_failed_write_leaves_the_session_and_its_tick_as_they_were(journal, today, items):
    session = add_session(journal, Session(today, "strength", 45), today=today)
    journal.conn.execute("CREATE TRIGGER refuse BEFORE DELETE ON sessions BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with pytest.raises(JournalError, match="refused"):
        remove_session(journal, session.number)
    assert get_session(journal, session.number) == session
    assert ticks(journal, today) == {items["Strength session"]}


def test_a_site_with_pain_during_a_session_is_not_removed(journal, today):
    from journal.store.sites import add_site, list_sites, remove_site

    add_site(journal, "big-toe")
    session = add_session(journal, Session(today, "run", 30, pain=(("big-toe", "left", 4),)), today=today)
    with pytest.raises(InvalidInput, match="big-toe has pain during 1 session"):
        remove_site(journal, "big-toe")
    assert "big-toe" in {site.name for site in list_sites(journal)}
    update_session(journal, session.number, SessionChange(clear_pain=True), today=today)
    remove_site(journal, "big-toe")


def test_undoing_an_untick_gives_the_tick_back_to_its_session(journal, today, items):
    from journal.store.undo import History, tick_scopes

    session = add_session(journal, Session(today, "strength", 45), today=today)
    history = History(journal)
    item = items["Strength session"]
    history.record("untick", ("checklist",), tick_scopes(item, today), lambda: set_tick(journal, item, today, False))
    assert ticked_by(journal, today, today) == {}
    history.undo()
    assert ticked_by(journal, today, today) == {(item, today): session.number}


def test_undo_takes_back_a_session_with_its_pain_and_tick_and_redo_makes_it_again(journal, today, items):
    from journal.store.undo import History, session_scopes

    history = History(journal)
    yesterday = today - dt.timedelta(days=1)
    session = history.record(
        "added",
        ("today", today),
        session_scopes(today),
        lambda: add_session(journal, Session(today, "strength", 45, pain=(("knee", "", 2),)), today=today),
    )
    history.record(
        "moved",
        ("today", yesterday),
        session_scopes(today, yesterday),
        lambda: update_session(journal, session.number, SessionChange(values={"day": yesterday}), today=today),
    )
    assert ticks(journal, yesterday) == {items["Strength session"]} and ticks(journal, today) == set()
    history.undo()
    assert get_session(journal, session.number) == session
    assert ticked_by(journal, today, today) == {(items["Strength session"], today): session.number}
    history.undo()
    assert sessions_between(journal, yesterday, today) == [] and ticks(journal, today) == set()
    history.redo()
    assert get_session(journal, session.number) == session and ticks(journal, today) == {items["Strength session"]}


def test_weekly_totals_put_each_session_in_its_week_and_keep_empty_weeks():
    monday = dt.date(2026, 11, 16)
    sessions = [
        Session(monday - dt.timedelta(days=1), "run", 99),  # the Sunday before: in no week asked for
        Session(monday, "run", 30, rpe=3),
        Session(monday + dt.timedelta(days=6), "walk", 20),
        Session(monday + dt.timedelta(days=14), "run", 40, rpe=5),
        Session(monday + dt.timedelta(days=21), "run", 50),  # after the three weeks
    ]
    weeks = weekly(sessions, monday, 3)
    assert [(week.sessions, week.minutes, week.load) for week in weeks] == [(2, 50, 90), (0, 0, 0), (1, 40, 200)]


def test_a_plan_s_session_is_a_run_on_alternate_days_while_a_plan_runs(journal, today):
    from journal.store.plans import start_plan, stop_plan

    yesterday = today - dt.timedelta(days=1)
    with pytest.raises(InvalidInput, match=f"no return-to-run plan ran on {yesterday}: a session then is not a plan"):
        add_session(journal, Session(yesterday, "run", 20, for_plan=True), today=today)
    plan = start_plan(journal, "knee", today=today - dt.timedelta(days=5))
    add_session(journal, Session(yesterday, "run", 20, for_plan=True), today=today)
    with pytest.raises(InvalidInput, match="a return-to-run plan's session is a run: log the strength without"):
        add_session(journal, Session(today - dt.timedelta(days=3), "strength", 20, for_plan=True), today=today)
    with pytest.raises(InvalidInput, match=f"the plan runs on alternate days and {yesterday} has its session"):
        add_session(journal, Session(today, "run", 20, for_plan=True), today=today)
    two_days_on = add_session(journal, Session(today - dt.timedelta(days=3), "run", 20, for_plan=True), today=today)
    with pytest.raises(InvalidInput, match="alternate days"):
        update_session(
            journal, two_days_on.number, SessionChange(values={"day": today - dt.timedelta(days=2)}), today=today
        )
    assert get_session(journal, two_days_on.number) == two_days_on
    assert add_session(journal, Session(today, "run", 20), today=today).for_plan is False  # a run of its own
    with pytest.raises(InvalidInput, match="no return-to-run plan ran on"):  # not before the plan, in the app too
        update_session(
            journal, two_days_on.number, SessionChange(values={"day": today - dt.timedelta(days=6)}), today=today
        )
    stop_plan(journal, plan.number, today=today - dt.timedelta(days=2))
    with pytest.raises(InvalidInput, match=f"no return-to-run plan ran on {today}"):  # nor after it stopped
        add_session(journal, Session(today + dt.timedelta(days=0), "run", 20, for_plan=True), today=today)


def test_a_journal_with_only_a_session_has_something_of_the_runner_s(journal, today):
    from journal.store.db import has_anything

    assert not has_anything(journal)
    add_session(journal, Session(today, "walk", 30), today=today)  # a walk ticks nothing
    assert has_anything(journal)  # the app's welcome is for an empty journal only


def test_a_change_made_against_the_session_as_opened_keeps_what_was_changed_elsewhere(journal, today):
    from journal.store.entries import ChangedHereAndElsewhere

    opened = add_session(journal, Session(today, "run", 40, km=8, rpe=4, note="hills"), today=today)
    update_session(journal, opened.number, SessionChange({"rpe": 3, "note": "from the watch"}), today=today)
    mine = SessionChange({"minutes": 50, "rpe": 4, "note": "hills", "km": 8}, clear_pain=True)  # a form's whole save
    saved = update_session(journal, opened.number, mine, today=today, since=opened)
    assert (saved.minutes, saved.rpe, saved.note) == (50, 3, "from the watch"), "only what changed here is written"
    with pytest.raises(ChangedHereAndElsewhere) as clash:  # their rpe 3 against this side's 5, from 4
        update_session(journal, opened.number, SessionChange({"rpe": 5}), today=today, since=opened)
    assert clash.value.clashes == ["rpe"] and clash.value.stored == saved
    assert get_session(journal, opened.number) == saved, "nothing was saved"
    again = update_session(journal, opened.number, SessionChange({"rpe": 5}), today=today, since=saved)
    assert again.rpe == 5
