"""The first start on an empty journal: a few lines on what to do, and the demo offered."""

import pytest

from journal.domain.goals import Goal
from journal.store import open_journal
from journal.store.db import has_anything
from journal.store.demo import demo_path, open_demo
from journal.store.entries import count_entries
from journal.store.goals import add_goal
from journal.ui.app import DEMO, create_app
from journal.ui.screens.dialogs import ChoiceScreen
from tests.ui.helpers import drive, notifications


def first_start_app(db_path, today):
    return create_app(open_journal(db_path), today=today, welcome=True)


def test_an_empty_journal_opens_with_the_welcome_and_the_demo_is_a_key_away(db_path, today):
    seen = {}

    async def scenario(pilot):
        screen = pilot.app.screen
        seen["title"] = isinstance(screen, ChoiceScreen) and screen.title_text
        seen["body"] = screen.body
        await pilot.press("d")
        await pilot.pause()

    app = first_start_app(db_path, today)
    drive(app, scenario, size=(80, 24))
    assert seen["title"] == "Welcome to Offseason"
    assert "ctrl+s saves" in seen["body"] and "demo" in seen["body"]
    assert app.return_value == DEMO  # run_app then opens the demo journal
    with open_journal(db_path) as journal:
        assert not has_anything(journal)


def test_escape_starts_the_runners_own_journal(db_path, today):
    seen = {}

    async def scenario(pilot):
        await pilot.press("escape")
        await pilot.pause()
        seen["screen"] = type(pilot.app.screen).__name__
        seen["focused"] = type(pilot.app.focused).__name__

    app = first_start_app(db_path, today)
    drive(app, scenario)
    assert seen == {"screen": "BlankScreen", "focused": "ScoreSheet"}
    assert app.return_value is None


@pytest.mark.parametrize("welcome", [True, False])
def test_a_journal_with_anything_in_it_opens_straight_on_today(db_path, welcome, today):
    with open_journal(db_path) as journal:
        add_goal(journal, Goal("Sleep to your need"), today=today)  # a goal and nothing else
    seen = {}

    async def scenario(pilot):
        seen["screen"] = type(pilot.app.screen).__name__

    drive(create_app(open_journal(db_path), today=today, welcome=welcome), scenario)
    assert seen["screen"] == "BlankScreen"


def test_the_demo_journal_is_filled_once_beside_the_default_one(isolated, today):
    with open_demo(today) as demo:
        days = count_entries(demo)
        assert demo.path == demo_path() and demo.path.name == "demo.db"
    with open_demo(today) as demo:
        assert count_entries(demo) == days > 0, "opened again, it is not filled twice"


def test_the_demo_app_says_it_is_the_demo(isolated, today):
    seen = {}

    async def scenario(pilot):
        seen["notes"] = [notice.title for notice in notifications(pilot.app)]
        seen["screen"] = type(pilot.app.screen).__name__
        seen["mark"] = pilot.app.query_one("#demo-mark").display  # on screen after the notice has gone

    with open_demo(today) as demo:
        app = create_app(demo, today=today, demo=True, welcome=True)
        drive(app, scenario)
    assert seen == {"notes": ["The demo journal"], "screen": "BlankScreen", "mark": True}
    assert app.sub_title.startswith("demo · ")


def test_the_runners_own_journal_has_no_demo_mark(db_path, today):
    seen = {}

    async def scenario(pilot):
        seen["mark"] = pilot.app.query_one("#demo-mark").display

    drive(create_app(open_journal(db_path), today=today), scenario)
    assert seen["mark"] is False
