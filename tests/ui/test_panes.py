"""Moving between the panes: the pane asked for is shown, with the focus in it and its keys in the footer."""

import asyncio
from itertools import pairwise

import pytest
from textual.widgets import TabbedContent

from journal.ui.app import PANES
from journal.ui.panes.lazy import LazyPane
from journal.ui.panes.pane import JournalPane
from journal.ui.widgets.footer import KeysFooter
from tests.ui.helpers import drive, make_app

KEYS = {"today": "f2", "checklist": "f3", "goals": "f4", "trends": "f5", "review": "f6", "training": "f7"}


def tour() -> list[str]:
    """From Today, every pane after every other pane once: an Eulerian circuit of the switches."""
    left = {pane: [other for other in KEYS if other != pane] for pane in KEYS}
    stack, walk = ["today"], []
    while stack:
        if left[stack[-1]]:
            stack.append(left[stack[-1]].pop())
        else:
            walk.append(stack.pop())
    return walk[::-1]


TOUR = tour()


def footer_actions(app) -> set[str]:
    return {key.action for key in app.query_one(KeysFooter).keys_on_show()}


async def settled(pilot, pane: JournalPane) -> None:
    """Wait until the pane is shown, drawn and holds the focus (a first showing builds it)."""
    for _ in range(200):
        await pilot.pause(0.02)
        loading = getattr(pane, "load_running", False)
        if pilot.app.focused is not None and pane in pilot.app.focused.ancestors_with_self and not loading:
            return


@pytest.mark.parametrize("built", [False, True], ids=["at-once", "panes-built-hidden"])
def test_every_switch_shows_the_pane_with_the_focus_and_the_footer_keys_in_it(db_path, today, built):
    assert len(set(pairwise(TOUR))) == 30 == len(TOUR) - 1  # each switch once

    async def scenario(pilot):
        app = pilot.app
        if built:  # the keys come once the hidden panes have been built
            for _ in range(100):
                await pilot.pause(0.02)
                if all(pane.loaded for pane in app.query(LazyPane)):
                    break
            assert all(pane.loaded for pane in app.query(LazyPane))
        for pane_id in TOUR[1:]:
            await pilot.press(KEYS[pane_id])
            pane = app.query_one(f"#{pane_id}", JournalPane)
            await settled(pilot, pane)
            await pilot.pause(0.1)  # anything handed on late would have switched back by now
            assert app.query_one(TabbedContent).active == pane_id, f"asked for {PANES[pane_id]}"
            assert app.focused is not None and pane in app.focused.ancestors_with_self, pane_id
            shown = {binding.action for _, binding in pane.palette_keys() if binding.show}
            assert shown <= footer_actions(app), pane_id  # the footer shows the keys of the pane shown

    drive(make_app(db_path, today), scenario)


def test_the_footer_keeps_its_keys_while_the_keys_shown_are_the_same(db_path, today):
    async def scenario(pilot):
        app = pilot.app
        footer = app.query_one(KeysFooter)
        await pilot.pause(0.1)
        before = footer.keys_on_show()
        assert before
        for _ in range(3):
            app.screen.refresh_bindings()  # what every change of focus does
            await pilot.press("down")  # the cursor moves within the day: the same keys
            await pilot.pause(0.05)
        assert footer.keys_on_show() == before  # the same widgets: not composed again
        await pilot.press("f3")
        await settled(pilot, app.query_one("#checklist", JournalPane))
        await pilot.pause(0.1)
        # The Checklist's keys, as a footer composed anew would show them: a key an action, in order.
        expected, seen = [], set()
        for _, binding, enabled, _ in app.screen.active_bindings.values():
            if (binding.show or binding.key == app.COMMAND_PALETTE_BINDING) and binding.action not in seen:
                seen.add(binding.action)
                expected.append((app.get_key_display(binding), binding.description, binding.action, not enabled))
        keys = footer.keys_on_show()
        shown = [(key.key_display, key.description, key.action, key.has_class("-disabled")) for key in keys]
        assert shown == expected
        assert not set(footer.keys_on_show()[:-1]) & set(before)  # the palette's key stays
        await pilot.press("f2")
        await settled(pilot, app.query_one("#today", JournalPane))
        await pilot.pause(0.1)
        assert footer.keys_on_show() == before  # back on Today, its keys as they were drawn

    drive(make_app(db_path, today), scenario)


