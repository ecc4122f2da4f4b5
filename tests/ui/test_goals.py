import datetime as dt

import pytest
from textual.widgets import Checkbox, Input, Static, TabbedContent

from journal.domain.goals import Goal
from journal.store import open_journal
from journal.store.goals import add_goal, list_goals
from journal.ui.panes.goals import GoalsPane
from journal.ui.screens.dialogs import ChoiceScreen
from journal.ui.screens.goal_forms import AssessmentScreen, GoalFormScreen
from journal.ui.widgets.goal_card import GoalCard
from tests.ui.helpers import drive, make_app, type_text


def goals(db_path):
    with open_journal(db_path) as journal:
        return [(goal.title, goal.status) for goal in list_goals(journal)]


def with_goals(db_path, today, *titles):
    with open_journal(db_path) as journal:
        for title in titles:
            due = today - dt.timedelta(days=1) if title == "Overdue" else None
            add_goal(journal, Goal(title, due=due), today=today)


async def open_goals(pilot):
    await pilot.press("f4")
    for _ in range(150):
        await pilot.pause(0.02)
        if pilot.app.query_one(GoalsPane).loaded and isinstance(pilot.app.focused, (GoalCard, GoalsPane)):
            break
    assert pilot.app.query_one(TabbedContent).active == "goals"


def count_draws(pane):
    """The theme in force at each of the pane's draws from now on."""
    drawn = []
    draw = pane.draw

    async def counted():
        drawn.append(pane.app.theme)
        await draw()

    pane.draw = counted
    return drawn


async def settle(pilot):
    for _ in range(5):
        await pilot.pause(0.02)


def test_move_and_reorder_cards_with_the_keyboard(db_path, today):
    with_goals(db_path, today, "Blood work", "Sleep more", "Hill sprints")

    async def scenario(pilot):
        await open_goals(pilot)
        assert pilot.app.focused.goal.title == "Blood work"
        await pilot.press("shift+right")
        await settle(pilot)
        assert pilot.app.focused.goal.title == "Blood work", "the moved card keeps the focus"
        await pilot.press("shift+right")  # on to Done
        await settle(pilot)
        await pilot.press("left", "left")  # back to To do
        await settle(pilot)
        await pilot.press("down", "shift+up")  # Hill sprints above Sleep more
        await settle(pilot)

    drive(make_app(db_path, today), scenario)
    assert goals(db_path) == [("Hill sprints", "todo"), ("Sleep more", "todo"), ("Blood work", "done")]


def test_move_a_card_with_the_mouse(db_path, today):
    with_goals(db_path, today, "Blood work")

    async def scenario(pilot):
        await open_goals(pilot)
        card = pilot.app.focused
        right_arrow = card.content_region.x - card.region.x + card.size.width - 1
        await pilot.click(card, offset=(right_arrow, 0))
        await settle(pilot)

    drive(make_app(db_path, today), scenario)
    assert goals(db_path) == [("Blood work", "doing")]


def test_add_with_validation_and_delete_with_confirmation(db_path, today):
    with_goals(db_path, today, "Overdue")

    async def scenario(pilot):
        await open_goals(pilot)
        assert "1 overdue" in str(pilot.app.query_one("#goals-bar", Static).render())
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, GoalFormScreen)
        await type_text(pilot, "See the physio")
        pilot.app.screen.query_one("#goal-due", Input).value = "someday"
        await pilot.press("enter")
        await settle(pilot)
        assert "cannot read 'someday'" in str(pilot.app.screen.query_one("#form-error", Static).render())
        pilot.app.screen.query_one("#goal-due", Input).value = "friday"
        await pilot.click("#save")
        await settle(pilot)
        assert pilot.app.focused.goal.title == "See the physio"
        assert pilot.app.focused.goal.due == dt.date(2026, 11, 27), "a due date may lie ahead"
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await pilot.press("y")
        await settle(pilot)

    drive(make_app(db_path, today), scenario)
    assert goals(db_path) == [("Overdue", "todo")]


