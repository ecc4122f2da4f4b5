"""Checklist items and their ticks."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import replace

from journal.dates import week_start
from journal.domain.checklist import (
    ChecklistItem,
    Week,
    parse_description,
    parse_kind,
    parse_target,
    parse_title,
    week_completion,
)
from journal.domain.scales import SHORT_TEXT_MAX, parse_text
from journal.errors import InvalidInput
from journal.store.db import Journal, Row, inserted_id
from journal.store.settings import first_weekday

_COLUMNS = "id, title, kind, description, target, position, created_on, retired_on"


def _item(row: Row) -> ChecklistItem:
    id_, title, kind, description, target, position, created_on, retired_on = row
    return ChecklistItem(
        title=title,
        kind=kind,
        target=target,
        description=description,
        id=id_,
        position=position,
        created_on=dt.date.fromisoformat(created_on),
        retired_on=dt.date.fromisoformat(retired_on) if retired_on else None,
    )


def list_items(journal: Journal, *, include_retired: bool = True) -> list[ChecklistItem]:
    """Items in the runner's order; retired ones last."""
    return read_items(journal.conn, include_retired)


def read_items(conn: sqlite3.Connection, include_retired: bool = True) -> list[ChecklistItem]:
    where = "" if include_retired else "WHERE retired_on IS NULL"
    rows = conn.execute(f"SELECT {_COLUMNS} FROM checklist_items {where} ORDER BY retired_on IS NOT NULL, position, id")
    return _with_targets(conn, [_item(row) for row in rows])


def _with_targets(conn: sqlite3.Connection, items: list[ChecklistItem]) -> list[ChecklistItem]:
    history: dict[int, list[tuple[dt.date, int]]] = {}
    for item_id, since, target in conn.execute("SELECT item_id, since, target FROM item_targets ORDER BY since"):
        history.setdefault(item_id, []).append((dt.date.fromisoformat(since), target))
    return [replace(item, targets=tuple(history.get(item.number, ()))) for item in items]


def read_item(conn: sqlite3.Connection, item_id: int) -> ChecklistItem:
    row = conn.execute(f"SELECT {_COLUMNS} FROM checklist_items WHERE id = ?", [item_id]).fetchone()
    if row is None:
        raise InvalidInput(f"there is no checklist item {item_id}")
    return _with_targets(conn, [_item(row)])[0]


def _check_title_is_new(conn: sqlite3.Connection, title: str, item_id: int | None = None) -> None:
    taken = conn.execute(
        "SELECT id FROM checklist_items WHERE lower(title) = lower(?) AND retired_on IS NULL AND id IS NOT ?",
        [title, item_id],
    ).fetchone()
    if taken:
        raise InvalidInput(f"there is already an item called {title!r} (number {taken[0]})")


def _move_first_target(conn: sqlite3.Connection, day: dt.date) -> None:
    """Items backdated to `day` had their first target from then."""
    conn.execute(
        "UPDATE item_targets SET since = ? WHERE since > ? AND since ="
        " (SELECT min(since) FROM item_targets AS first WHERE first.item_id = item_targets.item_id)",
        [day.isoformat(), day.isoformat()],
    )


def write_target(conn: sqlite3.Connection, item_id: int, since: dt.date, target: int) -> None:
    conn.execute(
        "INSERT INTO item_targets (item_id, since, target) VALUES (?, ?, ?)"
        " ON CONFLICT (item_id, since) DO UPDATE SET target = excluded.target",
        [item_id, since.isoformat(), target],
    )


def add_item(
    journal: Journal,
    title: str,
    *,
    kind: str = "other",
    target: int | str = 1,
    description: str = "",
    today: dt.date,
) -> ChecklistItem:
    """A new item at the end of the list, counting from `today`."""
    with journal.transaction() as conn:
        return insert_item(conn, title, kind=kind, target=target, description=description, today=today)


def insert_item(
    conn: sqlite3.Connection,
    title: str,
    *,
    kind: str,
    target: int | str,
    description: str = "",
    today: dt.date,
) -> ChecklistItem:
    """Add an item inside the caller's transaction (see `add_item`)."""
    title, kind, target = parse_title(title), parse_kind(kind), parse_target(target)
    description = parse_description(description)
    _check_title_is_new(conn, title)
    position = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM checklist_items").fetchone()[0]
    cursor = conn.execute(
        "INSERT INTO checklist_items (title, kind, description, target, position, created_on)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [title, kind, description, target, position, today.isoformat()],
    )
    item_id = inserted_id(cursor)
    write_target(conn, item_id, today, target)
    return read_item(conn, item_id)


