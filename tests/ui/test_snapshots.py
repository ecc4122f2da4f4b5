"""What the runner sees, pinned: every pane in a dark and a light theme, on a fixed day."""

import datetime as dt

import pytest

from journal.store import open_journal
from journal.store.demo import fill_demo
from journal.ui.app import create_app
from journal.ui.panes.goals import GoalsPane
from journal.ui.panes.review import ReviewPane
from journal.ui.panes.trends import TrendsPane
from tests.ui.helpers import make_app, settle, steady_cursors


def demo_journal(db_path, today):
    with open_journal(db_path) as journal:
        fill_demo(journal, today, 84, seed=1)
        with journal.transaction() as conn:  # "saved 07:42", whenever the test runs
            conn.execute("UPDATE entries SET updated_at = ?", (f"{today.isoformat()}T07:42:00",))


def with_goals(db_path, today):
    from journal.domain.goals import Assessment, propose
    from journal.store.goals import move_goal, save_assessment

    with open_journal(db_path) as journal:
        assessment = Assessment(today, "Valencia marathon", faded=True, pain_sites=("knee",))
        goals = save_assessment(journal, assessment, propose(assessment, today), today=today - dt.timedelta(days=40))
        move_goal(journal, goals[0].id, "doing", today=today)
        move_goal(journal, goals[-1].id, "done", today=today)


async def show_checklist(pilot):
    await pilot.press("f3", "down")


async def show_goals(pilot):
    await pilot.press("f4")
    await settle(pilot, GoalsPane)


async def show_trends(pilot):
    await pilot.press("f5", "2")  # 90 days: the race, the knee settling, the weeks coming back
    await settle(pilot, TrendsPane, lambda pane: pane.range == "90d" and pane.trends is not None)


async def show_review(pilot):
    await pilot.press("f6")
    pane = await settle(pilot, ReviewPane)
    this_week = pane.start
    await pilot.press("alt+left")  # the week before: drawn by the pane's worker
    await settle(pilot, ReviewPane, lambda pane: pane.start == this_week - dt.timedelta(days=7))


async def show_today(pilot):
    pass


PANES = {
    "today": show_today,
    "checklist": show_checklist,
    "goals": show_goals,
    "trends": show_trends,
    "review": show_review,
}


@pytest.mark.parametrize(
    ("pane", "theme", "size"),
    [
        # Each pane in the dark theme at a roomy size, and in the light one at the smallest: 80x24.
        *(
            pytest.param(
                pane,
                "offseason-dark",
                (80, 24) if pane in ("today", "checklist", "review") else (100, 30),
                id=f"{pane}-dark",
            )
            for pane in PANES
        ),
        *(pytest.param(pane, "offseason-light", (80, 24), id=f"{pane}-light") for pane in PANES),
    ],
)
def test_pane(snap_compare, db_path, pane, theme, size, today):
    demo_journal(db_path, today)
    with_goals(db_path, today)

    async def show(pilot):
        steady_cursors(pilot)
        await PANES[pane](pilot)

    app = create_app(open_journal(db_path), today=today, theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=show)


def test_today_pane_with_an_invalid_value(snap_compare, db_path, today):
    demo_journal(db_path, today)
    assert snap_compare(
        make_app(db_path, today), terminal_size=(100, 30), run_before=steady_cursors, press=["down", "down", "7"]
    )


def test_unsaved_changes_dialog(snap_compare, db_path, today):
    demo_journal(db_path, today)
    assert snap_compare(
        make_app(db_path, today), terminal_size=(80, 24), run_before=steady_cursors, press=["down", "9", "alt+left"]
    )


def test_the_welcome_on_a_first_start(snap_compare, db_path, today):
    app = create_app(open_journal(db_path), today=today, welcome=True)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steady_cursors)
