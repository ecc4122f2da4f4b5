import datetime as dt

import pytest
from textual.widgets import Static, TabbedContent

from journal.domain.entries import DayEntry
from journal.store import open_journal
from journal.store.checklist import list_items, set_tick, ticks_between
from journal.store.entries import save_entry
from journal.ui.panes.checklist import ChecklistPane
from journal.ui.screens.dialogs import ChoiceScreen
from journal.ui.screens.item_form import ItemFormScreen
from journal.ui.widgets.week_grid import CELL_WIDTH, HEADER_ROWS, TITLE_WIDTH, WeekGrid
from tests.ui.helpers import drive, make_app, type_text


@pytest.fixture
def monday(today):
    """The Monday of today's week."""
    return today - dt.timedelta(days=today.weekday())


def ticks(db_path, today):
    """Every tick from four weeks before this week's Monday to `today`."""
    monday = today - dt.timedelta(days=today.weekday())
    with open_journal(db_path) as journal:
        return set(ticks_between(journal, monday - dt.timedelta(days=28), today))


def items(db_path):
    with open_journal(db_path) as journal:
        return list_items(journal)


async def open_checklist(pilot):
    await pilot.press("f3")
    for _ in range(150):  # the pane reads its week when it is first shown
        await pilot.pause(0.02)
        if pilot.app.query_one(ChecklistPane).loaded and pilot.app.focused is pilot.app.query_one(WeekGrid):
            break
    assert pilot.app.query_one(TabbedContent).active == "checklist"
    return pilot.app.query_one(WeekGrid)


def text_of(pilot, selector) -> str:
    return str(pilot.app.query_one(selector, Static).render())


def test_tick_and_untick_with_the_keyboard(db_path, today):
    strength = None

    async def scenario(pilot):
        nonlocal strength
        grid = await open_checklist(pilot)
        strength = grid.current.item
        assert grid.current_day == today, "the cursor starts on today"
        await pilot.press("left", "space")  # Wednesday
        await pilot.pause()
        assert text_of(pilot, "#week-figure") == "7% done so far"
        await pilot.press("right", "enter", "left", "space")  # tick Thursday, untick Wednesday
        await pilot.pause()

    drive(make_app(db_path, today), scenario)
    assert ticks(db_path, today) == {(strength.id, today)}


def test_tick_with_a_click_and_refuse_the_future(db_path, today, monday):
    async def scenario(pilot):
        grid = await open_checklist(pilot)
        strides_row = next(i for i, p in enumerate(grid.rows) if p.item.title == "Strides")
        tuesday = TITLE_WIDTH + CELL_WIDTH * 1 + 2
        await pilot.click(WeekGrid, offset=(tuesday, HEADER_ROWS + strides_row))
        await pilot.pause()
        friday = TITLE_WIDTH + CELL_WIDTH * 4 + 2
        await pilot.click(WeekGrid, offset=(friday, HEADER_ROWS + strides_row))
        await pilot.pause()

    drive(make_app(db_path, today), scenario)
    strides = next(item for item in items(db_path) if item.title == "Strides")
    assert ticks(db_path, today) == {(strides.id, monday + dt.timedelta(days=1))}, "Friday has not happened"


def test_the_grid_shows_done_target_day_types_and_moves_between_weeks(db_path, today, monday):
    with open_journal(db_path) as journal:
        save_entry(journal, DayEntry(monday + dt.timedelta(days=1), day_type="sick"))
        strength = list_items(journal)[0]
        set_tick(journal, strength.id, monday, True)

    async def scenario(pilot):
        grid = await open_checklist(pilot)
        header = grid._header(2).plain
        assert "sick" in header
        first_row = grid._row(0).plain
        assert first_row.startswith(" Strength session") and "1/1.7" in first_row
        assert text_of(pilot, "#week-label") == "2026-W48 · 23–29 Nov 2026"
        await pilot.press("alt+left")
        await pilot.pause()
        assert text_of(pilot, "#week-label") == "2026-W47 · 16–22 Nov 2026"
        assert [p.item for p in grid.rows] == items(db_path), "the items, added this week, can be ticked here"
        assert all(p.target == 0 for p in grid.rows), "they ask for nothing in a week before they were added"
        await pilot.press("alt+right", "alt+right")
        await pilot.pause()
        assert text_of(pilot, "#week-label") == "2026-W48 · 23–29 Nov 2026", "no week after this one"
        await pilot.press("alt+left", "ctrl+t")
        await pilot.pause()
        assert text_of(pilot, "#week-label").startswith("2026-W48")

    drive(make_app(db_path, today), scenario)


