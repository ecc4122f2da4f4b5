"""What the runner sees, pinned: the Today pane at 80x24 on a fixed day."""

import datetime as dt

from journal.store import open_journal
from journal.store.demo import fill_demo
from tests.conftest import TODAY
from journal.ui.app import create_app
from journal.ui.panes.review import ReviewPane
from journal.ui.panes.trends import TrendsPane
from tests.ui.helpers import make_app, settle, steady_cursors


def demo_journal(db_path):
    with open_journal(db_path) as journal:
        fill_demo(journal, TODAY, 84, seed=1)
        with journal.transaction() as conn:  # "saved 07:42", whenever the test runs
            conn.execute("UPDATE entries SET updated_at = '2026-11-26T07:42:00'")


def test_today_pane(snap_compare, db_path):
    demo_journal(db_path)
    assert snap_compare(make_app(db_path), terminal_size=(80, 24), run_before=steady_cursors)


def test_today_pane_with_an_invalid_value(snap_compare, db_path):
    demo_journal(db_path)
    assert snap_compare(
        make_app(db_path), terminal_size=(100, 30), run_before=steady_cursors, press=["down", "down", "7"]
    )


def test_unsaved_changes_dialog(snap_compare, db_path):
    demo_journal(db_path)
    assert snap_compare(
        make_app(db_path), terminal_size=(80, 24), run_before=steady_cursors, press=["down", "9", "alt+left"]
    )


def test_checklist_pane(snap_compare, db_path):
    demo_journal(db_path)
    assert snap_compare(
        make_app(db_path), terminal_size=(80, 24), run_before=steady_cursors, press=["f3", "down", "right"]
    )


def test_goals_board(snap_compare, db_path):
    demo_journal(db_path)
    from journal.domain.goals import Assessment, propose
    from journal.store.goals import move_goal, save_assessment

    with open_journal(db_path) as journal:
        assessment = Assessment(TODAY, "Valencia marathon", faded=True, pain_sites=("knee",))
        goals = save_assessment(journal, assessment, propose(assessment, TODAY), today=TODAY - dt.timedelta(days=40))
        move_goal(journal, goals[0].id, "doing", today=TODAY)
        move_goal(journal, goals[-1].id, "done", today=TODAY)
    assert snap_compare(make_app(db_path), terminal_size=(100, 30), run_before=steady_cursors, press=["f4"])


def test_trends_pane(snap_compare, db_path):
    demo_journal(db_path)

    async def show_trends(pilot):
        steady_cursors(pilot)
        await pilot.press("f5", "2")  # 90 days: the race, the knee settling, the weeks coming back
        await settle(pilot, TrendsPane, lambda pane: pane.range == "90d" and pane.trends is not None)

    assert snap_compare(make_app(db_path), terminal_size=(100, 30), run_before=show_trends)


def test_weekly_review(snap_compare, db_path):
    demo_journal(db_path)

    async def show_review(pilot):
        steady_cursors(pilot)
        await pilot.press("f6")
        await settle(pilot, ReviewPane)
        await pilot.press("alt+left")

    assert snap_compare(make_app(db_path), terminal_size=(80, 24), run_before=show_review)


def test_today_pane_in_the_light_theme(snap_compare, db_path):
    demo_journal(db_path)
    app = create_app(open_journal(db_path), today=TODAY, theme="offseason-light")
    assert snap_compare(app, terminal_size=(80, 24), run_before=steady_cursors)


def test_trends_pane_in_the_light_theme(snap_compare, db_path):
    demo_journal(db_path)

    async def show_trends(pilot):
        steady_cursors(pilot)
        await pilot.press("f5", "2")
        await settle(pilot, TrendsPane, lambda pane: pane.range == "90d" and pane.trends is not None)

    app = create_app(open_journal(db_path), today=TODAY, theme="offseason-light")
    assert snap_compare(app, terminal_size=(100, 30), run_before=show_trends)
