"""The app in miles: with `distance_unit` set to mi, the session form asks for miles and every pane shows them."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Label

from journal.domain.sessions import Session
from journal.store import open_journal
from journal.store.sessions import add_session, sessions_between
from journal.store.settings import set_setting
from journal.ui.panes.training import TrainingPane
from journal.ui.screens.session_form import SessionFormScreen
from journal.ui.widgets.session_list import SessionList
from tests.ui.helpers import drive, make_app, settle, type_text


def stored(db_path, day):
    with open_journal(db_path) as journal:
        return sessions_between(journal, day, day)


def in_miles(db_path) -> None:
    with open_journal(db_path) as journal:
        set_setting(journal, "distance_unit", "mi")


def labels(form: SessionFormScreen) -> list[str]:
    return [str(label.render()) for label in form.query(Label)]


async def listed_after_save(pilot, listed: SessionList, count: int) -> None:
    for _ in range(100):  # the form closes, then the list is drawn again
        await pilot.pause(0.02)
        if len(listed.sessions) == count and not isinstance(pilot.app.screen, SessionFormScreen):
            return
    raise AssertionError("the session list was not drawn again")


def test_a_session_typed_in_miles_on_today_is_kept_in_km_and_listed_in_miles(db_path, today):
    in_miles(db_path)
    app = make_app(db_path, today)

    async def scenario(pilot):
        await pilot.press("ctrl+e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SessionFormScreen)
        assert "Miles" in labels(form) and "Km" not in labels(form)
        await pilot.press("tab")
        await type_text(pilot, "45")
        await pilot.press("tab")
        await type_text(pilot, "5")
        await pilot.press("enter")
        listed = app.query_one("#sessions", SessionList)
        await listed_after_save(pilot, listed, 1)
        assert str(listed.options[0].prompt) == "run · 45 min · 5 mi"

    drive(app, scenario)
    (session,) = stored(db_path, today)
    assert (session.minutes, session.km) == (45, 8.047)


def test_a_session_changed_in_miles_keeps_its_km_unless_the_distance_is_retyped(db_path, today):
    with open_journal(db_path) as journal:
        add_session(journal, Session(today, "run", 40, km=10, rpe=4), today=today)
    in_miles(db_path)
    app = make_app(db_path, today)

    async def scenario(pilot):
        listed = app.query_one("#sessions", SessionList)
        assert str(listed.options[0].prompt).startswith("run · 40 min · 6.21 mi")
        listed.focus()
        listed.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SessionFormScreen)
        assert form.query_one("#session-km", Input).value == "6.21"
        await pilot.press("tab")  # to the minutes: only they change
        await pilot.press("ctrl+u")
        await type_text(pilot, "50")
        await pilot.press("enter")
        await listed_after_save(pilot, listed, 1)
        (kept,) = stored(db_path, today)
        assert (kept.minutes, kept.km) == (50, 10.0), "6.21 mi shown is not 9.994 km saved"
        listed.focus()
        listed.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab", "tab")  # to the distance
        await pilot.press("ctrl+u")
        await type_text(pilot, "3.125")
        await pilot.press("enter")
        await pilot.pause()
        assert "two decimals at most" in str(app.screen.query_one("#form-error").render())
        await pilot.press("backspace")
        await pilot.press("enter")
        await listed_after_save(pilot, listed, 1)
        assert str(listed.options[0].prompt).startswith("run · 50 min · 3.12 mi")

    drive(app, scenario)
    (session,) = stored(db_path, today)
    assert session.km == 5.021


def test_the_training_pane_in_miles(db_path, today):
    with open_journal(db_path) as journal:
        add_session(journal, Session(today, "run", 40, km=8.047, rpe=4), today=today)
        add_session(journal, Session(today - dt.timedelta(days=1), "run", 30, km=4.989), today=today)
    in_miles(db_path)
    app = make_app(db_path, today)

    async def scenario(pilot):
        await pilot.press("f7")
        pane = await settle(pilot, TrainingPane)
        assert (
            str(pane.query_one("#training-totals").render())
            == "2 sessions · 70 min · 8.1 mi · load 160 (1 without an RPE)"
        )
        lines = [str(option.prompt) for option in pane.query_one(SessionList).options]
        assert lines[1] == f"{today:%a %d}  run · 40 min · 5 mi · RPE 4 somewhat hard · load 160"
        history = str(pane.query_one("#training-history").render()).splitlines()
        assert history[1].startswith("Miles") and history[1].endswith("  8.1")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert "Miles" in labels(app.screen)

    drive(app, scenario)
