"""The weekly checklist: `journal check` and `uncheck` a day, `journal checklist` a week, `journal items` to manage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journal.cli.common import JournalFile, Whole, argument, command, echo, group, option, parse_day, today
from journal.errors import InvalidInput

if TYPE_CHECKING:
    from journal.domain.checklist import ChecklistItem


def _number(item: ChecklistItem) -> int:
    """An item read from the journal, which always has its number."""
    assert item.id is not None
    return item.id


@command(
    argument("item"),
    argument("date", required=False),
    option("--note", default="", help="A short note for the tick."),
)
def check(journal_file: JournalFile, item: str, date: str | None, note: str) -> None:
    """Tick a checklist item as done on a day (default today).

    journal check strength
    journal check 3 yesterday --note "10 x 20 s, felt sharp"
    """
    _tick(journal_file, item, date, done=True, note=note)


@command(argument("item"), argument("date", required=False))
def uncheck(journal_file: JournalFile, item: str, date: str | None) -> None:
    """Take back a tick (default today): `journal uncheck strides yesterday`."""
    _tick(journal_file, item, date, done=False)


def _tick(journal_file: JournalFile, item_text: str, date: str | None, *, done: bool, note: str = "") -> None:
    from journal.dates import describe_day
    from journal.domain.checklist import resolve_item
    from journal.store.checklist import list_items, set_tick

    day = parse_day(date, default=today(), allow_future=not done)  # a tick dated ahead of the clock can be taken back
    journal = journal_file.open(create=False)
    item = resolve_item(item_text, list_items(journal))
    changed = set_tick(journal, _number(item), day, done, note=note)
    if done:
        what = ("ticked, with the note" if note else "ticked") if changed else "already ticked"
    else:
        what = "unticked" if changed else "was not ticked"
    echo(f"{item.title}: {what} on {describe_day(day, today())}")


@command(argument("week", required=False))
def checklist(journal_file: JournalFile, week: str | None) -> None:
    """The week's checklist (default this week): WEEK is 2026-W48, this, last or a date in it."""
    from journal.dates import parse_week
    from journal.render.checklist import checklist_view
    from journal.store.checklist import load_week
    from journal.store.settings import first_weekday

    journal = journal_file.open(create=False)
    first = first_weekday(journal)
    start = parse_week(week or "this", today=today(), first_weekday=first)
    echo(checklist_view(load_week(journal, start), first, today()))


@group()
def items(journal_file: JournalFile, subcommand: str | None) -> None:
    """List checklist items; add, edit, move, retire or remove one."""
    if subcommand is None:
        from journal.store.checklist import list_items

        for item in list_items(journal_file.open(create=False)):
            retired = f"  (retired {item.retired_on})" if item.retired_on else ""
            description = f"  {item.description}" if item.description else ""
            echo(f"{item.id:>3}  {item.title:<24} {item.kind:<12} {item.target}x/week{description}{retired}")


@items.command(
    "add",
    argument("title"),
    option("--target", required=True, metavar="1-7", help="Times a week."),
    option(
        "--kind",
        default="other",
        show_default=True,
        metavar="KIND",
        help="strength, plyometrics, intervals, strides, technique, rehab, rest, mind or other.",
    ),
    option("--description", default="", help='What it is, for example "400 m run / 200 m walk x 6".'),
)
def items_add(journal_file: JournalFile, title: str, target: str, kind: str, description: str) -> None:
    """Add an item: `journal items add "Hill sprints" --target 1 --kind intervals`."""
    from journal.domain.checklist import parse_kind, parse_target, parse_title
    from journal.store.checklist import add_item

    parse_title(title), parse_target(target), parse_kind(kind)  # checked before a journal is created
    item = add_item(journal_file.open(), title, kind=kind, target=target, description=description, today=today())
    echo(f"added {item.id} {item.title} ({item.kind}, {item.target}x a week)")


@items.command(
    "edit",
    argument("item"),
    option("--title", help="A new title."),
    option("--target", metavar="1-7", help="A new target per week."),
    option("--kind", metavar="KIND", help="A new kind."),
    option("--description", help="A new description."),
)
def items_edit(
    journal_file: JournalFile,
    item: str,
    title: str | None,
    target: str | None,
    kind: str | None,
    description: str | None,
) -> None:
    """Rename, re-target or re-describe an item: `journal items edit strides --target 3`."""
    from journal.domain.checklist import resolve_item
    from journal.store.checklist import list_items, update_item

    if title is None and target is None and kind is None and description is None:
        raise InvalidInput("nothing to change: give --title, --target, --kind or --description")
    journal = journal_file.open(create=False)
    found = resolve_item(item, list_items(journal))
    changed = update_item(
        journal, _number(found), title=title, kind=kind, target=target, description=description, today=today()
    )
    echo(f"{changed.id} {changed.title} ({changed.kind}, {changed.target}x a week)")


@items.command(
    "move",
    argument("item"),
    option(
        "--to",
        dest="place",
        type=Whole(1),
        required=True,
        metavar="PLACE",
        help="Its place in the list, 1 for the top.",
    ),
)
def items_move(journal_file: JournalFile, item: str, place: int) -> None:
    """Move an item to a place in the list: `journal items move "rest day" --to 1`."""
    from journal.domain.checklist import resolve_item
    from journal.store.checklist import list_items, move_item

    journal = journal_file.open(create=False)
    in_use = list_items(journal, include_retired=False)
    found = resolve_item(item, in_use)
    move_item(journal, _number(found), place - 1 - in_use.index(found))
    echo(", ".join(f"{i.id} {i.title}" for i in list_items(journal, include_retired=False)))


@items.command("remove", argument("item"))
def items_remove(journal_file: JournalFile, item: str) -> None:
    """Delete an item that was never ticked (one added by mistake); retire one with ticks."""
    from journal.domain.checklist import resolve_item
    from journal.store.checklist import list_items, remove_item

    journal = journal_file.open(create=False)
    removed = remove_item(journal, _number(resolve_item(item, list_items(journal))), today=today())
    echo(f"removed {removed.title}")


@items.command("retire", argument("item"))
def items_retire(journal_file: JournalFile, item: str) -> None:
    """Take an item off the weeks to come; its ticks stay in the history."""
    from journal.domain.checklist import resolve_item
    from journal.store.checklist import list_items, retire_item

    journal = journal_file.open(create=False)
    found = resolve_item(item, list_items(journal))
    retired = retire_item(journal, _number(found), today=today())
    echo(f"retired {retired.title} from {retired.retired_on}: it leaves the checklist from this week; its ticks stay")
