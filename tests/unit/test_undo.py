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
from tests.conftest import TODAY
from tests.content import journal_content

DAY = dt.timedelta(days=1)


def board(journal):
    return [(goal.title, goal.status, goal.position, goal.done_on) for goal in list_goals(journal)]


def save_day(history, journal, entry):
    history.record(f"saved {entry.date}", ("today", entry.date), day_scopes(entry.date),
                   lambda: save_entry(journal, entry))


def test_a_saved_day_is_undone_to_what_it_was_then_redone(journal):
    history = History(journal)
    save_entry(journal, DayEntry(TODAY, sleep_hours=7, mood=3, pain={("knee", "left"): 2}))
    stamp = last_saved(journal, TODAY)
    before = get_entry(journal, TODAY)
    changed = DayEntry(TODAY, sleep_hours=8.5, mood=4, note="easy", pain={("knee", "left"): 5, ("ankle", "right"): 1})
    save_day(history, journal, changed)

    change = history.undo()
    assert change.what == f"saved {TODAY}" and change.place == ("today", TODAY)
    assert get_entry(journal, TODAY) == before
    assert last_saved(journal, TODAY) == stamp  # the day's "saved at" comes back too
    assert history.redo() is change
    assert get_entry(journal, TODAY) == changed
    assert history.undo() is change and get_entry(journal, TODAY) == before


def test_undoing_a_first_save_leaves_the_day_unlogged(journal):
    history = History(journal)
    save_day(history, journal, DayEntry(TODAY, mood=2, pain={("knee", "left"): 3}))
    history.undo()
    assert get_entry(journal, TODAY).is_empty
    assert journal.conn.execute("SELECT count(*) FROM pain").fetchone()[0] == 0


def test_a_day_changed_elsewhere_since_is_not_undone(journal, db_path):
    history = History(journal)
    save_day(history, journal, DayEntry(TODAY, mood=2))
    with open_journal(db_path) as other:  # another window, or a journal command
        save_entry(other, DayEntry(TODAY, mood=5, note="from the phone"))
    with pytest.raises(ChangedElsewhere, match="changed elsewhere since; nothing was undone"):
        history.undo()
    assert get_entry(journal, TODAY) == DayEntry(TODAY, mood=5, note="from the phone")
    assert history.undo() is None  # that change is gone from the history, not tried again


def test_changes_are_undone_newest_first_and_a_new_change_ends_redo(journal):
    history = History(journal)
    for offset, mood in enumerate((1, 2, 3)):
        save_day(history, journal, DayEntry(TODAY - offset * DAY, mood=mood))
    assert [history.undo().place[1] for _ in range(2)] == [TODAY - 2 * DAY, TODAY - DAY]
    assert get_entry(journal, TODAY).mood == 1 and get_entry(journal, TODAY - DAY).is_empty
    save_day(history, journal, DayEntry(TODAY - 5 * DAY, mood=4))
    assert history.redo() is None
    assert [history.undo().place[1] for _ in range(2)] == [TODAY - 5 * DAY, TODAY]
    assert history.undo() is None


def test_a_write_that_changes_nothing_is_not_recorded(journal):
    history = History(journal)
    item = list_items(journal)[0]
    set_tick(journal, item.id, TODAY, True)
    assert history.record("ticked", ("checklist", TODAY), tick_scopes(item.id, TODAY),
                          lambda: set_tick(journal, item.id, TODAY, True)) is False
    assert history.undo() is None


def test_the_history_keeps_the_latest_changes(journal):
    history = History(journal)
    for offset in range(HISTORY + 5):
        save_day(history, journal, DayEntry(TODAY - offset * DAY, mood=3))
    assert len(history.done) == HISTORY
    assert history.done[0].place[1] == TODAY - 5 * DAY


def test_a_tick_before_the_item_began_leaves_its_start_and_is_undone(journal):
    history = History(journal)
    item = list_items(journal)[0]
    early = item.created_on - 10 * DAY
    history.record("ticked", ("checklist", early), tick_scopes(item.id, early),
                   lambda: set_tick(journal, item.id, early, True, note="10 x 20 s"))
    assert list_items(journal)[0] == item, "a tick never moves the item's start"
    history.undo()
    assert list_items(journal)[0] == item
    assert ticks_between(journal, early, TODAY) == {}
    history.redo()
    assert ticks_between(journal, early, TODAY) == {(item.id, early): "10 x 20 s"}


def test_a_note_added_to_a_tick_is_undone_back_to_the_bare_tick(journal):
    history = History(journal)
    item = list_items(journal)[0]
    set_tick(journal, item.id, TODAY, True)
    history.record("note", ("checklist", TODAY), tick_scopes(item.id, TODAY),
                   lambda: set_tick(journal, item.id, TODAY, True, note="felt sharp"))
    history.undo()
    assert ticks_between(journal, TODAY, TODAY) == {(item.id, TODAY): ""}


def test_a_moved_card_goes_back_to_its_place_and_its_done_day(journal):
    history = History(journal)
    first = add_goal(journal, Goal("Hip strength", "strength"), today=TODAY - 30 * DAY)
    add_goal(journal, Goal("Cadence drills", "technique"), today=TODAY)
    move_goal(journal, first.id, "done", today=TODAY - 3 * DAY)
    before = board(journal)
    history.record("moved", ("goals", first.id), GOALS, lambda: move_goal(journal, first.id, "doing", today=TODAY))
    history.record("moved", ("goals", first.id), GOALS,
                   lambda: move_goal(journal, first.id, "todo", today=TODAY, position=0))
    history.undo()
    history.undo()
    assert board(journal) == before  # done three days ago, not today


def test_a_deleted_goal_comes_back_with_its_id(journal):
    history = History(journal)
    goal = add_goal(journal, Goal("Hip strength", "strength"), today=TODAY)
    history.record("deleted", ("goals", None), GOALS, lambda: remove_goal(journal, goal.id))
    history.undo()
    assert list_goals(journal) == [goal]


def test_a_failed_write_records_nothing_and_changes_nothing(journal, db_path):
    history = History(journal)
    save_entry(journal, DayEntry(TODAY, mood=3))
    before = journal_content(db_path)  # rows, not the file's bytes: the log holds the committed write
    with pytest.raises(ChangedElsewhere):  # opened at mood 1, changed to 3 elsewhere, to 4 here: a clash
        history.record(f"saved {TODAY}", ("today", TODAY), day_scopes(TODAY),
                       lambda: update_entry(journal, TODAY, EntryChange(values={"mood": 4}),
                                            since=DayEntry(TODAY, mood=1)))
    assert history.done == []
    assert journal_content(db_path) == before


def test_an_undo_that_would_orphan_rows_added_since_changes_nothing(journal):
    history = History(journal)
    history.record("site", ("today", None), SITES, lambda: add_site(journal, "groin", sided=True))
    save_entry(journal, DayEntry(TODAY, pain={("groin", "left"): 2}))  # not in the history
    with pytest.raises(ChangedElsewhere, match="depends on"):
        history.undo()
    assert get_entry(journal, TODAY).pain == {("groin", "left"): 2}
    assert journal.conn.execute("SELECT count(*) FROM sites WHERE name = 'groin'").fetchone()[0] == 1