def test_a_week_before_the_items_were_added_can_be_ticked(db_path, today, monday):
    last_tuesday = monday - dt.timedelta(days=6)
    strides = next(item for item in items(db_path) if item.title == "Strides")

    async def scenario(pilot):
        grid = await open_checklist(pilot)
        await pilot.press("alt+left")
        await pilot.pause()
        assert text_of(pilot, "#week-label") == "2026-W47 · 16–22 Nov 2026"
        assert "No checklist items" not in grid.line_text(HEADER_ROWS).plain
        row = next(i for i, p in enumerate(grid.rows) if p.item.id == strides.id)
        assert grid._row(row).plain.split()[-2:] == ["0/–", "–"], "it asks for nothing until ticked"
        await pilot.press(*["up"] * 10, *["down"] * row, *["left"] * 6, "right", "space")  # Tuesday
        await pilot.pause()
        assert grid.current_day == last_tuesday
        line = grid._row(row).plain
        assert line[TITLE_WIDTH + CELL_WIDTH : TITLE_WIDTH + 2 * CELL_WIDTH].strip() == "✓"
        assert line.split()[-2:] == ["1/2", "50%"], "ticked, it has its first target"
        assert text_of(pilot, "#week-figure") == "50% done"
        await pilot.press("right", "enter")  # and Wednesday, with enter
        await pilot.pause()
        assert grid._row(row).plain.split()[-2:] == ["2/2", "100%"]
        assert text_of(pilot, "#week-figure") == "100% done"

    drive(make_app(db_path, today), scenario)
    assert ticks(db_path, today) == {(strides.id, last_tuesday), (strides.id, last_tuesday + dt.timedelta(days=1))}
    assert next(item for item in items(db_path) if item.id == strides.id) == strides, "its start stays"


def test_add_edit_move_and_retire_items_from_the_pane(db_path, today):
    async def scenario(pilot):
        grid = await open_checklist(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ItemFormScreen)
        await type_text(pilot, "Hill sprints")
        pilot.app.screen.query_one("#item-target").value = "9"
        await pilot.press("enter")
        await pilot.pause()
        assert "from 1 to 7" in str(pilot.app.screen.query_one("#form-error", Static).render())
        pilot.app.screen.query_one("#item-target").value = "1"
        await pilot.click("#save")
        await pilot.pause()
        assert grid.current.item.title == "Hill sprints"
        await pilot.press("shift+up", "shift+up")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        pilot.app.screen.query_one("#item-target").value = "2"
        await pilot.click("#save")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press("y")
        await pilot.pause()

    drive(make_app(db_path, today), scenario)
    hills = next(item for item in items(db_path) if item.title == "Hill sprints")
    assert (hills.target, hills.retired_on) == (2, today)
    in_use = [item.title for item in items(db_path) if item.retired_on is None]
    assert "Hill sprints" not in in_use


def test_what_the_command_line_ticks_shows_up(db_path, today):
    async def scenario(pilot):
        grid = await open_checklist(pilot)
        with open_journal(db_path) as shell:
            set_tick(shell, list_items(shell)[0].id, today, True)
        pilot.app.check_outside_changes()
        await pilot.pause()
        assert (grid.rows[0].item.id, today) in grid.week.ticks

    drive(make_app(db_path, today), scenario)


def test_the_checklist_is_drawn_while_hidden_and_again_when_it_changed_meanwhile(db_path, today):
    async def scenario(pilot):
        pane = pilot.app.query_one(ChecklistPane)
        for _ in range(100):  # once the journal is on screen, the hidden panes are built and drawn, one by one
            await pilot.pause(0.02)
            if pane.loaded and pane.grid.week is not None and not pane.load_running:
                break
        assert pane.grid.week is not None and not pane.stale and not pane.display  # drawn, while hidden
        assert type(pilot.app.focused).__name__ == "ScoreSheet"  # the focus stayed on Today
        with open_journal(db_path) as shell:
            set_tick(shell, list_items(shell)[0].id, today, True)
        pilot.app.check_outside_changes()
        await pilot.pause()
        assert pane.stale  # hidden, it is drawn again as it is shown
        await pilot.press("f3")
        for _ in range(100):
            await pilot.pause(0.02)
            if not pane.stale and not pane.load_running:
                break
        assert (pane.grid.rows[0].item.id, today) in pane.grid.week.ticks
        assert pilot.app.focused is pane.grid

    drive(make_app(db_path, today), scenario)