def test_the_app_hands_the_collector_back_once_its_first_frame_is_drawn(db_path, today):
    import gc

    from journal.startup import hold_collector

    seen = []

    async def scenario(pilot):
        await pilot.pause()
        seen.append((gc.isenabled(), gc.get_freeze_count() > 0))

    hold_collector()
    try:
        assert not gc.isenabled()
        drive(make_app(db_path, today), scenario)
    finally:
        gc.enable()
        gc.unfreeze()
    assert seen == [(True, True)]


def test_the_hidden_panes_wait_while_the_runner_is_at_the_keys(db_path, today, monkeypatch):
    monkeypatch.setattr("journal.ui.app.PREPARE_AFTER", 0.3)

    async def scenario(pilot):
        panes = list(pilot.app.query(LazyPane))
        for step in range(12):  # a key every 0.1 s: never 0.3 s without one
            await pilot.press("down" if step % 2 else "up")
            await pilot.pause(0.1)
            assert not any(pane.loaded for pane in panes)
        for _ in range(100):
            await pilot.pause(0.05)
            if all(pane.loaded and not pane.load_running for pane in panes):
                break
        assert all(pane.loaded for pane in panes)
        assert all(not pane.stale for pane in panes if pane.DRAWN_HIDDEN)  # drawn, hidden
        assert type(pilot.app.focused).__name__ == "ScoreSheet"  # the focus stayed where it was

    drive(make_app(db_path, today), scenario)


@pytest.mark.parametrize("pane_id", ["checklist", "trends", "review"])
def test_a_pane_shown_while_it_is_being_built_in_the_background_waits_for_it(db_path, today, pane_id, monkeypatch):
    monkeypatch.setattr("journal.ui.app.PREPARE_AFTER", 60.0)  # the test starts the build itself

    async def scenario(pilot):
        app = pilot.app
        pane = app.query_one(f"#{pane_id}", LazyPane)
        assert not pane.loaded
        gate = asyncio.Event()
        build = pane.first_show

        async def slow_build() -> None:  # a build still under way when the runner asks for the pane
            await gate.wait()
            await build()

        pane.first_show = slow_build  # type: ignore[method-assign]
        building = asyncio.ensure_future(pane.prepare())  # what the app does once the journal is on screen
        app.action_show_pane(pane_id)  # the runner's key, while the build waits
        await asyncio.sleep(0.1)  # the pane is shown (the app runs on: nothing here waits for it to be idle)
        gate.set()
        await building
        await settled(pilot, pane)
        assert app.query_one(TabbedContent).active == pane_id
        assert app.focused is not None and pane in app.focused.ancestors_with_self
        assert pane.loaded and not pane.stale  # built once, and drawn as it was shown

    drive(make_app(db_path, today), scenario)


def test_no_pane_is_built_in_the_background_while_a_pane_reads_its_data(db_path, today, monkeypatch):
    """Building a pane holds the interpreter's lock that the thread reading a pane's data needs: the builds wait."""
    import threading

    from journal.ui.panes.trends import TrendsPane

    reading = threading.Event()
    read = TrendsPane._read
    monkeypatch.setattr(TrendsPane, "_read", lambda pane, span, width: (reading.wait(5), read(pane, span, width))[1])

    async def scenario(pilot):
        app = pilot.app
        await pilot.press("f5")  # soon after the start: the builds in the background have a turn or none
        built = [pane.id for pane in app.query(LazyPane) if pane.loaded]
        assert app.query_one(TrendsPane).load_running and len(built) < len(app.query(LazyPane))
        await pilot.pause(0.5)  # the builds' first turn, and several after it, while the range is read
        assert [pane.id for pane in app.query(LazyPane) if pane.loaded] == built
        reading.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if all(pane.loaded for pane in app.query(LazyPane)):
                break
        assert all(pane.loaded for pane in app.query(LazyPane)), "built once the range was drawn"

    drive(make_app(db_path, today), scenario)