def test_the_season_assessment_from_the_pane(db_path, today):
    async def scenario(pilot):
        await pilot.press("f4")
        await settle(pilot)
        assert "No goals yet" in str(pilot.app.query_one("#goals-bar", Static).render())
        await pilot.press("s")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, AssessmentScreen)
        screen.query_one("#faded", Checkbox).value = True
        screen.query_one("#pain-sites", Input).value = "knee"
        screen.query_one("#propose").press()
        await settle(pilot)
        screen.query_one("#keep-1", Checkbox).value = False  # not the knee goal
        screen.query_one("#keep-2", Checkbox).value = False  # nor the scan
        screen.query_one("#title-0", Input).value = "Strength and a kick for the last miles"
        screen.query_one("#accept").press()
        await settle(pilot)
        assert not isinstance(pilot.app.screen, AssessmentScreen)

    drive(make_app(db_path, today), scenario)
    assert [title for title, _ in goals(db_path)] == [
        "Strength and a kick for the last miles",
        "Sleep to your need",
        "See the doctor: blood work and a stress test",
        "Book rehab appointments",
    ]


def test_dropped_goals_are_hidden_but_reachable(db_path, today):
    with_goals(db_path, today, "Old idea")
    with open_journal(db_path) as journal:
        from journal.store.goals import move_goal

        move_goal(journal, list_goals(journal)[0].id, "dropped", today=today)

    async def scenario(pilot):
        await pilot.press("f4")
        await settle(pilot)
        assert not pilot.app.query(GoalCard)
        assert "1 dropped (d shows them)" in str(pilot.app.query_one("#goals-bar", Static).render())
        assert isinstance(pilot.app.focused, GoalsPane), "an empty board keeps its keys"
        await pilot.press("d")
        await settle(pilot)
        assert [card.goal.title for card in pilot.app.query(GoalCard)] == ["Old idea"]

    drive(make_app(db_path, today), scenario)


def test_after_a_delete_the_focus_stays_in_place(db_path, today):
    with_goals(db_path, today, "First", "Second", "Third")

    async def scenario(pilot):
        await open_goals(pilot)
        await pilot.press("down", "delete")
        await settle(pilot)
        await pilot.press("enter")  # the dialog's default is to keep the goal
        await settle(pilot)
        assert pilot.app.focused.goal.title == "Second"
        await pilot.press("delete", "y")
        await settle(pilot)
        assert pilot.app.focused.goal.title == "Third", "the next card down takes the focus"

    drive(make_app(db_path, today), scenario)
    assert [title for title, _ in goals(db_path)] == ["First", "Third"]


def test_the_assessment_takes_typing_at_once(db_path, today):
    async def scenario(pilot):
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        await type_text(pilot, "Valencia marathon")
        assert pilot.app.screen.query_one("#looks-back-on", Input).value == "Valencia marathon"
        assert not pilot.app.screen.query_one("#cramping", Checkbox).value
        await pilot.press("escape")
        await settle(pilot)

    drive(make_app(db_path, today), scenario)