def update_item(
    journal: Journal,
    item_id: int,
    *,
    title: str | None = None,
    kind: str | None = None,
    target: int | str | None = None,
    description: str | None = None,
    today: dt.date,
) -> ChecklistItem:
    """Rename, re-target, re-kind or re-describe an item; what is not given stays.

    A new target counts from the week holding `today`; earlier weeks keep theirs.
    """
    new_title = None if title is None else parse_title(title)
    new_kind = None if kind is None else parse_kind(kind)
    new_target = None if target is None else parse_target(target)
    new_description = None if description is None else parse_description(description)
    changes: dict[str, str | int] = {
        name: value
        for name, value in (
            ("title", new_title),
            ("kind", new_kind),
            ("target", new_target),
            ("description", new_description),
        )
        if value is not None
    }
    with journal.transaction() as conn:
        item = read_item(conn, item_id)
        if new_kind is not None and new_kind != item.kind and "rest" in (item.kind, new_kind):
            _check_no_past_weeks(conn, item, week_start(today, first_weekday(journal)))
        if new_title is not None:
            _check_title_is_new(conn, new_title, item_id)
        if new_target is not None:
            if item.targets and item.targets[0][0] == today and item.targets[0][1] != new_target:
                # Changed on the day it was added: the weeks before keep the target it was added with
                # (a week before an item was added counts it, when ticked, with its first target).
                conn.execute(
                    "UPDATE item_targets SET since = ? WHERE item_id = ? AND since = ?",
                    [(today - dt.timedelta(days=1)).isoformat(), item_id, today.isoformat()],
                )
            write_target(conn, item_id, today, new_target)
        if changes:
            assignments = ", ".join(f"{name} = ?" for name in changes)
            conn.execute(f"UPDATE checklist_items SET {assignments} WHERE id = ?", [*changes.values(), item_id])
        return read_item(conn, item_id)


def _check_no_past_weeks(conn: sqlite3.Connection, item: ChecklistItem, this_week: dt.date) -> None:
    """A rest item's target is not lowered by rest days, other items' are: a kind changed to or from rest
    would change every past week with an off day in it, so it is taken only before the item has one."""
    earlier = conn.execute(
        "SELECT 1 FROM ticks WHERE item_id = ? AND date < ? LIMIT 1", [item.id, this_week.isoformat()]
    ).fetchone()
    if item.created_on < this_week or earlier:
        raise InvalidInput(
            f"{item.title} has past weeks, whose figures a change to or from rest would rewrite:"
            " retire it and add a new item of the kind you want"
        )


def move_item(journal: Journal, item_id: int, offset: int) -> ChecklistItem:
    """Move an item up (negative) or down (positive) among the items in use."""
    with journal.transaction() as conn:
        items = read_items(conn, include_retired=False)
        index = next((i for i, item in enumerate(items) if item.id == item_id), None)
        if index is None:
            raise InvalidInput("a retired item has no place in the list to move")
        items.insert(max(0, min(len(items) - 1, index + offset)), items.pop(index))
        conn.executemany(
            "UPDATE checklist_items SET position = ? WHERE id = ?", [(p, item.id) for p, item in enumerate(items)]
        )
        return read_item(conn, item_id)


def retire_item(journal: Journal, item_id: int, *, today: dt.date) -> ChecklistItem:
    """Take an item off the checklist from this week on; its ticks stay in the history."""
    with journal.transaction() as conn:
        item = read_item(conn, item_id)
        if item.retired_on is not None:
            raise InvalidInput(f"{item.title} was retired on {item.retired_on}")
        conn.execute("UPDATE checklist_items SET retired_on = ? WHERE id = ?", [today.isoformat(), item_id])
        return read_item(conn, item_id)