def test_the_palette_reaches_the_checklist(db_path, today):
    async def scenario(pilot):
        commands = {command.title: command for command in pilot.app.get_system_commands(pilot.app.screen)}
        for expected in ("Show Today", "Show Checklist", "Add a checklist item", "Checklist: this week"):
            assert expected in commands
        commands["Add a checklist item"].callback()
        for _ in range(150):
            await pilot.pause(0.02)
            if isinstance(pilot.app.screen, ItemFormScreen):
                break
        assert isinstance(pilot.app.screen, ItemFormScreen)
        assert pilot.app.query_one(TabbedContent).active == "checklist"
        for _ in range(10):  # let the form finish mounting before it is closed
            await pilot.pause(0.02)
        await pilot.press("escape")
        await pilot.pause()

    drive(make_app(db_path, today), scenario)


def test_a_tick_with_a_note_and_unticking_it_asks_first(db_path, today):
    async def scenario(pilot):
        from journal.ui.screens.dialogs import TextScreen

        grid = await open_checklist(pilot)
        await pilot.press("n")  # Thursday: today
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextScreen)
        await type_text(pilot, "heavy squats")
        await pilot.press("enter")
        await pilot.pause()
        assert grid.week.ticks[(grid.current.item.id, today)] == "heavy squats"
        assert "note: heavy squats" in text_of(pilot, "#item-about")
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ChoiceScreen), "the note would go: ask first"
        await pilot.press("escape")
        await pilot.pause()
        assert (grid.current.item.id, today) in grid.week.ticks

    drive(make_app(db_path, today), scenario)
    assert len(ticks(db_path, today)) == 1


def test_a_new_week_start_set_elsewhere_is_followed(db_path, today):
    async def scenario(pilot):
        await open_checklist(pilot)
        with open_journal(db_path) as shell:
            from journal.store.settings import set_setting

            set_setting(shell, "week_start", "sunday")
        pilot.app.check_outside_changes()
        await pilot.pause()
        assert text_of(pilot, "#week-label") == "week of 22–28 Nov 2026"

    drive(make_app(db_path, today), scenario)


def test_the_twelve_weeks_are_drawn_on_a_fixed_scale():
    from journal.ui.panes.checklist import completion_bars

    assert completion_bars([None, 0.0, 0.43, 1.0, 1.3]) == "·▁▄██"


def test_the_arrows_beside_the_week_are_clickable(db_path, today):
    async def scenario(pilot):
        await open_checklist(pilot)
        await pilot.click("#previous-week")
        await pilot.pause()
        assert text_of(pilot, "#week-label").startswith("2026-W47")
        await pilot.click("#next-week")
        await pilot.pause()
        assert text_of(pilot, "#week-label").startswith("2026-W48")

    drive(make_app(db_path, today), scenario)


def test_a_tick_note_over_its_limit_is_said_in_the_dialog_not_dropped(db_path, today):
    from textual.widgets import Input

    from journal.ui.screens.dialogs import TextScreen
    from tests.ui.helpers import settle

    async def scenario(pilot):
        await pilot.press("f3")
        await settle(pilot, ChecklistPane)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextScreen)
        field = pilot.app.screen.query_one("#text", Input)
        field.insert_text_at_cursor("x" * 201)  # a paste one past the limit
        await pilot.pause()
        assert field.value == "x" * 201  # all of it, not silently nothing
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, TextScreen)
        assert "At most 200 characters; this is 201" in str(pilot.app.screen.query_one("#text-error").render())
        await pilot.press("backspace", "enter")
        await pilot.pause()
        with open_journal(db_path) as journal:
            assert list(ticks_between(journal, today, today).values()) == ["x" * 200]

    drive(make_app(db_path, today), scenario)


def test_space_twice_while_the_week_is_redrawn_ticks_and_unticks(db_path, today):
    """The second key waits for the week the first one draws: it unticks what the first ticked."""
    from textual import events

    async def scenario(pilot):
        await open_checklist(pilot)
        for _ in range(2):  # in the same moment: the redraw of the first is still to come
            pilot.app.post_message(events.Key("space", " "))
        for _ in range(10):
            await pilot.pause(0.02)
            await pilot.app.workers.wait_for_complete()

    drive(make_app(db_path, today), scenario)
    assert ticks(db_path, today) == set()