def test_a_change_made_in_one_pane_is_drawn_in_another_already_drawn(db_path, today):
    """A pane drawn once keeps what it drew while nothing changes; a change saved in another pane is drawn
    when it is next shown (a rest day saved on Today lowers the week's targets on Checklist)."""
    from journal.ui.panes.checklist import ChecklistPane
    from tests.ui.helpers import fill, settle

    app = make_app(db_path, today)

    def figure(pane: ChecklistPane) -> str:
        return str(pane.query_one("#week-figure").render())

    async def scenario(pilot):
        await pilot.press("f3")
        pane = await settle(pilot, ChecklistPane)
        await pilot.press("space")  # a tick, so that the week's figure has something to move
        pane = await settle(pilot, ChecklistPane)
        ticked = figure(pane)
        await pilot.press("f2")
        await pilot.pause()
        await fill(pilot, "day_type", "r")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f3")
        pane = await settle(pilot, ChecklistPane)
        shown = figure(pane)
        pane.load()  # what a fresh reading of the journal draws
        pane = await settle(pilot, ChecklistPane)
        assert shown == figure(pane) != ticked

    drive(app, scenario)


def test_a_pane_built_hidden_is_drawn_when_shown_after_a_scroll(db_path, today):
    """After a scroll, Textual can miss the Show of a pane switched to (its map is made again, lazily, with
    the pane in it, when the focus moves there); the pane is drawn all the same, as the tab activates it."""
    from journal.ui.panes.checklist import ChecklistPane

    async def scenario(pilot):
        app = pilot.app
        for _ in range(100):
            await pilot.pause(0.02)
            if all(pane.loaded for pane in app.query(LazyPane)):
                break
        # The form is longer than 24 lines: its foot in view, then its head again.
        app.query_one("#sessions").focus()
        await pilot.pause(0.2)
        app.query_one("#scores").focus()
        await pilot.pause(0.5)
        await pilot.press("f3")
        pane = app.query_one(ChecklistPane)
        await settled(pilot, pane)
        for _ in range(50):
            await pilot.pause(0.02)
            if not pane.load_running and str(pane.query_one("#week-label").render()):
                break
        assert not pane.stale
        assert str(pane.query_one("#week-label").render()).startswith(f"{today.isocalendar().year}-W")

    drive(make_app(db_path, today), scenario, size=(100, 24))


def test_the_app_closes_cleanly_while_a_hidden_pane_is_made_ready(db_path, today, monkeypatch):
    """Closing removes the widgets from the bottom up: a pane built hidden just before must not then be drawn
    (it would find its own widgets gone, and the app would end in a traceback)."""
    from journal.ui.panes.checklist import ChecklistPane

    monkeypatch.setattr("journal.ui.app.PREPARE_AFTER", 0.01)
    monkeypatch.setattr("journal.ui.app.PREPARE_QUIET", 0.01)
    built = asyncio.Event()
    first_show = ChecklistPane.first_show

    async def build_then_wait(pane):
        await first_show(pane)
        built.set()
        await asyncio.sleep(0.1)  # the app closes meanwhile

    monkeypatch.setattr(ChecklistPane, "first_show", build_then_wait)

    async def scenario(pilot):
        await asyncio.wait_for(built.wait(), 5)  # the runner quits as the Checklist is made ready, hidden

    drive(make_app(db_path, today), scenario)
