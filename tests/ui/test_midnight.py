"""The app left open past midnight: the day, the week and the trends move on with the date."""

import datetime as dt

import pytest
from textual import events
from textual.widgets import Static

from journal.domain.entries import DayEntry
from journal.store import open_journal
from journal.store.entries import count_entries, save_entry
from journal.ui.app import create_app, seconds_to_midnight
from journal.ui.panes.checklist import ChecklistPane
from journal.ui.panes.review import ReviewPane
from journal.ui.panes.trends import TrendsPane
from journal.ui.widgets.week_grid import WeekGrid
from tests.ui.helpers import drive, fill, first_training_session, make_app, notifications, settle, sheet, type_text
from tests.ui.test_today import day_label, status, stored


@pytest.fixture
def friday(today):
    """The day after today (a Thursday): the date the clock turns to at midnight."""
    return today + dt.timedelta(days=1)


def turn_the_date(monkeypatch, day: dt.date) -> None:
    """The clock passes midnight (nothing in the app has looked at it yet)."""
    monkeypatch.setenv("JOURNAL_TODAY", day.isoformat())


def notices(pilot) -> list[str]:
    return [f"{notice.title}: {notice.message}" for notice in notifications(pilot.app)]


def test_a_day_with_nothing_typed_moves_on_to_the_new_today(db_path, monkeypatch, today, friday):
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today, mood=4))

    async def scenario(pilot):
        assert sheet(pilot).values["mood"] == "4"
        turn_the_date(monkeypatch, friday)
        pilot.app.check_the_date()
        await pilot.pause()
        assert day_label(pilot) == "Fri 27 Nov 2026 (today)"
        assert sheet(pilot).values["mood"] == "", "the new day's empty form, not Thursday's"
        assert status(pilot) == "nothing logged yet"
        await fill(pilot, "sleep_hours", "7")  # the next morning's sleep
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("alt+left")  # a past day on show stays on show when the date turns again
        await pilot.pause()
        turn_the_date(monkeypatch, friday + dt.timedelta(days=1))
        pilot.app.check_the_date()
        await pilot.pause()
        assert day_label(pilot) == "Thu 26 Nov 2026"
        assert sheet(pilot).values["mood"] == "4"

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, friday) == DayEntry(friday, sleep_hours=7.0)
    assert stored(db_path, today) == DayEntry(today, mood=4), "Thursday is untouched"


def test_typed_changes_hold_their_day_and_the_bar_says_it_is_yesterday(db_path, monkeypatch, today, friday):
    async def scenario(pilot):
        await fill(pilot, "mood", "4")
        turn_the_date(monkeypatch, friday)
        pilot.app.check_the_date()
        await pilot.pause()
        assert day_label(pilot) == "Thu 26 Nov 2026 (yesterday)"
        assert sheet(pilot).values["mood"] == "4", "what is typed is never lost"
        assert status(pilot) == "● unsaved · this day is now yesterday"
        pilot.app.check_outside_changes()  # the bar keeps saying it while it holds
        pilot.app.journal_changed()
        await pilot.pause()
        assert status(pilot) == "● unsaved · this day is now yesterday"
        assert pilot.app.query_one("#save-status", Static).has_class("-dirty")
        await pilot.press("ctrl+s")  # seen: it goes to Thursday, as the bar said
        await pilot.pause()
        assert stored(db_path, today) == DayEntry(today, mood=4)
        assert day_label(pilot) == "Fri 27 Nov 2026 (today)", "saved, the pane moves on to today"
        assert "yesterday" not in status(pilot)
        assert any("Saved Thu 26 Nov 2026 (yesterday)" in notice for notice in notices(pilot))

    drive(make_app(db_path, today), scenario)
    with open_journal(db_path) as journal:
        assert count_entries(journal) == 1


def test_a_save_just_after_midnight_never_lands_on_the_old_day_unseen(db_path, monkeypatch, today, friday):
    async def scenario(pilot):
        await fill(pilot, "sleep_hours", "8")
        assert day_label(pilot) == "Thu 26 Nov 2026 (today)"
        turn_the_date(monkeypatch, friday)  # midnight has passed; nothing has looked at the date yet
        await pilot.press("ctrl+s")
        await pilot.pause()
        with open_journal(db_path) as journal:
            assert count_entries(journal) == 0, "the runner saw Thursday as today: nothing is written"
        assert day_label(pilot) == "Thu 26 Nov 2026 (yesterday)"
        assert "this day is now yesterday" in status(pilot)
        assert any(notice.startswith("Not saved: It is past midnight") for notice in notices(pilot))
        await pilot.press("ctrl+s")  # now seen as yesterday: saved there, knowingly
        await pilot.pause()
        assert stored(db_path, today) == DayEntry(today, sleep_hours=8.0)

    drive(make_app(db_path, today), scenario)