def remove_item(journal: Journal, item_id: int, *, today: dt.date) -> ChecklistItem:
    """Delete an item added by mistake: never ticked, and added this week (it has no past week to rewrite)."""
    with journal.transaction() as conn:
        item = read_item(conn, item_id)
        if item.created_on < week_start(today, first_weekday(journal)):
            raise InvalidInput(
                f"{item.title} counts in past weeks since {item.created_on}: retire it instead,"
                " which keeps those weeks as they were"
            )
        ticks = conn.execute("SELECT count(*) FROM ticks WHERE item_id = ?", [item_id]).fetchone()[0]
        if ticks:
            raise InvalidInput(f"{item.title} has {ticks} tick{'s' if ticks != 1 else ''}: retire it instead")
        from journal.store.goal_rows import refuse_if_measured

        refuse_if_measured(conn, item.title, item_id=item_id)
        conn.execute("DELETE FROM item_targets WHERE item_id = ?", [item_id])
        conn.execute("DELETE FROM checklist_items WHERE id = ?", [item_id])
        return item


def ticks_between(journal: Journal, start: dt.date, end: dt.date) -> dict[tuple[int, dt.date], str]:
    """Every tick from `start` to `end`: (item id, date) -> its note."""
    rows = journal.conn.execute(
        "SELECT item_id, date, note FROM ticks WHERE date BETWEEN ? AND ?", [start.isoformat(), end.isoformat()]
    )
    return {(item_id, dt.date.fromisoformat(date)): note for item_id, date, note in rows}


def set_tick(journal: Journal, item_id: int, day: dt.date, done: bool, *, note: str = "") -> bool:
    """Tick (or untick) an item on a day; True when that changed anything.

    A tick never moves the item's start: one before the item was added counts in its own
    week alone, so a tick or an untick changes no other week's figure.
    """
    note = parse_text(note.strip(), "a tick's note", SHORT_TEXT_MAX)
    with journal.transaction() as conn:
        item = read_item(conn, item_id)
        if done and item.retired_on is not None and day >= item.retired_on:
            raise InvalidInput(f"{item.title} was retired on {item.retired_on}: it cannot be ticked after that")
        if done:
            before = conn.total_changes
            conn.execute(
                "INSERT INTO ticks (item_id, date, note) VALUES (?, ?, ?)"
                " ON CONFLICT (item_id, date) DO UPDATE SET note = excluded.note WHERE excluded.note != ''",
                [item_id, day.isoformat(), note],
            )
            return conn.total_changes != before
        cursor = conn.execute("DELETE FROM ticks WHERE item_id = ? AND date = ?", [item_id, day.isoformat()])
        return cursor.rowcount > 0


def day_types_between(journal: Journal, start: dt.date, end: dt.date) -> dict[dt.date, str]:
    """The type of every logged day that is not a normal one."""
    rows = journal.conn.execute(
        "SELECT date, day_type FROM entries WHERE date BETWEEN ? AND ? AND day_type != 'normal'",
        [start.isoformat(), end.isoformat()],
    )
    return {dt.date.fromisoformat(date): day_type for date, day_type in rows}


def load_week(journal: Journal, start: dt.date) -> Week:
    end = start + dt.timedelta(days=6)
    ticks = ticks_between(journal, start, end)
    day_types = day_types_between(journal, start, end)
    completion = week_completion(start, list_items(journal), set(ticks), day_types)
    return Week(completion, ticks, day_types)


def completion_history(journal: Journal, last_start: dt.date, weeks: int = 12) -> list[float | None]:
    """The overall completion of `weeks` weeks ending with the one starting `last_start`, oldest first."""
    first_start = last_start - dt.timedelta(days=7 * (weeks - 1))
    end = last_start + dt.timedelta(days=6)
    ticked = set(ticks_between(journal, first_start, end))
    day_types = day_types_between(journal, first_start, end)
    items = list_items(journal)
    starts = [first_start + dt.timedelta(days=7 * offset) for offset in range(weeks)]
    return [week_completion(start, items, ticked, day_types).ratio for start in starts]


def save_ticks(journal: Journal, ticks: Iterable[tuple[int, dt.date]], *, items_from: dt.date | None = None) -> int:
    """Store many ticks in one transaction (the demo); `items_from` backdates the items to that day.

    Backdating is a start the demo chooses, not something its ticks imply: ticks never move a start.
    """
    with journal.transaction() as conn:
        if items_from is not None:
            conn.execute("UPDATE checklist_items SET created_on = min(created_on, ?)", [items_from.isoformat()])
            _move_first_target(conn, items_from)
        cursor = conn.executemany(
            "INSERT OR IGNORE INTO ticks (item_id, date) VALUES (?, ?)",
            ((item, day.isoformat()) for item, day in ticks),
        )
        return cursor.rowcount
