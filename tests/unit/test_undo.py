"""Undo and redo: a change comes back exactly, and a change made elsewhere since is never overwritten."""

import datetime as dt

import pytest

from journal.domain.entries import DayEntry, EntryChange
from journal.domain.goals import Goal
from journal.errors import ChangedElsewhere
from journal.store import open_journal
from journal.store.checklist import list_items, set_tick, ticks_between
from journal.store.entries import get_entry, last_saved, save_entry, update_entry
from journal.store.goals import add_goal, list_goals, move_goal, remove_goal
from journal.store.sites import add_site
from journal.store.undo import GOALS, HISTORY, SITES, History, day_scopes, tick_scopes
from tests.content import journal_content

DAY = dt.timedelta(days=1)


def board(journal):
    return [(goal.title, goal.status, goal.position, goal.done_on) for goal in list_goals(journal)]


def save_day(history, journal, entry):
    history.record(
        f"saved {entry.date}", ("today", entry.date), day_scopes(entry.date), lambda: save_entry(journal, entry)
    )


def test_a_saved_day_is_undone_to_what_it_was_then_redone(journal, today):
    history = History(journal)
    save_entry(journal, DayEntry(today, sleep_hours=7, mood=3, pain={("knee", "left"): 2}))
    stamp = last_saved(journal, today)
    before = get_entry(journal, today)
    changed = DayEntry(today, sleep_hours=8.5, mood=4, note="easy", pain={("knee", "left"): 5, ("ankle", "right"): 1})
    save_day(history, journal, changed)

    change = history.undo()
    assert change.what == f"saved {today}" and change.place == ("today", today)
    assert get_entry(journal, today) == before
    assert last_saved(journal, today) == stamp  # the day's "saved at" comes back too
    assert history.redo() is change
    assert get_entry(journal, today) == changed
    assert history.undo() is change and get_entry(journal, today) == before


def test_undoing_a_first_save_leaves_the_day_unlogged(journal, today):
    history = History(journal)
    save_day(history, journal, DayEntry(today, mood=2, pain={("knee", "left"): 3}))
    history.undo()
    assert get_entry(journal, today).is_empty
    assert journal.conn.execute("SELECT count(*) FROM pain").fetchone()[0] == 0


def test_a_day_changed_elsewhere_since_is_not_undone(journal, db_path, today):
    history = History(journal)
    save_day(history, journal, DayEntry(today, mood=2))
    with open_journal(db_path) as other:  # another window, or a journal command
        save_entry(other, DayEntry(today, mood=5, note="from the phone"))
    with pytest.raises(ChangedElsewhere, match="changed elsewhere since; nothing was undone"):
        history.undo()
    assert get_entry(journal, today) == DayEntry(today, mood=5, note="from the phone")
    assert history.undo() is None  # that change is gone from the history, not tried again


def test_changes_are_undone_newest_first_and_a_new_change_ends_redo(journal, today):
    history = History(journal)
    for offset, mood in enumerate((1, 2, 3)):
        save_day(history, journal, DayEntry(today - offset * DAY, mood=mood))
    assert [history.undo().place[1] for _ in range(2)] == [today - 2 * DAY, today - DAY]
    assert get_entry(journal, today).mood == 1 and get_entry(journal, today - DAY).is_empty
    save_day(history, journal, DayEntry(today - 5 * DAY, mood=4))
    assert history.redo() is None
    assert [history.undo().place[1] for _ in range(2)] == [today - 5 * DAY, today]
    assert history.undo() is None


def test_a_write_that_changes_nothing_is_not_recorded(journal, today):
    history = History(journal)
    item = list_items(journal)[0]
    set_tick(journal, item.id, today, True)
    assert (
        history.record(
            "ticked", ("checklist", today), tick_scopes(item.id, today), lambda: set_tick(journal, item.id, today, True)
        )
        is False
    )
    assert history.undo() is None


def test_the_history_keeps_the_latest_changes(journal, today):
    history = History(journal)
    for offset in range(HISTORY + 5):
        save_day(history, journal, DayEntry(today - offset * DAY, mood=3))
    assert len(history.done) == HISTORY
    assert history.done[0].place[1] == today - 5 * DAY


def test_a_tick_before_the_item_began_leaves_its_start_and_is_undone(journal, today):
    history = History(journal)
    item = list_items(journal)[0]
    early = item.created_on - 10 * DAY
    history.record(
        "ticked",
        ("checklist", early),
        tick_scopes(item.id, early),
        lambda: set_tick(journal, item.id, early, True, note="10 x 20 s"),
    )
    assert list_items(journal)[0] == item, "a tick never moves the item's start"
    history.undo()
    assert list_items(journal)[0] == item
    assert ticks_between(journal, early, today) == {}
    history.redo()
    assert ticks_between(journal, early, today) == {(item.id, early): "10 x 20 s"}


def test_a_note_added_to_a_tick_is_undone_back_to_the_bare_tick(journal, today):
    history = History(journal)
    item = list_items(journal)[0]
    set_tick(journal, item.id, today, True)
    history.record(
        "note",
        ("checklist", today),
        tick_scopes(item.id, today),
        lambda: set_tick(journal, item.id, today, True, note="felt sharp"),
    )
    history.undo()
    assert ticks_between(journal, today, today) == {(item.id, today): ""}


def test_a_moved_card_goes_back_to_its_place_and_its_done_day(journal, today):
    history = History(journal)
    first = add_goal(journal, Goal("Hip strength", "strength"), today=today - 30 * DAY)
    add_goal(journal, Goal("Cadence drills", "technique"), today=today)
    move_goal(journal, first.id, "done", today=today - 3 * DAY)
    before = board(journal)
    history.record("moved", ("goals", first.id), GOALS, lambda: move_goal(journal, first.id, "doing", today=today))
    history.record(
        "moved", ("goals", first.id), GOALS, lambda: move_goal(journal, first.id, "todo", today=today, position=0)
    )
    history.undo()
    history.undo()
    assert board(journal) == before  # done three days ago, not today


def test_a_deleted_goal_comes_back_with_its_id(journal, today):
    history = History(journal)
    goal = add_goal(journal, Goal("Hip strength", "strength"), today=today)
    history.record("deleted", ("goals", None), GOALS, lambda: remove_goal(journal, goal.id))
    history.undo()
    assert list_goals(journal) == [goal]


def test_a_failed_write_records_nothing_and_changes_nothing(journal, db_path, today):
    history = History(journal)
    save_entry(journal, DayEntry(today, mood=3))
    before = journal_content(db_path)  # rows, not the file's bytes: the log holds the committed write
    with pytest.raises(ChangedElsewhere):  # opened at mood 1, changed to 3 elsewhere, to 4 here: a clash
        history.record(
            f"saved {today}",
            ("today", today),
            day_scopes(today),
            lambda: update_entry(journal, today, EntryChange(values={"mood": 4}), since=DayEntry(today, mood=1)),
        )
    assert history.done == []
    assert journal_content(db_path) == before


def test_an_undo_that_would_orphan_rows_added_since_changes_nothing(journal, today):
    history = History(journal)
    history.record("site", ("today", None), SITES, lambda: add_site(journal, "groin", sided=True))
    save_entry(journal, DayEntry(today, pain={("groin", "left"): 2}))  # not in the history
    with pytest.raises(ChangedElsewhere, match="depends on"):
        history.undo()
    assert get_entry(journal, today).pain == {("groin", "left"): 2}
    assert journal.conn.execute("SELECT count(*) FROM sites WHERE name = 'groin'").fetchone()[0] == 1