def test_a_note_of_several_lines_is_edited_whole(db_path, today):
    from textual.widgets import TextArea

    note = "line one\nline two [/]\n\nline four"
    with open_journal(db_path) as journal:
        add_goal(journal, Goal("Blood work", note=note), today=today)

    async def scenario(pilot):
        await open_goals(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(pilot.app.screen, GoalFormScreen)
        assert pilot.app.screen.query_one("#goal-note", TextArea).text == note  # every line on show
        pilot.app.screen.query_one("#goal-title", Input).value = "Blood work and a stress test"
        pilot.app.screen.query_one("#save").press()
        await settle(pilot)
        with open_journal(db_path) as journal:
            saved = list_goals(journal)[0]
        assert (saved.title, saved.note) == ("Blood work and a stress test", note)

    drive(make_app(db_path, today), scenario)


def test_the_arrows_move_between_cards_in_a_column_taller_than_the_screen(db_path, today):
    titles = [f"Goal {number}" for number in range(1, 9)]
    with_goals(db_path, today, *titles)

    async def scenario(pilot):
        await open_goals(pilot)
        for _ in range(6):
            await pilot.press("down")
        await settle(pilot)
        assert isinstance(pilot.app.focused, GoalCard) and pilot.app.focused.goal.title == "Goal 7"
        assert pilot.app.focused.region.height and pilot.app.screen.region.contains_region(pilot.app.focused.region)

    drive(make_app(db_path, today), scenario, size=(80, 24))


def test_keys_pressed_while_the_board_is_redrawn_act_on_the_board_as_saved(db_path, today):
    """Two moves at once: the second waits for the board the first one draws, so it never writes the
    card's old status back."""
    from textual import events

    with_goals(db_path, today, "Alpha", "Beta")

    async def scenario(pilot):
        await open_goals(pilot)
        assert pilot.app.focused.goal.title == "Alpha"
        for key in ("shift+right", "shift+down"):  # in the same moment: the redraw of the first is still to come
            pilot.app.post_message(events.Key(key, None))
        for _ in range(10):
            await settle(pilot)
            await pilot.app.workers.wait_for_complete()

    drive(make_app(db_path, today), scenario)
    assert dict(goals(db_path))["Alpha"] == "doing"


def test_loads_cancelled_while_the_old_board_is_removed_leave_the_app_working(db_path, today):
    """A redraw cancelled mid-removal lets the removal finish (lazy.uncancelled): the app's own tasks,
    which the removal shares, are never cancelled with it, so keys still land afterwards."""
    import asyncio

    with_goals(db_path, today, "Alpha", "Beta", "Gamma")

    async def scenario(pilot):
        await open_goals(pilot)
        pane = pilot.app.query_one(GoalsPane)
        for n in range(60):
            pane.load()
            await asyncio.sleep(n % 7 / 1000)
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert [card.goal.title for card in pane.query(GoalCard)] == ["Alpha", "Beta", "Gamma"]
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, GoalFormScreen), "the app still takes keys"

    drive(make_app(db_path, today), scenario)


def test_the_board_is_read_again_on_show_only_when_the_journal_changed(db_path, today):
    """Back to Goals with nothing changed: the board stays as drawn (a switch back is instant); with a goal
    added elsewhere meanwhile, it is read again as it is shown."""
    with_goals(db_path, today, "Alpha")

    async def scenario(pilot):
        await open_goals(pilot)
        pane = pilot.app.query_one(GoalsPane)
        drawn = count_draws(pane)
        await pilot.press("f2", "f4")
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        assert drawn == [], "nothing changed: the board is not read again"
        await pilot.press("f2")
        with_goals(db_path, today, "From the command line")
        await pilot.press("f4")
        for _ in range(5):
            await settle(pilot)
            await pilot.app.workers.wait_for_complete()
        assert len(drawn) == 1
        assert [card.goal.title for card in pane.query(GoalCard)] == ["Alpha", "From the command line"]

    drive(make_app(db_path, today), scenario)


def test_a_new_theme_draws_the_board_again_in_its_colours(db_path, today):
    with_goals(db_path, today, "Alpha")

    async def scenario(pilot):
        await open_goals(pilot)
        pane = pilot.app.query_one(GoalsPane)
        drawn = count_draws(pane)
        pilot.app.theme = "offseason-light"
        for _ in range(5):
            await settle(pilot)
            await pilot.app.workers.wait_for_complete()
        assert drawn == ["offseason-light"], "drawn once, in the new theme"

    drive(make_app(db_path, today), scenario)


def test_a_goal_added_below_the_fold_is_scrolled_into_view(db_path, today):
    with_goals(db_path, today, *(f"Goal {n}" for n in range(1, 15)))

    async def scenario(pilot):
        await open_goals(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "The newest goal")
        await pilot.press("enter")
        for _ in range(5):
            await settle(pilot)
            await pilot.app.workers.wait_for_complete()
        card = pilot.app.focused
        assert card.goal.title == "The newest goal"
        assert pilot.app.screen.region.contains_region(card.region), "the card in focus is on screen"

    drive(make_app(db_path, today), scenario)