def test_quitting_after_midnight_asks_again_before_saving_to_the_old_day(db_path, monkeypatch, today, friday):
    app = make_app(db_path, today)

    async def scenario(pilot):
        await fill(pilot, "mood", "2")
        await pilot.press("ctrl+q")
        await pilot.pause()
        turn_the_date(monkeypatch, friday)  # midnight passes while the question is open
        await pilot.press("s")
        await pilot.pause()
        assert app.is_running, "not saved, so not quit"
        assert day_label(pilot) == "Thu 26 Nov 2026 (yesterday)"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Thu 26 Nov 2026 (yesterday)" in pilot.app.screen.title_text
        await pilot.press("s")
        await pilot.pause()

    drive(app, scenario)
    assert not app.is_running
    assert stored(db_path, today) == DayEntry(today, mood=2)


def test_the_date_is_looked_at_just_after_midnight_and_on_coming_back(db_path, monkeypatch, today, friday):
    monkeypatch.setattr("journal.ui.app.seconds_to_midnight", lambda now: 0.2)  # midnight is near

    async def scenario(pilot):
        turn_the_date(monkeypatch, friday)
        for _ in range(100):
            await pilot.pause(0.05)
            if day_label(pilot).startswith("Fri"):
                break
        assert day_label(pilot) == "Fri 27 Nov 2026 (today)", "no key pressed, no minute gone by"
        monkeypatch.setattr("journal.ui.app.seconds_to_midnight", lambda now: 3600.0)
        turn_the_date(monkeypatch, friday + dt.timedelta(days=1))
        pilot.app.post_message(events.AppFocus())  # back at the terminal the next morning
        await pilot.pause()
        await pilot.pause()
        assert day_label(pilot) == "Sat 28 Nov 2026 (today)"

    drive(make_app(db_path, today), scenario)


def test_midnight_is_just_after_the_end_of_the_day():
    assert 0 < seconds_to_midnight(dt.datetime(2026, 11, 26, 23, 59, 59)) - 1 < 1
    assert 86399 < seconds_to_midnight(dt.datetime(2026, 11, 27, 0, 0, 0)) - 1 < 86400


def test_the_current_week_the_checklist_today_and_the_trends_move_on(db_path, monkeypatch):
    sunday = dt.date(2026, 11, 29)
    turn_the_date(monkeypatch, sunday)
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(sunday, mood=4))

    async def scenario(pilot):
        for key, pane in (("f3", ChecklistPane), ("f6", ReviewPane)):
            await pilot.press(key)
            await settle(pilot, pane)
        await pilot.press("f5")
        await settle(pilot, TrendsPane, lambda pane: "– 29 Nov 2026" in pane.table.caption)
        turn_the_date(monkeypatch, sunday + dt.timedelta(days=1))  # Sunday night to Monday
        pilot.app.check_the_date()
        await settle(pilot, TrendsPane, lambda pane: "– 30 Nov 2026" in pane.table.caption)
        await pilot.press("f3")
        await settle(pilot, ChecklistPane)
        assert str(pilot.app.query_one("#week-label", Static).render()) == "2026-W49 · 30 Nov – 6 Dec 2026"
        grid = pilot.app.query_one(WeekGrid)
        assert grid.today == sunday + dt.timedelta(days=1) and grid.days[0] == grid.today
        await pilot.press("f6")
        await settle(pilot, ReviewPane)
        label = pilot.app.query_one("#review-label", Static)
        assert str(label.render()).startswith("2026-W49")
        await pilot.press("alt+left")  # a week looked back on stays when the date turns
        await pilot.pause()
        turn_the_date(monkeypatch, sunday + dt.timedelta(days=2))
        pilot.app.check_the_date()
        await pilot.pause()
        assert str(label.render()).startswith("2026-W48")

    drive(create_app(open_journal(db_path), today=sunday), scenario)


def test_typing_after_the_move_goes_to_the_new_day(db_path, monkeypatch, today, friday):
    async def scenario(pilot):
        turn_the_date(monkeypatch, friday)
        pilot.app.check_the_date()
        await pilot.pause()
        sheet(pilot).focus()
        sheet(pilot).move_to("mood")
        await type_text(pilot, "5")
        await pilot.press("ctrl+s")
        await pilot.pause()

    drive(make_app(db_path, today), scenario)
    assert stored(db_path, friday).mood == 5 and stored(db_path, today).is_empty


def test_a_checklist_on_show_keeps_its_week_so_a_key_at_midnight_ticks_the_day_under_the_cursor(db_path, monkeypatch):
    from journal.store.checklist import ticks_between

    sunday = dt.date(2026, 11, 29)
    turn_the_date(monkeypatch, sunday)

    async def scenario(pilot):
        await pilot.press("f3")
        await settle(pilot, ChecklistPane)
        grid = pilot.app.query_one(WeekGrid)
        for _ in range(6):
            await pilot.press("left")  # from Sunday to Monday 23 Nov
        assert grid.current_day == dt.date(2026, 11, 23)
        turn_the_date(monkeypatch, sunday + dt.timedelta(days=1))
        pilot.app.check_the_date()
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        with open_journal(db_path) as journal:
            ticked = {day for _, day in ticks_between(journal, dt.date(2026, 11, 1), dt.date(2026, 12, 31))}
        assert ticked == {dt.date(2026, 11, 23)}
        assert grid.today == sunday + dt.timedelta(days=1)
        assert str(pilot.app.query_one("#week-label", Static).render()).startswith("2026-W48")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert str(pilot.app.query_one("#week-label", Static).render()).startswith("2026-W49")

    drive(create_app(open_journal(db_path), today=sunday), scenario)


