"""The day's sessions on the Today pane: logged, changed and removed without leaving it, as a runner types."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Static

from journal.domain.sessions import Session
from journal.store import open_journal
from journal.store.checklist import list_items, ticks_between
from journal.store.sessions import add_session, sessions_between
from journal.ui.screens.session_form import SessionFormScreen
from journal.ui.widgets.session_list import SessionList
from tests.ui.helpers import drive, first_training_session, make_app, notifications, type_text


def stored(db_path, day):
    with open_journal(db_path) as journal:
        return sessions_between(journal, day, day)


def strength_ticked(db_path, day) -> bool:
    with open_journal(db_path) as journal:
        strength = next(item.number for item in list_items(journal) if item.kind == "strength")
        return (strength, day) in ticks_between(journal, day, day)


async def fill_form(pilot, *, kind_steps: int = 0, minutes: str = "", km: str = "", rpe_steps: int = 0, pain: str = ""):
    """Fill the open session form from its first field, key by key: kind and RPE are chosen from their lists."""
    if kind_steps:
        await pilot.press("enter", *["down"] * kind_steps, "enter")
    await pilot.press("tab")
    await type_text(pilot, minutes)
    await pilot.press("tab")
    await type_text(pilot, km)
    await pilot.press("tab")
    if rpe_steps:
        await pilot.press("enter", *["down"] * rpe_steps, "enter")
    await pilot.press("tab")
    await type_text(pilot, pain)


def test_log_a_strength_session_and_see_it_listed_and_ticked(db_path, today):
    app = make_app(db_path, today)

    async def scenario(pilot):
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, SessionFormScreen)
        # strength is the fourth kind; RPE 6 is the seventh answer after the prompt
        await fill_form(pilot, kind_steps=3, minutes="45", rpe_steps=7, pain="knee=2")
        await pilot.press("tab")
        await type_text(pilot, "squats, heavy")
        await pilot.press("enter")
        listed = app.query_one("#sessions", SessionList)
        for _ in range(100):  # the form closes, then the list is drawn again
            await pilot.pause(0.02)
            if listed.sessions:
                break
        assert not isinstance(app.screen, SessionFormScreen)
        assert str(listed.options[0].prompt).startswith("strength · 45 min · RPE 6")
        assert app.focused is listed

    drive(app, scenario)
    (session,) = stored(db_path, today)
    assert (session.kind, session.minutes, session.km, session.rpe, session.load) == ("strength", 45, None, 6, 270)
    assert (session.pain, session.note) == ((("knee", "", 2),), "squats, heavy")
    assert strength_ticked(db_path, today)
    assert "Saved the strength of Thu 26 Nov 2026 (today)" in [note.message for note in notifications(app)]


def test_a_session_form_with_a_mistake_stays_open_saying_what_is_wrong_and_saves_nothing(db_path, today):
    app = make_app(db_path, today)

    async def scenario(pilot):
        await pilot.press("ctrl+e")
        await pilot.pause()
        await fill_form(pilot, minutes="0")
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#form-error", Static).render())
        assert "a session lasts 1-1440 minutes" in error
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # back to the minutes
        await pilot.press("backspace")
        await type_text(pilot, "30")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "kneee=3")
        await pilot.press("enter")
        await pilot.pause()
        assert "unknown body site 'kneee' (did you mean knee?)" in str(app.screen.query_one("#form-error").render())
        assert isinstance(app.screen, SessionFormScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SessionFormScreen)

    drive(app, scenario)
    assert stored(db_path, today) == []


def test_change_a_session_with_enter_then_remove_it_and_undo_brings_it_back(db_path, today):
    with open_journal(db_path) as journal:
        add_session(journal, Session(today, "run", 40, km=8, rpe=4, note="hills"), today=today)
    app = make_app(db_path, today)

    async def scenario(pilot):
        listed = app.query_one("#sessions", SessionList)
        listed.focus()
        listed.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SessionFormScreen)
        assert form.query_one("#session-minutes").value == "40" and form.query_one("#session-km").value == "8"
        await pilot.press("tab", "tab")  # to the km
        await pilot.press("backspace")
        await type_text(pilot, "9.5")
        await pilot.press("enter")
        await pilot.pause()
        (changed,) = stored(db_path, today)
        assert (changed.km, changed.minutes, changed.rpe, changed.note) == (9.5, 40, 4, "hills")
        listed.highlighted = 0
        await pilot.press("delete")
        await pilot.pause()
        assert stored(db_path, today) == []
        assert [str(option.prompt) for option in listed.options] == ["+ add a session (^e)"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stored(db_path, today) == [changed]
        assert str(listed.options[0].prompt).startswith("run · 40 min · 9.5 km")

    drive(app, scenario)


def test_the_training_pane_lists_the_week_with_its_totals_and_logs_a_session_on_a_day_typed(db_path, today):
    from journal.ui.panes.training import TrainingPane
    from tests.ui.helpers import settle

    yesterday = today - dt.timedelta(days=1)
    with open_journal(db_path) as journal:
        add_session(journal, Session(today, "run", 40, km=8, rpe=4), today=today)
        add_session(journal, Session(today - dt.timedelta(days=7), "walk", 30), today=today)  # the week before
    app = make_app(db_path, today)

    async def scenario(pilot):
        await pilot.press("f7")
        pane = await settle(pilot, TrainingPane)
        assert str(pane.query_one("#training-totals").render()) == "1 session · 40 min · 8 km · load 160"
        ticks = str(pane.query_one("#training-ticks").render())
        assert ticks.startswith("intervals, strides, strength, plyometrics, technique, rehab sessions tick their own")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, SessionFormScreen)
        await pilot.press("ctrl+u")
        await type_text(pilot, "yesterday")
        await pilot.press("tab", "tab")
        await type_text(pilot, "25")
        await pilot.press("enter")
        pane = await settle(pilot, TrainingPane, lambda pane: len(pane.query_one(SessionList).sessions) == 2)
        lines = [str(option.prompt) for option in pane.query_one(SessionList).options]
        assert lines[0].startswith(f"{yesterday:%a %d}  run · 25 min") and lines[1].startswith(f"{today:%a %d}  run")
        assert str(pane.query_one("#training-totals").render()).startswith("2 sessions · 65 min")
        await pilot.press("alt+left")
        pane = await settle(pilot, TrainingPane, lambda pane: len(pane.query_one(SessionList).sessions) == 1)
        assert pane.query_one(SessionList).sessions[0].kind == "walk"

    drive(app, scenario)
    assert [session.minutes for session in stored(db_path, yesterday)] == [25]


def test_a_morning_pain_saved_on_today_decides_the_plan_session_and_undo_takes_the_decision_back(db_path, today):
    from journal.store.plans import get_plan, plan_decisions, start_plan
    from tests.ui.helpers import fill

    yesterday = today - dt.timedelta(days=1)
    with open_journal(db_path) as journal:
        plan = start_plan(journal, "knee", today=yesterday - dt.timedelta(days=2), stage=2)
        add_session(journal, Session(yesterday, "run", 20, rpe=3, pain=(("knee", "", 2),), for_plan=True), today=today)
        from journal.domain.entries import DayEntry
        from journal.store.entries import save_entry

        save_entry(journal, DayEntry(yesterday, pain={("knee", ""): 1}))
    app = make_app(db_path, today)

    async def scenario(pilot):
        line = str(app.query_one("#plan-today", Static).render())
        assert line.startswith("Knee plan: ") and "waiting for" in line, line
        await fill(pilot, "pain:knee:", "1")  # as the morning before: all limits kept
        await pilot.press("ctrl+s")
        await pilot.pause()
        with open_journal(db_path) as journal:
            (decision,) = plan_decisions(journal, plan.number)
            assert (decision.outcome, decision.to_stage, get_plan(journal, plan.number).stage) == ("next", 3, 3)
        assert any(note.message.startswith("Return-to-run plan: ") for note in notifications(app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        with open_journal(db_path) as journal:
            assert plan_decisions(journal, plan.number) == [] and get_plan(journal, plan.number).stage == 2

    drive(app, scenario)


@pytest.mark.parametrize("today", [dt.date(2026, 11, 28)])  # a Saturday
def test_the_weekly_overuse_check_is_offered_late_in_the_week_and_answered_site_by_site(db_path, today):
    from journal.domain.entries import DayEntry
    from journal.store.entries import save_entry
    from journal.store.overuse import week_answers
    from journal.ui.panes.training import TrainingPane
    from journal.ui.screens.overuse_form import OveruseFormScreen
    from tests.ui.helpers import settle

    saturday = today
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(saturday - dt.timedelta(days=3), pain={("knee", ""): 3, ("shin", "left"): 1}))
    app = make_app(db_path, saturday)

    async def scenario(pilot):
        await pilot.pause(2.5)  # the offer comes once the journal is on screen
        (offer,) = [note for note in notifications(app) if note.title == "This week's overuse check"]
        assert offer.message.startswith("The knee, left shin hurt this week") and "(f7 then o)" in offer.message
        await pilot.press("f7")
        await settle(pilot, TrainingPane)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OveruseFormScreen) and "knee" in str(app.screen.heading)
        await pilot.press("tab", "tab", "tab", "tab", "enter")  # Save, with nothing answered
        await pilot.pause()
        assert "answer every question (took part, cut back, ran worse, pain still to answer)" in str(
            app.screen.query_one("#form-error").render()
        )
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab")  # back to the first question
        await pilot.press("enter", "down", "enter")  # took part fully, with no problem
        await pilot.press("tab", "enter", "down", "down", "down", "enter")  # training cut back moderately
        await pilot.press("tab", "enter", "down", "enter", "tab", "enter", "down", "enter")  # no other problem
        await pilot.press("tab", "enter")  # Save
        await pilot.pause()
        assert isinstance(app.screen, OveruseFormScreen) and "left shin" in str(app.screen.heading)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, OveruseFormScreen)

    drive(app, scenario)
    with open_journal(db_path) as journal:
        (answered,) = week_answers(journal, saturday - dt.timedelta(days=5))  # the week of Monday 23 Nov
    assert (answered.site, answered.answers.numbers, answered.score, answered.substantial) == (
        "knee",
        (0, 2, 0, 0),
        13,
        True,
    )


@pytest.mark.parametrize("today", [dt.date(2026, 11, 24)])  # a Tuesday
def test_the_overuse_check_is_not_offered_early_in_the_week(db_path, today):
    from journal.domain.entries import DayEntry
    from journal.store.entries import save_entry

    tuesday = today
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(tuesday, pain={("knee", ""): 3}))
    app = make_app(db_path, tuesday)

    async def scenario(pilot):
        await pilot.pause(2.5)
        assert not [note for note in notifications(app) if note.title == "This week's overuse check"]

    drive(app, scenario)


def test_tabbed_to_the_session_list_enter_changes_the_first_session(db_path, today):
    with open_journal(db_path) as journal:
        add_session(journal, Session(today, "run", 40), today=today)
    app = make_app(db_path, today)

    async def scenario(pilot):
        listed = app.query_one("#sessions", SessionList)
        listed.focus()
        await pilot.pause()
        assert listed.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionFormScreen) and app.screen.session is not None

    drive(app, scenario)


def test_the_session_form_says_every_problem_at_once_and_adds_a_site_the_apps_way(db_path, today):
    app = make_app(db_path, today)

    async def scenario(pilot):
        await pilot.press("ctrl+e")
        await pilot.pause()
        await fill_form(pilot, minutes="0", km="far", pain="kneee=3, knee=11")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionFormScreen)
        lines = str(app.screen.query_one("#form-error", Static).render()).splitlines()
        assert len(lines) == 4, lines
        assert lines[0].startswith("a session lasts 1-1440 minutes") and lines[1].startswith("distance is kilometres")
        assert lines[2].startswith("unknown body site 'kneee' (did you mean knee?)")
        assert lines[2].endswith("(add one with: ^n on Today)") and "journal sites add" not in lines[2]
        assert lines[3].startswith("pain at knee")

    drive(app, scenario)
    assert stored(db_path, today) == []


def test_the_training_panes_session_form_names_the_runners_own_key_for_adding_a_site(db_path, isolated, today):
    from journal.ui.panes.training import TrainingPane
    from tests.ui.helpers import settle

    keys = isolated / "config" / "offseason" / "keys.toml"
    keys.parent.mkdir(parents=True)
    keys.write_text('"today.add_site" = "ctrl+b"\n')
    app = make_app(db_path, today)

    async def scenario(pilot):
        await pilot.press("f7")
        await settle(pilot, TrainingPane)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("tab")  # from the day to the kind
        await fill_form(pilot, minutes="30", pain="elbow=2")
        await pilot.press("enter")
        await pilot.pause()
        error = str(app.screen.query_one("#form-error", Static).render())
        assert error.startswith("unknown body site 'elbow'") and error.endswith("(add one with: ^b on Today)")

    drive(app, scenario)


def plan_session_decided(db_path, today):
    """A knee plan at stage 2 whose session yesterday was decided this morning: next stage, 3."""
    from journal.domain.entries import DayEntry
    from journal.store.entries import save_entry
    from journal.store.plans import get_plan, make_decisions, start_plan

    yesterday = today - dt.timedelta(days=1)
    with open_journal(db_path) as journal:
        plan = start_plan(journal, "knee", today=yesterday - dt.timedelta(days=2), stage=2)
        add_session(journal, Session(yesterday, "run", 20, rpe=3, pain=(("knee", "", 2),), for_plan=True), today=today)
        save_entry(journal, DayEntry(yesterday, pain={("knee", ""): 1}))
        save_entry(journal, DayEntry(today, pain={("knee", ""): 1}))
        make_decisions(journal, today=today)
        assert get_plan(journal, plan.number).stage == 3
    return plan


def plan_stage_and_decisions(db_path, plan):
    from journal.store.plans import get_plan, plan_decisions

    with open_journal(db_path) as journal:
        return get_plan(journal, plan.number).stage, len(plan_decisions(journal, plan.number))


TAKEN_BACK = (
    "Knee plan: the decision on the session on Wed 25 Nov no longer holds (what it was judged on changed):"
    " back at stage 2 of 10"
)


def test_removing_a_plan_session_on_today_says_its_decision_no_longer_holds(db_path, today):
    plan = plan_session_decided(db_path, today)
    app = make_app(db_path, today)

    async def scenario(pilot):
        await pilot.press("alt+left")  # to yesterday, the session's day
        await pilot.pause()
        listed = app.query_one("#sessions", SessionList)
        listed.focus()
        listed.highlighted = 0
        await pilot.press("delete")
        await pilot.pause()
        assert plan_stage_and_decisions(db_path, plan) == (2, 0)
        said = [note for note in notifications(app) if note.title == "Return to running"]
        assert [(note.message, note.severity) for note in said] == [(TAKEN_BACK, "warning")]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert plan_stage_and_decisions(db_path, plan) == (3, 1)

    drive(app, scenario)


def test_removing_a_plan_session_on_the_training_pane_says_its_decision_no_longer_holds(db_path, today):
    plan = plan_session_decided(db_path, today)
    app = make_app(db_path, today)

    async def scenario(pilot):
        await first_training_session(pilot)
        await pilot.press("delete")
        await pilot.pause()
        assert plan_stage_and_decisions(db_path, plan) == (2, 0)
        assert TAKEN_BACK in [note.message for note in notifications(app) if note.title == "Return to running"]

    drive(app, scenario)


def test_a_corrected_morning_on_today_says_the_decision_it_took_back_and_the_one_it_made(db_path, today):
    from tests.ui.helpers import fill

    plan = plan_session_decided(db_path, today)
    app = make_app(db_path, today)

    async def scenario(pilot):
        await fill(pilot, "pain:knee:", "5")  # this morning was 1: now meaningfully worse than yesterday's 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert plan_stage_and_decisions(db_path, plan) == (1, 1)
        said = [note.message for note in notifications(app) if note.title == "Return to running"]
        assert said[0] == TAKEN_BACK and said[1].startswith("Return-to-run plan: The next morning's pain 5 was")

    drive(app, scenario)


# -- a session changed elsewhere while its form is open ------------------------------


def logged_run(db_path, today) -> Session:
    with open_journal(db_path) as journal:
        return add_session(journal, Session(today, "run", 40, km=8, rpe=4, note="hills"), today=today)


def edit_elsewhere(db_path, session: Session, today, **values) -> None:
    """`journal session edit N --rpe 3 ...` from another terminal."""
    from journal.domain.sessions import SessionChange
    from journal.store.sessions import update_session

    with open_journal(db_path) as shell:
        update_session(shell, session.number, SessionChange(values), today=today)


async def open_first_session(pilot) -> SessionFormScreen:
    listed = pilot.app.query_one("#sessions", SessionList)
    listed.focus()
    listed.highlighted = 0
    await pilot.press("enter")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, SessionFormScreen)
    return form


def test_a_session_changed_elsewhere_while_its_form_is_open_keeps_what_was_changed_there(db_path, today):
    from journal.ui.screens.dialogs import ChoiceScreen

    run = logged_run(db_path, today)
    app = make_app(db_path, today)

    async def scenario(pilot):
        await open_first_session(pilot)
        edit_elsewhere(db_path, run, today, rpe=3, note="CLI note")
        await pilot.press("tab")  # to the minutes
        await type_text(pilot, "50")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SessionFormScreen | ChoiceScreen), "nothing both sides changed: no question"

    drive(app, scenario)
    (saved,) = stored(db_path, today)
    assert (saved.minutes, saved.km, saved.rpe, saved.note) == (50, 8, 3, "CLI note")
    said = [note.message for note in notifications(app)]
    assert "Kept what was saved elsewhere meanwhile: RPE, Note" in said
    assert "Saved the run of Thu 26 Nov 2026 (today)" in said


def test_a_session_field_changed_on_both_sides_is_asked_about_and_save_mine_keeps_their_other_fields(db_path, today):
    from journal.ui.screens.dialogs import ChoiceScreen

    run = logged_run(db_path, today)
    app = make_app(db_path, today)

    async def scenario(pilot):
        form = await open_first_session(pilot)
        edit_elsewhere(db_path, run, today, minutes=45, rpe=3)
        await pilot.press("tab")
        await type_text(pilot, "50")
        await pilot.press("tab", "tab", "tab", "tab", "end")  # to the end of the note
        await type_text(pilot, ", windy")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        assert dialog.title_text == "The run of Thu 26 Nov changed elsewhere"
        clashes = dialog.body.split("\n\n")[1]
        assert clashes == "Minutes: theirs 45 min · yours 50 min", "only what both sides changed is asked about"
        await pilot.press("escape")  # keep editing: nothing saved, nothing lost
        await pilot.pause()
        assert app.screen is form and form.query_one("#session-minutes").value == "50"
        (session,) = stored(db_path, today)
        assert (session.minutes, session.rpe, session.note) == (45, 3, "hills")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen), "asked again: the clash is still there"
        await pilot.press("o")  # save mine
        await pilot.pause()
        assert not isinstance(app.screen, SessionFormScreen | ChoiceScreen)

    drive(app, scenario)
    (saved,) = stored(db_path, today)
    assert (saved.minutes, saved.rpe, saved.note) == (50, 3, "hills, windy"), "mine in the clash, theirs elsewhere"
    assert "Kept what was saved elsewhere meanwhile: RPE" in [note.message for note in notifications(app)]


def test_load_theirs_shows_the_session_as_saved_elsewhere_in_the_form(db_path, today):
    from journal.ui.screens.dialogs import ChoiceScreen

    run = logged_run(db_path, today)
    app = make_app(db_path, today)

    async def scenario(pilot):
        form = await open_first_session(pilot)
        edit_elsewhere(db_path, run, today, minutes=45, note="from the watch")
        await pilot.press("tab")
        await type_text(pilot, "50")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("l")  # load theirs
        await pilot.pause()
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#session-minutes").value == "45", "the minutes typed here are dropped for theirs"
        assert form.query_one("#session-note").value == "from the watch"
        await pilot.press("tab", "tab")  # to the distance, changed on this side only now
        await type_text(pilot, "9")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SessionFormScreen | ChoiceScreen)

    drive(app, scenario)
    (saved,) = stored(db_path, today)
    assert (saved.minutes, saved.km, saved.rpe, saved.note) == (45, 9, 4, "from the watch")


def test_a_session_removed_elsewhere_while_its_form_is_open_is_said_to_be_gone(db_path, today):
    from journal.store.sessions import remove_session

    run = logged_run(db_path, today)
    app = make_app(db_path, today)

    async def scenario(pilot):
        form = await open_first_session(pilot)
        with open_journal(db_path) as shell:
            remove_session(shell, run.number)
        await pilot.press("tab")
        await type_text(pilot, "50")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert str(form.query_one("#form-error", Static).render()).startswith(f"there is no session {run.number}")

    drive(app, scenario)
    assert stored(db_path, today) == []


async def answer_none_and_save(pilot) -> None:
    """Answer each of the four questions 0 (no problem), from the first, and press Save."""
    for question in range(4):
        await pilot.press(*(["tab"] if question else []), "enter", "down", "enter")
    await pilot.press("tab", "enter")
    await pilot.pause()


@pytest.mark.parametrize("today", [dt.date(2026, 11, 28)])  # a Saturday
@pytest.mark.parametrize("choice", ["o", "l"])
def test_overuse_answers_saved_elsewhere_while_the_form_is_open_are_never_replaced_unseen(db_path, today, choice):
    from journal.domain.entries import DayEntry
    from journal.domain.overuse import Answers
    from journal.store.entries import save_entry
    from journal.store.overuse import save_answers, week_answers
    from journal.ui.panes.training import TrainingPane
    from journal.ui.screens.dialogs import ChoiceScreen
    from journal.ui.screens.overuse_form import OveruseFormScreen
    from tests.ui.helpers import settle

    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(today - dt.timedelta(days=3), pain={("knee", "left"): 3}))
    app = make_app(db_path, today)

    async def scenario(pilot):
        await pilot.press("f7")
        await settle(pilot, TrainingPane)
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OveruseFormScreen)
        with open_journal(db_path) as shell:  # `journal overuse --site knee:left ...` from another terminal
            save_answers(shell, today, "knee", "left", Answers(3, 4, 4, 3), today=today)
        await answer_none_and_save(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceScreen)
        assert dialog.title_text == "The left knee check (week of 23 Nov) changed elsewhere"
        assert dialog.body.split("\n\n")[1].splitlines() == [
            "Took part: theirs 3 not at all, because of the problem · yours 0 fully, with no problem",
            "Cut back: theirs 4 could not train at all · yours 0 not at all",
            "Ran worse: theirs 4 could not run at all · yours 0 not at all",
            "Pain: theirs 3 severe pain · yours 0 no pain",
        ]
        await pilot.press("escape")  # keep editing: nothing saved
        await pilot.pause()
        assert app.screen is form
        with open_journal(db_path) as shell:
            assert [each.answers.numbers for each in week_answers(shell, today - dt.timedelta(days=5))] == [
                (3, 4, 4, 3)
            ]
        await pilot.press("enter")  # Save again: asked again
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press(choice)
        await pilot.pause()
        if choice == "l":  # load theirs: the form shows their answers, for a look before closing it
            assert app.screen is form
            assert [select.value for select in form.query(".dialog-form Select")] == [3, 4, 4, 3]
            await pilot.press("escape")
            await pilot.pause()
        assert not isinstance(app.screen, OveruseFormScreen | ChoiceScreen)

    drive(app, scenario)
    with open_journal(db_path) as journal:
        (answered,) = week_answers(journal, today - dt.timedelta(days=5))
    assert answered.answers.numbers == ((0, 0, 0, 0) if choice == "o" else (3, 4, 4, 3))
