"""Undo in the app: ctrl+z takes back a saved day, a tick or a moved card, and shows where it was."""

import datetime as dt

import pytest
from textual.widgets import TabbedContent

from journal.domain.entries import DayEntry
from journal.domain.goals import Goal
from journal.store import open_journal
from journal.store.entries import get_entry, save_entry
from journal.store.goals import add_goal, list_goals
from journal.ui.screens.dialogs import ChoiceScreen
from journal.ui.widgets.goal_card import GoalCard
from tests.ui.helpers import drive, fill, make_app, notifications, sheet
from tests.ui.test_checklist import open_checklist, ticks
from tests.ui.test_goals import open_goals, settle


@pytest.fixture
def yesterday(today):
    return today - dt.timedelta(days=1)


def entry(db_path, day):
    with open_journal(db_path) as journal:
        return get_entry(journal, day)


def notes(app):
    return [(notice.title, notice.message) for notice in notifications(app)]


def test_a_saved_day_is_undone_and_redone_and_the_form_follows(db_path, today, yesterday):
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(yesterday, mood=3, note="easy jog"))
    seen = {}

    async def scenario(pilot):
        await pilot.press("alt+left")
        await fill(pilot, "mood", "5")
        await fill(pilot, "pain:knee:left", "4")
        await pilot.press("ctrl+s")
        await pilot.press("alt+right")  # away to today: undo brings the day back on screen
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        seen["undone"] = entry(db_path, yesterday)
        seen["form"] = (pilot.app.today_pane.day, sheet(pilot).values["mood"], sheet(pilot).values["pain:knee:left"])
        seen["notes"] = notes(pilot.app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        seen["redone"] = sheet(pilot).values["mood"]

    drive(make_app(db_path, today), scenario)
    assert seen["undone"] == DayEntry(yesterday, mood=3, note="easy jog")
    assert seen["form"] == (yesterday, "3", "")
    assert ("Undone", "Saved Wed 25 Nov · ^y redoes it") in seen["notes"]
    assert seen["redone"] == "5"
    assert entry(db_path, yesterday) == DayEntry(yesterday, mood=5, note="easy jog", pain={("knee", "left"): 4})


def test_undo_asks_before_it_replaces_what_is_typed(db_path, today):
    seen = {}

    async def scenario(pilot):
        await fill(pilot, "mood", "2")
        await pilot.press("ctrl+s")
        await fill(pilot, "mood", "4")  # typed, not saved
        await pilot.press("ctrl+z")
        await pilot.pause()
        seen["asked"] = isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press("escape")  # keep editing: nothing is undone
        await pilot.pause()
        seen["kept"] = (entry(db_path, today).mood, sheet(pilot).values["mood"])
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.press("d")  # discard and undo
        await pilot.pause()
        seen["form"] = sheet(pilot).values["mood"]

    drive(make_app(db_path, today), scenario)
    assert seen["asked"]
    assert seen["kept"] == (2, "4")
    assert seen["form"] == ""
    assert entry(db_path, today).is_empty


def test_a_tick_is_undone_from_another_pane_and_shown_in_its_week(db_path, today):
    seen = {}

    async def scenario(pilot):
        grid = await open_checklist(pilot)
        await pilot.press("down", "space")  # today, the second item
        await pilot.pause()
        seen["ticked"] = ticks(db_path, today)
        item_id = grid.current.item.id
        await pilot.press("alt+left", "up", "f2")  # the checklist shows another week meanwhile
        await pilot.pause()
        await pilot.press("ctrl+z")
        await pilot.pause()
        await pilot.pause()
        seen["pane"] = pilot.app.query_one(TabbedContent).active
        seen["cursor"] = (grid.current.item.id == item_id, grid.current_day)

    drive(make_app(db_path, today), scenario)
    assert [day for _, day in seen["ticked"]] == [today]
    assert ticks(db_path, today) == set()
    assert seen["pane"] == "checklist"
    assert seen["cursor"] == (True, today)


def test_a_moved_card_goes_back_and_a_deleted_one_comes_back(db_path, today):
    with open_journal(db_path) as journal:
        for title in ("Blood work", "Sleep more"):
            add_goal(journal, Goal(title), today=today)
    seen = {}

    async def scenario(pilot):
        await open_goals(pilot)
        await pilot.press("shift+right", "shift+right")  # Blood work to Doing, then Done
        await settle(pilot)
        seen["moved"] = board(db_path)
        await pilot.press("ctrl+z")
        await settle(pilot)
        seen["undone once"] = board(db_path)
        seen["focus"] = pilot.app.focused.goal.title if isinstance(pilot.app.focused, GoalCard) else None
        await pilot.press("delete", "y")
        await settle(pilot)
        seen["deleted"] = board(db_path)
        await pilot.press("ctrl+z", "ctrl+z")
        await settle(pilot)

    drive(make_app(db_path, today), scenario)
    assert seen["moved"] == [("Sleep more", "todo"), ("Blood work", "done")]
    assert seen["undone once"] == [("Sleep more", "todo"), ("Blood work", "doing")]
    assert seen["focus"] == "Blood work"
    assert seen["deleted"] == [("Sleep more", "todo")]
    assert board(db_path) == [("Blood work", "todo"), ("Sleep more", "todo")]  # its first place, too


def test_a_change_made_elsewhere_since_is_not_undone_and_says_so(db_path, today):
    seen = {}

    async def scenario(pilot):
        await fill(pilot, "mood", "2")
        await pilot.press("ctrl+s")
        with open_journal(db_path) as other:  # a journal command in another terminal
            save_entry(other, DayEntry(today, mood=5, note="from the shell"))
        await pilot.press("ctrl+z")
        await pilot.pause()
        seen["notes"] = notes(pilot.app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        seen["then"] = notes(pilot.app)[-1]

    drive(make_app(db_path, today), scenario)
    assert ("Not undone", "saved Thu 26 Nov: it was changed elsewhere since; nothing was undone") in seen["notes"]
    assert seen["then"] == ("", "Nothing to undo")
    assert entry(db_path, today) == DayEntry(today, mood=5, note="from the shell")


def test_undo_and_redo_are_in_the_palette_and_the_help(db_path, today):
    seen = {}

    async def scenario(pilot):
        app = pilot.app
        await fill(pilot, "mood", "2")
        await pilot.press("ctrl+s")
        seen["saved"] = {command.title: command.help for command in app.get_system_commands(app.screen)}
        await pilot.press("ctrl+z")
        await pilot.pause()
        seen["undone"] = {command.title: command.help for command in app.get_system_commands(app.screen)}
        await pilot.press("f1")
        await pilot.pause()
        seen["help"] = [str(line.render()) for line in app.screen.query("Static")]

    drive(make_app(db_path, today), scenario)
    assert seen["saved"]["Undo"] == "Undo the last change: saved Thu 26 Nov (^z)"
    assert seen["undone"]["Redo"] == "Redo: saved Thu 26 Nov (^y)"
    assert seen["undone"]["Undo"] == "Undo the last change: a saved day, a tick, a moved card (^z)"
    assert any(line.startswith("^z") and "[app.undo]" in line for line in seen["help"])
    assert any(line.startswith("^y") and "[app.redo]" in line for line in seen["help"])


def board(db_path):
    with open_journal(db_path) as journal:
        return [(goal.title, goal.status) for goal in list_goals(journal)]


def test_a_change_elsewhere_or_an_undo_leaves_the_goals_board_where_it_is(db_path, today, yesterday):
    with open_journal(db_path) as journal:
        add_goal(journal, Goal("Blood work"), today=today)
    seen = {}

    async def scenario(pilot):
        await open_goals(pilot)  # the board is built and read once
        await pilot.press("f2")
        await fill(pilot, "mood", "3")  # typed, not saved
        with open_journal(db_path) as other:
            save_entry(other, DayEntry(yesterday, mood=4))
        pilot.app.check_outside_changes()
        await settle(pilot)
        seen["outside"] = (pilot.app.query_one(TabbedContent).active, type(pilot.app.focused).__name__)
        await pilot.press("ctrl+s", "f3", "space", "ctrl+z")  # a tick, undone in the Checklist pane
        await settle(pilot)
        seen["undo"] = pilot.app.query_one(TabbedContent).active

    drive(make_app(db_path, today), scenario)
    assert seen["outside"] == ("today", "ScoreSheet")
    assert seen["undo"] == "checklist"