# -- a form open at midnight reads "today" as it is at the moment it reads it -----------


def test_a_date_word_in_a_session_form_opened_before_midnight_is_read_after_it_as_the_new_day(
    db_path, monkeypatch, today, friday
):
    from journal.store.sessions import sessions_between
    from journal.ui.panes.training import TrainingPane
    from journal.ui.screens.session_form import SessionFormScreen

    async def scenario(pilot):
        await pilot.press("f7")
        await settle(pilot, TrainingPane)
        await pilot.press("ctrl+e")  # at 23:59 on Thursday
        await pilot.pause()
        assert isinstance(pilot.app.screen, SessionFormScreen)
        turn_the_date(monkeypatch, friday)  # midnight passes while the form is open; nothing has looked yet
        await pilot.press("ctrl+u")
        await type_text(pilot, "today")
        await pilot.press("tab", "tab")  # the kind, the minutes
        await type_text(pilot, "30")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, SessionFormScreen)
        assert "Saved the run of Fri 27 Nov" in [notice.message for notice in notifications(pilot.app)]

    drive(make_app(db_path, today), scenario)
    with open_journal(db_path) as journal:
        assert [session.day for session in sessions_between(journal, today, friday)] == [friday]


def test_go_to_a_date_opened_before_midnight_reads_the_date_typed_after_it_against_the_new_day(
    db_path, monkeypatch, today, friday
):
    async def scenario(pilot):
        await pilot.press("alt+left", "alt+left", "alt+left")  # Monday 23
        await pilot.pause()
        await pilot.press("ctrl+g")  # at 23:59 on Thursday
        await pilot.pause()
        turn_the_date(monkeypatch, friday)
        await type_text(pilot, "yesterday")
        await pilot.press("enter")
        await pilot.pause()
        assert day_label(pilot) == "Thu 26 Nov 2026 (yesterday)"

    drive(make_app(db_path, today), scenario)


def test_a_goal_due_date_typed_after_midnight_is_read_against_the_new_day(db_path, monkeypatch, today, friday):
    from textual.widgets import Input

    from journal.store.goals import list_goals
    from journal.ui.panes.goals import GoalsPane
    from journal.ui.screens.goal_forms import GoalFormScreen

    async def scenario(pilot):
        await pilot.press("f4")
        await settle(pilot, GoalsPane)
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, GoalFormScreen)
        await type_text(pilot, "Blood work")
        form.query_one("#goal-due", Input).value = "tomorrow"
        turn_the_date(monkeypatch, friday)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, GoalFormScreen)

    drive(make_app(db_path, today), scenario)
    with open_journal(db_path) as journal:
        (goal,) = list_goals(journal)
    assert (goal.due, goal.created_on) == (friday + dt.timedelta(days=1), friday)


@pytest.mark.parametrize("today", [dt.date(2026, 11, 29)])  # a Sunday: the week ends at midnight
def test_a_session_saved_after_the_weeks_midnight_leaves_the_plan_decision_of_the_week_gone_by(
    db_path, monkeypatch, today
):
    from journal.domain.sessions import Session
    from journal.store.plans import get_plan, make_decisions, plan_decisions, start_plan
    from journal.store.sessions import add_session, sessions_between
    from journal.ui.screens.session_form import SessionFormScreen

    saturday, monday = today - dt.timedelta(days=1), today + dt.timedelta(days=1)
    with open_journal(db_path) as journal:
        plan = start_plan(journal, "knee", today=saturday - dt.timedelta(days=2), stage=2)
        add_session(journal, Session(saturday, "run", 20, rpe=3, pain=(("knee", "", 2),), for_plan=True), today=today)
        save_entry(journal, DayEntry(saturday, pain={("knee", ""): 1}))
        save_entry(journal, DayEntry(today, pain={("knee", ""): 1}))
        (decided,) = make_decisions(journal, today=today)  # Sunday morning decides Saturday's run: on to stage 3

    async def scenario(pilot):
        await first_training_session(pilot)
        await pilot.press("enter")  # Saturday's run, at 23:59 on Sunday
        await pilot.pause()
        assert isinstance(pilot.app.screen, SessionFormScreen)
        turn_the_date(monkeypatch, monday)
        await pilot.press("tab", "tab", "tab", "tab", "tab")  # the kind, minutes, distance, RPE, pain during
        await type_text(pilot, "knee=9")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, SessionFormScreen)
        assert not [notice for notice in notifications(pilot.app) if notice.title == "Return to running"]

    drive(create_app(open_journal(db_path), today=today), scenario)
    with open_journal(db_path) as journal:
        (session,) = sessions_between(journal, saturday, saturday)
        assert session.pain == (("knee", "", 9),)
        assert plan_decisions(journal, plan.number) == [decided], "Sunday's decision is history on Monday"
        assert get_plan(journal, plan.number).stage == 3