def test_back_on_the_board_its_card_has_the_focus_again(db_path, today):
    """A switch back with nothing changed draws nothing, yet the card in focus before takes the focus again,
    so the board's keys work at once."""
    with_goals(db_path, today, "First", "Second")

    async def scenario(pilot):
        await open_goals(pilot)
        await pilot.press("down")
        await settle(pilot)
        await pilot.press("f2", "f4")
        await settle(pilot)
        assert isinstance(pilot.app.focused, GoalCard) and pilot.app.focused.goal.title == "Second"
        await pilot.press("shift+right")
        await settle(pilot)

    drive(make_app(db_path, today), scenario)
    assert goals(db_path) == [("First", "todo"), ("Second", "doing")]


def board(pane):
    """The titles on the board, column by column, as drawn (a card or column on its way out is not on it)."""
    from journal.ui.panes.goals import GoalColumn

    columns = [column for column in pane.query(GoalColumn) if not column.leaving]
    return [[card.goal.title for card in column.cards.live()] for column in columns]


def test_the_board_is_drawn_again_in_place(db_path, today):
    """A change draws the board again by keeping the cards of the goals still in their column (each showing
    its goal as it is now) and mounting or removing only the others, in their places."""
    with_goals(db_path, today, "Alpha", "Beta", "Gamma", "Delta")

    async def scenario(pilot):
        await open_goals(pilot)
        pane = pilot.app.query_one(GoalsPane)
        before = {card.goal.title: card for card in pane.query(GoalCard)}
        await pilot.press("shift+right")  # Alpha to Doing
        await settle(pilot)
        await pilot.press("left", "down", "shift+down")  # Gamma below Delta
        await settle(pilot)
        assert board(pane) == [["Beta", "Delta", "Gamma"], ["Alpha"], []]
        after = {card.goal.title: card for card in pane.query(GoalCard)}
        assert [title for title in before if after[title] is before[title]] == ["Beta", "Gamma", "Delta"]
        assert pilot.app.focused is after["Gamma"]
        with open_journal(db_path) as journal:
            from journal.store.goals import update_goal

            update_goal(journal, list_goals(journal)[0].id, title="Beta, renamed elsewhere")
        pane.journal_changed()
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        assert board(pane) == [["Beta, renamed elsewhere", "Delta", "Gamma"], ["Alpha"], []]
        assert "Beta, renamed elsewhere" in str(pane.query(GoalCard).first().render())
        assert pane.query(GoalCard).first() is before["Beta"]
        await pilot.press("d", "d")  # the dropped goals' column, shown and hidden again
        await settle(pilot)
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert len(board(pane)) == 3 and len(pane.query(".goal-column")) == 3

    drive(make_app(db_path, today), scenario)


@pytest.mark.parametrize(
    "theme",
    [
        "offseason-light",  # another background: Textual restyles the cards too
        "dark-variant",  # a runner's variant, the same background with another colour for "overdue": only we know
    ],
)
def test_a_new_theme_colours_the_cards_as_new_ones(db_path, today, theme):
    """The cards kept through a change of theme are drawn in its colours, as a card made in it is."""
    from dataclasses import replace

    with_goals(db_path, today, "Overdue", "Alpha")

    def lines(card):
        return [[(segment.text, segment.style) for segment in card.render_line(y)] for y in range(card.size.height)]

    async def scenario(pilot):
        app = pilot.app
        app.register_theme(replace(app.available_themes["offseason-dark"], name="dark-variant", error="#FF00FF"))
        await open_goals(pilot)
        await pilot.press("down")  # the card compared is not the one in focus
        await settle(pilot)
        card = app.query(GoalCard).first()
        assert card.goal.title == "Overdue"
        old = lines(card)
        app.theme = theme
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        fresh = GoalCard(card.goal, card.progress, card.today)
        await card.parent.mount(fresh)
        await settle(pilot)
        assert lines(card) == lines(fresh) != old

    drive(make_app(db_path, today), scenario)
