"""The runner's own words are shown as written: text that looks like markup never breaks or restyles the app."""

from __future__ import annotations

from textual.widgets import Static

from journal.domain.entries import DayEntry
from journal.domain.goals import Goal
from journal.store import open_journal
from journal.store.checklist import add_item, list_items, set_tick
from journal.store.entries import save_entry
from journal.store.goals import add_goal
from journal.store.sites import add_site
from journal.ui.panes.checklist import ChecklistPane
from journal.ui.panes.goals import GoalsPane
from journal.ui.panes.review import ReviewPane
from journal.ui.screens.dialogs import ChoiceScreen
from tests.ui.helpers import drive, make_app, notifications, settle

WORDS = "[/] [b]not bold[/b] [link=x]"


def test_bracketed_text_in_every_field_is_shown_as_written(db_path, today):
    with open_journal(db_path) as journal:
        add_site(journal, "groin", label="Groin [/b]")
        save_entry(journal, DayEntry(today, mood=3, note=WORDS, pain={("groin", "left"): 2}))
        item = add_item(journal, f"Hills {WORDS}", kind="intervals", target=1, description=WORDS, today=today)
        set_tick(journal, item.id, today, True, note=WORDS)
        add_goal(journal, Goal(f"Sleep {WORDS}", note=WORDS), today=today)

    async def scenario(pilot):
        app = pilot.app
        app.query_one("TodayPane").notify(f"Saved {WORDS}")  # a notice naming a title: shown as written
        await pilot.pause()
        notice = next(notice for notice in notifications(app) if notice.message == f"Saved {WORDS}")
        assert not notice.markup  # a toast shows such a notice as plain text
        # Today: the note preview and the hint of the site's row.
        sheet = app.query_one("ScoreSheet")
        sheet.move_to("pain:groin:left")
        await pilot.pause()
        assert "Groin [/b]" in str(app.query_one("#cell-hint", Static).render())
        # Checklist: the item's title, description and tick note under the cursor.
        await pilot.press("f3")
        pane = await settle(pilot, ChecklistPane)
        with open_journal(db_path) as journal:
            hills = next(
                index
                for index, each in enumerate(list_items(journal, include_retired=False))
                if each.title.startswith("Hills")
            )
        for _ in range(hills):
            await pilot.press("down")
        await pilot.pause()
        assert WORDS in str(pane.query_one("#item-about", Static).render())
        # Untick asks first, quoting the tick's note.
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        # Goals: the card; deleting asks with the title.
        await pilot.press("f4")
        await settle(pilot, GoalsPane)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        assert f"Sleep {WORDS}" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("escape")
        await pilot.press("e")  # the form's heading names the goal
        await pilot.pause()
        assert f"Sleep {WORDS}" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("escape")
        await pilot.press("f3")
        await settle(pilot, ChecklistPane)
        await pilot.press("n")  # the tick note's dialog names the item
        await pilot.pause()
        assert f"Hills {WORDS}" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("escape")
        await pilot.press("e")
        await pilot.pause()
        assert f"Hills {WORDS}" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("escape")
        await pilot.press("f6")
        await settle(pilot, ReviewPane)
        await pilot.press("f2")
        await pilot.pause()
        assert app.is_running

    drive(make_app(db_path, today), scenario)
