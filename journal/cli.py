"""The `journal` command line. Only the bare `journal` command imports the app (and Textual)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import sqlite3
import sys
from pathlib import Path

import click

from journal import __version__, clock
from journal.config import journal_path
from journal.errors import BadRows, InvalidInput, JournalError

class _OnceCommand(click.Command):
    """A command whose single-valued options may be given once: `--mood 3 --mood 4` is a mistake, not "the last wins"."""

    def make_parser(self, ctx: click.Context):
        parser = super().make_parser(ctx)
        parse = parser.parse_args

        def parse_once(args):
            opts, rest, order = parse(args)
            seen: set[str | None] = set()
            for param in order:
                if isinstance(param, click.Option) and not param.multiple and not param.count:
                    if param.name in seen:
                        raise click.UsageError(f"{' / '.join(param.opts + param.secondary_opts)} is given"
                                               " more than once: give it once", ctx)
                    seen.add(param.name)
            return opts, rest, order

        parser.parse_args = parse_once
        return parser


class _OnceGroup(_OnceCommand, click.Group):
    command_class = _OnceCommand


_OnceGroup.group_class = _OnceGroup


class _Whole(click.IntRange):
    """A whole number in the digits 0-9 alone: click's own int also takes '٣', '1_0' and ' 2'."""

    name = "integer"

    def convert(self, value, param, ctx):
        from journal.domain.scales import is_number

        if isinstance(value, str) and not is_number(value.removeprefix("-")):
            self.fail(f"{value!r} is not a whole number written in the digits 0-9 (at most 18 of them)", param, ctx)
        return super().convert(value, param, ctx)


def _path(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """A path typed on the command line; an empty one is a mistake, not the current folder."""
    if value is None:
        return None
    if not value.strip():
        name = param.opts[0] if isinstance(param, click.Option) else param.human_readable_name
        raise InvalidInput(f"{name} is empty: give a path")
    return Path(value).expanduser()


db_option = click.option(
    "--db",
    "db_path",
    metavar="PATH",
    type=click.Path(path_type=Path),
    help="Journal file (default: $JOURNAL_DB, then the user-data folder).",
)


def _chosen_path(ctx: click.Context, db_path: Path | None) -> Path:
    """The journal file: --db may stand before or after the command name, once."""
    given, context = [db_path] if db_path is not None else [], ctx.parent
    while context is not None:
        if context.params.get("db_path") is not None:
            given.append(context.params["db_path"])
        context = context.parent
    if len(given) > 1:
        raise InvalidInput("--db is given more than once: give it once")
    return journal_path(given[0] if given else None)


def _open(ctx: click.Context, db_path: Path | None, *, create: bool = True, for_app: bool = False):
    """The journal the command works on; commands that only read never create one.

    A new journal is made under a hidden name beside its place and put in place only
    once the command has succeeded: a refused command leaves nothing behind, and no
    other program ever sees, or writes into, a journal that could be taken away.
    """
    from journal.store import open_journal

    path = _chosen_path(ctx, db_path)
    was_empty = path.is_file() and path.stat().st_size == 0
    if create and not for_app and (was_empty or not path.exists()):
        building = path.with_name(f".{path.name}.{os.getpid()}.new")
        _remove_with_logs(building)
        journal = open_journal(building, create=True)
        _MADE.append(_NewJournal(journal, building, path, was_empty, journal.commits))
        journal.path = path  # how it is named to the runner
    else:
        journal = open_journal(path, create=create)
    ctx.call_on_close(journal.close)
    return journal


@dataclasses.dataclass
class _NewJournal:
    journal: object
    building: Path
    place: Path
    was_empty: bool  # the place held an empty file, which the journal may take
    commits: int  # the journal's commits once made: more, and something was saved in it
    keep: bool = True  # False for a dry run: made to check, never put in place


_MADE: list[_NewJournal] = []


def _settle_new_journals(succeeded: bool) -> None:
    """Put the journals this command made in place once it succeeded, or saved something before it
    failed (its output could not be written); throw the others away."""
    made, _MADE[:] = list(_MADE), []
    for new in made:
        new.journal.close()  # the last connection: its log is folded into the file
        try:
            if new.keep and (succeeded or new.journal.commits > new.commits):
                if new.was_empty:
                    if new.place.stat().st_size:
                        raise FileExistsError
                    os.replace(new.building, new.place)
                else:
                    os.link(new.building, new.place)  # never over a journal another program made meanwhile
        except FileExistsError:
            raise InvalidInput(f"another program made {new.place} meanwhile, so this command's journal was"
                               " not put there: run the command again") from None
        finally:
            _remove_with_logs(new.building)


def _remove_with_logs(path: Path) -> None:
    from journal.files import with_companions

    for each in with_companions(path):
        each.unlink(missing_ok=True)


def _existing(ctx: click.Context, db_path: Path | None):
    """The journal when there is one, else None (no file, or an empty one): a bad file is refused here."""
    from journal.store.db import NoJournalYet

    try:
        return _open(ctx, db_path, create=False)
    except NoJournalYet:
        return None


def _today() -> dt.date:
    try:
        return clock.today()
    except ValueError as error:
        raise InvalidInput(str(error)) from None


def _date(text: str | None, *, default: dt.date | None = None, allow_future: bool = False) -> dt.date:
    """A date typed by the user; `allow_future` lets a range reach past today."""
    from journal.dates import parse_date

    if text is None:
        if default is None:
            raise InvalidInput("a date is needed")
        return default
    return parse_date(text, today=_today(), allow_future=allow_future, ahead=False)


def _range(date: str | None, start: str | None, end: str | None, *, days_default: int | None,
           open_end: bool = False) -> tuple[dt.date, dt.date]:
    """The days a command covers: one DATE, or --from/--to; `open_end` reaches past today when --to is not given."""
    today = _today()
    if date and (start or end):
        raise InvalidInput("give either a DATE or --from/--to, not both")
    if date:
        day = _date(date)
        return day, day
    # A range may reach past today ("to the end of the month"): it simply stops at what is logged.
    first = _date(start, allow_future=True) if start else (
        today - dt.timedelta(days=days_default - 1) if days_default else dt.date.min
    )
    last = _date(end, allow_future=True) if end else (clock.LATEST if open_end else today)
    if first > last:
        raise InvalidInput(f"--from {first} is after --to {last}")
    return first, last


@click.group(cls=_OnceGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@db_option
@click.option("--theme", metavar="NAME", help="Open the app in this theme (see journal themes); it is remembered.")
@click.version_option(__version__, prog_name="journal")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, theme: str | None) -> None:
    """Offseason: a training journal for a runner's offseason.

    Run without a command to open the full-screen journal.
    """
    if theme is not None:
        from journal.config.themes import parse_theme_name

        theme = parse_theme_name(theme)
        if ctx.invoked_subcommand is not None:
            raise InvalidInput("--theme is for the app: journal --theme NAME")
    if ctx.invoked_subcommand is None:
        # A bad file is refused before the screen is taken over; a new one is only
        # created once the app can really start.
        journal = _existing(ctx, db_path)
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise InvalidInput("the journal app needs a terminal; for scripts use journal add, show or export")
        journal = journal or _open(ctx, db_path, for_app=True)
        from journal.ui.app import run_app

        ctx.exit(run_app(journal, theme=theme))


@cli.command()
@click.argument("date", required=False)
@click.option("--sleep", metavar="HOURS", help="Hours slept, 0-24 (7.5).")
@click.option("--sleep-quality", metavar="1-5", help="Sleep quality, 5 = excellent.")
@click.option("--fatigue", metavar="1-5", help="Fatigue, 5 = fresh.")
@click.option("--soreness", metavar="1-5", help="Muscle soreness, 5 = none.")
@click.option("--stress", metavar="1-5", help="Stress, 5 = relaxed.")
@click.option("--mood", metavar="1-5", help="Mood, 5 = very good.")
@click.option("--pain", "pain", metavar="SITE[:SIDE]=0-10", multiple=True, help="Pain at a body site (repeatable).")
@click.option("--day", "day_type", metavar="TYPE", help="Day type: normal, rest, race, injured, sick.")
@click.option("--note", help="A note for the day (replaces the old one).")
@click.option("--clear", "clear", metavar="FIELD", multiple=True,
              help="Clear a field, pain / pain:SITE / pain:SITE:SIDE, or all of the day (repeatable).")
@db_option
@click.pass_context
def add(ctx, date, sleep, sleep_quality, fatigue, soreness, stress, mood, pain, day_type, note, clear, db_path):
    """Log or change a day (default today). Fields you do not give keep their value.

    \b
    journal add --sleep 7.5 --mood 4 --pain knee=3 --pain shin:left=2
    journal add yesterday --day race --note "Half marathon, 1:32"
    journal add "20 nov" --clear mood --clear pain:knee
    journal add 2026-11-20 --clear all       # the whole day
    """
    from journal.dates import describe_day
    from journal.domain.entries import DEFAULT_SITES, EntryChange, parse_clear, parse_pain_setting, parse_value
    from journal.domain.summary import summarise
    from journal.store.entries import get_entry, update_entry
    from journal.store.sites import list_sites

    day = _date(date, default=_today(), allow_future=True)
    # Everything is checked before a new journal is created: bad input leaves no file behind.
    journal = _existing(ctx, db_path)
    if day > _today() and (journal is None or get_entry(journal, day).is_empty):
        # Only a day already dated ahead (a clock that was ahead once) can be changed or cleared.
        raise InvalidInput(f"{day.isoformat()} is in the future: the journal records days that have happened")
    sites = list_sites(journal) if journal else list(DEFAULT_SITES)
    change = EntryChange()
    given = {"sleep_hours": sleep, "sleep_quality": sleep_quality, "fatigue": fatigue, "soreness": soreness,
             "stress": stress, "mood": mood, "day_type": day_type, "note": note}
    for name, text in given.items():
        if text is not None:
            change.values[name] = parse_value(name, text)
    for target in clear:
        parse_clear(target, sites, change)
    for setting in pain:
        key, score = parse_pain_setting(setting, sites)
        if key in change.pain:
            raise InvalidInput(f"pain at {key[0]}{':' + key[1] if key[1] else ''} is given twice: give it once")
        change.pain[key] = score
    overlap = change.cleared & change.values.keys()
    if overlap:
        raise InvalidInput(f"{', '.join(sorted(overlap))} is both set and cleared: choose one")
    if change.is_empty():
        raise InvalidInput("nothing to log: give a field such as --sleep 7.5, --mood 4 or --pain knee=3")
    entry = update_entry(journal or _open(ctx, db_path), day, change)
    click.echo(f"{describe_day(day, _today())}: {summarise(entry, sites)}")


@cli.command()
@click.argument("date", required=False)
@click.option("--from", "start", metavar="DATE", help="First day of a range.")
@click.option("--to", "end", metavar="DATE", help="Last day of a range (default today).")
@db_option
@click.pass_context
def show(ctx, date, start, end, db_path):
    """Show a day (default today), or the days from --from to --to as a table.

    \b
    journal show yesterday
    journal show --from "2 weeks ago"
    """
    from journal.store.entries import entries_between, get_entry
    from journal.store.sites import list_sites
    from journal.render import day_view, table_view

    journal = _open(ctx, db_path, create=False)
    sites = list_sites(journal)
    if start or end:
        first, last = _range(date, start, end, days_default=None)
        entries = entries_between(journal, first, last)
        click.echo(table_view(entries, sites) if entries else f"nothing logged from {first} to {last}")
    else:
        day = _date(date, default=_today(), allow_future=True)  # a day logged ahead of the clock can be seen
        click.echo(day_view(get_entry(journal, day), sites, _today()))


EXPORT_KINDS = ("entries", "pain", "checklist", "goals", "items", "sites", "settings", "all")


@cli.command()
@click.option("--what", type=click.Choice(EXPORT_KINDS), default="entries", show_default=True,
              help="The daily entries, pain readings (one row each), checklist ticks, goals, checklist items,"
                   " body sites, settings, or all of them as one file each in a folder (-o).")
@click.option("--from", "start", metavar="DATE", help="First day (default: the first in the journal).")
@click.option("--to", "end", metavar="DATE", help="Last day (default today).")
@click.option("-o", "--output", callback=_path, metavar="PATH",
              help="Write to a file (a folder for --what all) instead of stdout.")
@db_option
@click.pass_context
def export(ctx, what, start, end, output, db_path):
    """Write the journal as CSV; see the README for every column. `journal import` reads it back.

    \b
    journal export > journal.csv
    journal export --from 2026-09-01 -o autumn.csv
    journal export --what pain --from "4 weeks ago"
    journal export --what all -o journal-export       # a folder, one CSV per kind
    """
    from journal.io import csv_export

    from journal.io.export_files import write_atomically, write_folder

    # Open at the end: a day dated after today (a clock that was ahead once) is never left out unasked.
    first, last = _range(None, start, end, days_default=None, open_end=True)
    if what == "all" and output is None:
        raise InvalidInput("--what all writes a folder of files: give it with -o FOLDER")
    journal = _open(ctx, db_path, create=False)
    if what == "all":
        counts: dict[str, int] = {}
        write_folder(output, csv_export.writers(journal, first, last, counts), journal.path)
        click.echo(f"wrote {sum(counts.values())} rows in {len(counts)} files to {output.resolve()}", err=True)
        _warn_of_future_days(journal)
        return
    # Every export has the same shape: (journal, first day, last day, out).
    export_kind = csv_export.KINDS[what][1]
    if output is None:
        # Bytes as they are: UTF-8 and CRLF whatever the platform's text mode would do.
        out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=False)
        try:
            export_kind(journal, first, last, out)
            out.flush()
        except BrokenPipeError:
            # `journal export | head`: the reader left early, which is not an error.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        finally:
            out.detach()
    else:
        write_atomically(output, lambda out: export_kind(journal, first, last, out), journal.path)
        click.echo(f"wrote {output}", err=True)
    _warn_of_future_days(journal)


def _warn_of_future_days(journal) -> None:
    """Days dated after today are exported, and said: `journal import` refuses them until their day comes."""
    from journal.store.entries import days_after

    later = days_after(journal, _today())
    if later:
        listed = ", ".join(day.isoformat() for day in later[:3]) + (" ..." if len(later) > 3 else "")
        click.echo(f"note: {len(later)} day{'s are' if len(later) != 1 else ' is'} dated after today ({listed});"
                   " an import takes no future day: change or clear them with journal add DATE", err=True)


@cli.command("import")
@click.argument("path", callback=_path)
@click.option("--what", type=click.Choice(["entries", "pain", "checklist", "goals", "items", "sites", "settings",
                                           "assessments"]),
              help="The kind of file (default: told by its header); with a folder, only that kind.")
@click.option("--dry-run", is_flag=True, help="Check everything and say what would change; write nothing.")
@click.option("--on-conflict", type=click.Choice(["fail", "skip", "replace"]), default="fail", show_default=True,
              help="A record already in the journal with other values: refuse the import, keep the journal's,"
                   " or take the file's.")
@db_option
@click.pass_context
def import_(ctx, path, what, dry_run, on_conflict, db_path):
    """Read CSV written by `journal export` (a file, or the folder of --what all) into the journal.

    Everything or nothing: every row is checked first, every bad row is listed
    with its line number, and one bad row means nothing is written.

    \b
    journal import journal.csv --dry-run
    journal import journal-export --on-conflict skip
    """
    from journal.io.csv_import import read_path
    from journal.store.transfer import import_bundle

    bundle = read_path(path, what, today=_today())
    journal = _open(ctx, db_path)
    report = import_bundle(journal, bundle, on_conflict=on_conflict, dry_run=dry_run)
    if dry_run:
        for new in _MADE:  # a journal made to check the import against is not kept
            new.keep = False
    for line in report.lines():
        click.echo(line)


@cli.command()
@click.argument("path", required=False, callback=_path)
@db_option
@click.pass_context
def backup(ctx, path, db_path):
    """Copy the journal to PATH, or to a new timestamped file in the backups folder.

    Safe while the app is open: SQLite's online backup copies a consistent journal.

    \b
    journal backup
    journal backup ~/journal-2026-11-26.db
    """
    from journal.store.backup import backup_journal

    if path is not None and not path.expanduser().parent.is_dir():
        raise InvalidInput(f"the folder {path.expanduser().parent} does not exist")
    journal = _open(ctx, db_path, create=False)
    click.echo(f"backed up {journal.path} to {backup_journal(journal.conn, journal.path, path)}")


@cli.command()
@click.argument("path", callback=_path)
@click.option("--yes", is_flag=True, help="Replace the journal without asking (for scripts).")
@db_option
@click.pass_context
def restore(ctx, path, yes, db_path):
    """Replace the journal with the backup PATH; the journal as it was is backed up first.

    \b
    journal restore ~/.local/share/offseason/backups/journal-20261126-074200.db
    """
    from journal.store.restore import check_backup, restore_journal

    target = _chosen_path(ctx, db_path)
    check_backup(path)  # before asking: a file that cannot be restored is refused at once
    if target.exists() and path.resolve() == target.resolve():
        raise InvalidInput(f"{path} is the journal itself")
    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInput(f"restoring replaces {target}: add --yes to confirm")
        click.confirm(f"Replace {target} with {path}? (the journal as it is now is backed up first)", abort=True)
    saved = restore_journal(path, target)
    kept = f"; the journal as it was is in {saved}" if saved else ""
    click.echo(f"restored {target} from {path}{kept}")


@cli.group(invoke_without_command=True)
@db_option
@click.pass_context
def sites(ctx, db_path):
    """List body sites; add, rename or remove one."""
    if ctx.invoked_subcommand is None:
        from journal.store.sites import list_sites

        for site in list_sites(_open(ctx, db_path, create=False)):
            sides = "left/right" if site.sided else "no sides"
            click.echo(f"{site.name:<14} {site.label:<20} {sides}")


@sites.command("add")
@click.argument("name")
@click.option("--label", help="How the site is shown (default: from NAME).")
@click.option("--sided/--no-sides", default=True, help="Whether the site has a left and a right (default yes).")
@db_option
@click.pass_context
def sites_add(ctx, name, label, sided, db_path):
    """Add a body site, for example `journal sites add groin --label "Groin"`."""
    from journal.domain.scales import parse_site_name
    from journal.store.sites import add_site

    parse_site_name(name)  # checked before a new journal is created
    site = add_site(_open(ctx, db_path), name, label=label, sided=sided)
    click.echo(f"added {site.name} ({site.label}{', left/right' if site.sided else ''})")


@sites.command("rename")
@click.argument("name")
@click.argument("new_name", required=False)
@click.option("--label", help="A new label (default: from NEW_NAME).")
@db_option
@click.pass_context
def sites_rename(ctx, name, new_name, label, db_path):
    """Rename a body site or change its label; its readings follow it.

    \b
    journal sites rename left-knee knee-brace --label "Knee brace"
    journal sites rename hip --label "Hip / glute"
    """
    from journal.store.sites import rename_site

    if not new_name and not label:
        raise InvalidInput("give a new name, a --label, or both")
    site = rename_site(_open(ctx, db_path, create=False), name, new_name, label=label)
    click.echo(f"renamed to {site.name} ({site.label})")


@sites.command("remove")
@click.argument("name")
@db_option
@click.pass_context
def sites_remove(ctx, name, db_path):
    """Remove a body site that has no pain readings (one with readings is kept)."""
    from journal.store.sites import remove_site

    site = remove_site(_open(ctx, db_path, create=False), name)
    click.echo(f"removed {site.name}")


@cli.command()
@click.argument("item")
@click.argument("date", required=False)
@click.option("--note", default="", help="A short note for the tick.")
@db_option
@click.pass_context
def check(ctx, item, date, note, db_path):
    """Tick a checklist item as done on a day (default today).

    \b
    journal check strength
    journal check 3 yesterday --note "10 x 20 s, felt sharp"
    """
    _tick(ctx, item, date, db_path, done=True, note=note)


@cli.command()
@click.argument("item")
@click.argument("date", required=False)
@db_option
@click.pass_context
def uncheck(ctx, item, date, db_path):
    """Take back a tick (default today): `journal uncheck strides yesterday`."""
    _tick(ctx, item, date, db_path, done=False)


def _tick(ctx, item_text, date, db_path, *, done: bool, note: str = "") -> None:
    from journal.dates import describe_day
    from journal.domain.checklist import resolve_item
    from journal.store.checklist import list_items, set_tick

    day = _date(date, default=_today(), allow_future=not done)  # a tick dated ahead of the clock can be taken back
    journal = _open(ctx, db_path, create=False)
    item = resolve_item(item_text, list_items(journal))
    changed = set_tick(journal, item.id, day, done, note=note)
    if done:
        what = ("ticked, with the note" if note else "ticked") if changed else "already ticked"
    else:
        what = "unticked" if changed else "was not ticked"
    click.echo(f"{item.title}: {what} on {describe_day(day, _today())}")


@cli.command()
@click.argument("week", required=False)
@db_option
@click.pass_context
def checklist(ctx, week, db_path):
    """The week's checklist (default this week): WEEK is 2026-W48, this, last or a date in it."""
    from journal.dates import parse_week
    from journal.store.checklist import load_week
    from journal.store.settings import first_weekday
    from journal.render import checklist_view

    journal = _open(ctx, db_path, create=False)
    first = first_weekday(journal)
    start = parse_week(week or "this", today=_today(), first_weekday=first)
    click.echo(checklist_view(load_week(journal, start), first, _today()))


@cli.command()
@click.argument("week", required=False)
@click.option("--markdown", is_flag=True, help="Write the review as a Markdown document.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file instead of stdout.")
@db_option
@click.pass_context
def week(ctx, week, markdown, output, db_path):
    """The weekly review (default this week): averages against the week before, flags,
    checklist, goals and notes. WEEK is 2026-W48, this, last or a date in it.

    \b
    journal week
    journal week last --markdown -o review.md
    """
    from journal.dates import parse_week
    from journal.render import review_markdown, review_text
    from journal.store.insights import weekly_review
    from journal.store.settings import first_weekday

    today = _today()
    journal = _open(ctx, db_path, create=False)
    start = parse_week(week or "this", today=today, first_weekday=first_weekday(journal))
    review = weekly_review(journal, start, today)
    text = review_markdown(review) if markdown else review_text(review)
    if output is None:
        click.echo(text, nl=False)
        return
    from journal.io.export_files import write_atomically

    write_atomically(output, lambda out: out.write(text), journal.path)
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.option("--date", "date", metavar="DATE", help="The day (default today).")
@db_option
@click.pass_context
def flags(ctx, date, db_path):
    """The flags active on a day: pain that persists or rises, sleep debt, post-race nights,
    days below your usual. They say what was seen and what to consider; they never diagnose.

    \b
    journal flags
    journal flags --date yesterday
    """
    from journal.dates import describe_day
    from journal.store.insights import active_flags

    day = _date(date, default=_today())
    found = active_flags(_open(ctx, db_path, create=False), day)
    if not found:
        click.echo(f"no flags on {describe_day(day, _today())}")
        return
    for flag in found:
        click.echo(f"{flag.level:<5}  {flag.text}")


@cli.group(invoke_without_command=True)
@db_option
@click.pass_context
def items(ctx, db_path):
    """List checklist items; add, edit, move, retire or remove one."""
    if ctx.invoked_subcommand is None:
        from journal.store.checklist import list_items

        for item in list_items(_open(ctx, db_path, create=False)):
            retired = f"  (retired {item.retired_on})" if item.retired_on else ""
            description = f"  {item.description}" if item.description else ""
            click.echo(f"{item.id:>3}  {item.title:<24} {item.kind:<12} {item.target}x/week{description}{retired}")


@items.command("add")
@click.argument("title")
@click.option("--target", required=True, metavar="1-7", help="Times a week.")
@click.option("--kind", default="other", show_default=True, metavar="KIND",
              help="strength, plyometrics, intervals, strides, technique, rehab, rest, mind or other.")
@click.option("--description", default="", help="What it is, for example \"400 m run / 200 m walk x 6\".")
@db_option
@click.pass_context
def items_add(ctx, title, target, kind, description, db_path):
    """Add an item: `journal items add "Hill sprints" --target 1 --kind intervals`."""
    from journal.domain.checklist import parse_kind, parse_target, parse_title
    from journal.store.checklist import add_item

    parse_title(title), parse_target(target), parse_kind(kind)  # checked before a journal is created
    item = add_item(_open(ctx, db_path), title, kind=kind, target=target, description=description, today=_today())
    click.echo(f"added {item.id} {item.title} ({item.kind}, {item.target}x a week)")


@items.command("edit")
@click.argument("item")
@click.option("--title", help="A new title.")
@click.option("--target", metavar="1-7", help="A new target per week.")
@click.option("--kind", metavar="KIND", help="A new kind.")
@click.option("--description", help="A new description.")
@db_option
@click.pass_context
def items_edit(ctx, item, title, target, kind, description, db_path):
    """Rename, re-target or re-describe an item: `journal items edit strides --target 3`."""
    from journal.domain.checklist import resolve_item
    from journal.store.checklist import list_items, update_item

    if title is None and target is None and kind is None and description is None:
        raise InvalidInput("nothing to change: give --title, --target, --kind or --description")
    journal = _open(ctx, db_path, create=False)
    found = resolve_item(item, list_items(journal))
    changed = update_item(
        journal, found.id, title=title, kind=kind, target=target, description=description, today=_today()
    )
    click.echo(f"{changed.id} {changed.title} ({changed.kind}, {changed.target}x a week)")


@items.command("move")
@click.argument("item")
@click.option("--to", "place", type=_Whole(min=1), required=True, metavar="PLACE",
              help="Its place in the list, 1 for the top.")
@db_option
@click.pass_context
def items_move(ctx, item, place, db_path):
    """Move an item to a place in the list: `journal items move "rest day" --to 1`."""
    from journal.domain.checklist import resolve_item
    from journal.store.checklist import list_items, move_item

    journal = _open(ctx, db_path, create=False)
    in_use = list_items(journal, include_retired=False)
    found = resolve_item(item, in_use)
    move_item(journal, found.id, place - 1 - in_use.index(found))
    click.echo(", ".join(f"{i.id} {i.title}" for i in list_items(journal, include_retired=False)))


@items.command("remove")
@click.argument("item")
@db_option
@click.pass_context
def items_remove(ctx, item, db_path):
    """Delete an item that was never ticked (one added by mistake); retire one with ticks."""
    from journal.domain.checklist import resolve_item
    from journal.store.checklist import list_items, remove_item

    journal = _open(ctx, db_path, create=False)
    removed = remove_item(journal, resolve_item(item, list_items(journal)).id, today=_today())
    click.echo(f"removed {removed.title}")


@items.command("retire")
@click.argument("item")
@db_option
@click.pass_context
def items_retire(ctx, item, db_path):
    """Take an item off the weeks to come; its ticks stay in the history."""
    from journal.domain.checklist import resolve_item
    from journal.store.checklist import list_items, retire_item

    journal = _open(ctx, db_path, create=False)
    found = resolve_item(item, list_items(journal))
    retired = retire_item(journal, found.id, today=_today())
    click.echo(f"retired {retired.title} from {retired.retired_on}: it leaves the checklist from this week;"
               " its ticks stay")


def _due(text: str | None) -> dt.date | None:
    from journal.dates import parse_date

    return parse_date(text, today=_today(), allow_future=True) if text else None


@cli.group()
@db_option
def goal(db_path):
    """Offseason goals: add, edit, list, move, finish or remove them."""


@goal.command("add")
@click.argument("title")
@click.option("--category", default="other", show_default=True, metavar="C",
              help="strength, technique, health, rehab, mind, endurance, nutrition or other.")
@click.option("--due", metavar="DATE", help="A due date (future dates welcome): 2027-01-15, friday, 20 dec.")
@click.option("--measure", metavar="SPEC",
              help="Progress from the journal: checklist:ITEMS:80%:8w, pain:SITE:2, sleep:8, days:TYPE:10, ticks:ITEMS:8.")
@click.option("--note", default="", help="A note.")
@db_option
@click.pass_context
def goal_add(ctx, title, category, due, measure, note, db_path):
    """Add a goal to do: `journal goal add "Blood work" --category health --due "20 dec"`."""
    from journal.domain.goals import Goal, parse_category, parse_goal_title, parse_measure
    from journal.store.goals import add_goal

    new = Goal(parse_goal_title(title), parse_category(category), due=_due(due), note=note,
               measure=parse_measure(measure) if measure is not None else None)
    added = add_goal(_open(ctx, db_path), new, today=_today())
    click.echo(f"added goal {added.id}: {added.title}")


@goal.command("edit")
@click.argument("goal_id", metavar="ID")
@click.option("--title", help="A new title.")
@click.option("--category", metavar="C", help="A new category.")
@click.option("--due", metavar="DATE", help="A new due date; 'none' clears it.")
@click.option("--note", help="A new note.")
@click.option("--measure", metavar="SPEC", help="A new measure (as for goal add); 'none' clears it.")
@db_option
@click.pass_context
def goal_edit(ctx, goal_id, title, category, due, note, measure, db_path):
    """Change a goal: `journal goal edit 3 --due "15 jan" --measure sleep:8.5`."""
    from journal.domain.goals import parse_measure
    from journal.domain.markers import Keep
    from journal.store.goals import update_goal

    number = _goal_id(goal_id)
    if all(value is None for value in (title, category, due, note, measure)):
        raise InvalidInput("nothing to change: give --title, --category, --due, --note or --measure")
    clear = ("none", "")
    new_due = Keep.KEEP if due is None else (None if due.strip().lower() in clear else _due(due))
    new_measure = Keep.KEEP if measure is None else (None if measure.strip().lower() in clear else parse_measure(measure))
    changed = update_goal(_open(ctx, db_path, create=False), number, title=title, category=category, due=new_due,
                          note=note, measure=new_measure)
    click.echo(f"goal {changed.id}: {changed.title}")


@goal.command("list")
@click.option("--status", metavar="S", help="Only todo, doing, done or dropped.")
@db_option
@click.pass_context
def goal_list(ctx, status, db_path):
    """The goals by column, with the progress the journal computes."""
    from journal.domain.goals import parse_status
    from journal.store.goals import list_goals, with_progress
    from journal.render import goals_view

    wanted = parse_status(status) if status else None
    journal = _open(ctx, db_path, create=False)
    everything = list_goals(journal, wanted)
    goals = [goal for goal in everything if wanted or goal.status != "dropped"]
    click.echo(goals_view(with_progress(journal, goals, _today()), _today()))
    dropped = len(everything) - len(goals)
    if dropped:
        click.echo(f"({dropped} dropped: journal goal list --status dropped)")


def _goal_id(text: str) -> int:
    from journal.domain.scales import is_number

    if not is_number(text.strip()):
        raise InvalidInput(f"a goal is named by its number (see journal goal list), got {text!r}")
    return int(text)


@goal.command("move")
@click.argument("goal_id", metavar="ID")
@click.argument("status")
@db_option
@click.pass_context
def goal_move(ctx, goal_id, status, db_path):
    """Move a goal to todo, doing, done or dropped: `journal goal move 3 doing`."""
    _move_goal(ctx, goal_id, status, db_path)


@goal.command("done")
@click.argument("goal_id", metavar="ID")
@db_option
@click.pass_context
def goal_done(ctx, goal_id, db_path):
    """Mark a goal done: `journal goal done 3`."""
    _move_goal(ctx, goal_id, "done", db_path)


def _move_goal(ctx: click.Context, goal_id: str, status: str, db_path: Path | None) -> None:
    from journal.domain.goals import STATUS_LABELS, parse_status
    from journal.store.goals import get_goal, move_goal

    number, status = _goal_id(goal_id), parse_status(status)
    journal = _open(ctx, db_path, create=False)
    if get_goal(journal, number).status == status:
        click.echo(f"goal {number} is already in {STATUS_LABELS[status]}")
        return
    moved = move_goal(journal, number, status, today=_today())
    click.echo(f"goal {moved.id}: {moved.title} is now in {STATUS_LABELS[moved.status]}")


@goal.command("rm")
@click.argument("goal_id", metavar="ID")
@db_option
@click.pass_context
def goal_rm(ctx, goal_id, db_path):
    """Delete a goal for good (move it to dropped to keep it): `journal goal rm 3`."""
    from journal.store.goals import remove_goal

    removed = remove_goal(_open(ctx, db_path, create=False), _goal_id(goal_id))
    click.echo(f"removed goal {removed.id}: {removed.title}")


@cli.command()
@click.option("--race", "looks_back_on", metavar="TEXT", help="The race or season you look back on.")
@click.option("--faded/--no-faded", default=None, help="Did you fade in the last miles?")
@click.option("--pain", "pain_sites", metavar="SITES",
              help="Constant pain in feet, shins or knees: where (knee,shin); 'none' for no.")
@click.option("--wall/--no-wall", "hit_wall", default=None, help="Did you hit the wall?")
@click.option("--back-hips/--no-back-hips", "back_or_hips", default=None, help="Did your lower back or hips bother you?")
@click.option("--cramping/--no-cramping", default=None, help="Was your cramping getting worse?")
@click.option("--note", default="", help="A note on the race or season.")
@click.option("--dry-run", is_flag=True, help="Show the proposed goals; add nothing.")
@db_option
@click.pass_context
def assess(ctx, looks_back_on, faded, pain_sites, hit_wall, back_or_hips, cramping, note, dry_run, db_path):
    """Look back on a race or season; each "yes" proposes offseason goals for the board.

    \b
    journal assess --race "Valencia marathon" --faded --pain knee --no-wall --no-back-hips --no-cramping
    journal assess      (in a terminal: asks each question, then which goals to keep)
    """
    from journal.domain.entries import resolve_site
    from journal.domain.goals import Assessment, parse_goal_note, parse_looks_back_on, propose, set_aside_met
    from journal.store.goals import propose_goals, save_assessment

    answers = [faded, pain_sites, hit_wall, back_or_hips, cramping]
    asking = any(answer is None for answer in answers)
    if asking and not sys.stdin.isatty():
        raise InvalidInput("answer every question with flags (--faded/--no-faded, --pain SITES or none,"
                           " --wall/--no-wall, --back-hips/--no-back-hips, --cramping/--no-cramping), or run in a terminal")
    note = parse_goal_note(note, "the assessment's note")
    if looks_back_on is not None:
        looks_back_on = parse_looks_back_on(looks_back_on)
    from journal.domain.entries import DEFAULT_SITES
    from journal.store.sites import list_sites

    journal = _existing(ctx, db_path)
    sites = list_sites(journal) if journal else list(DEFAULT_SITES)

    def site_names(text: str) -> tuple[str, ...]:
        if text.strip().lower() in ("", "none", "no"):
            return ()
        return tuple(dict.fromkeys(resolve_site(name, sites).name for name in text.split(",") if name.strip()))

    def asked(parse):
        def ask(text: str):
            try:
                return parse(text)
            except InvalidInput as error:
                raise click.BadParameter(str(error)) from None  # asked again
        return ask

    if asking:
        looks_back_on = looks_back_on or click.prompt("Which race or season do you look back on", default="",
                                                      value_proc=asked(parse_looks_back_on))
        faded = faded if faded is not None else click.confirm("Did you fade in the last miles?")
        if pain_sites is None:
            names = click.prompt("Constant pain in your feet, shins or knees? Where (knee,shin), or none",
                                 default="none", value_proc=asked(site_names))
        hit_wall = hit_wall if hit_wall is not None else click.confirm("Did you hit the wall?")
        back_or_hips = back_or_hips if back_or_hips is not None else click.confirm(
            "Did your lower back or hips bother you?")
        cramping = cramping if cramping is not None else click.confirm("Was your cramping getting worse?")
    if pain_sites is not None:
        names = site_names(pain_sites)
    assessment = Assessment(_today(), looks_back_on or "", faded, names, hit_wall, back_or_hips, cramping, note)
    if journal:
        proposals = propose_goals(journal, assessment, _today())
    else:  # no journal yet: nothing is logged to measure
        proposals = propose(assessment, _today())
        set_aside_met(proposals, [None] * len(proposals))
    for number, proposal in enumerate(proposals, start=1):
        due = f", due {proposal.goal.due}" if proposal.goal.due else ""
        measured = f"; measured: {proposal.goal.measure.describe()}" if proposal.goal.measure else ""
        click.echo(f"{number}. {proposal.goal.title} [{proposal.goal.category}{due}] ({proposal.why}){measured}")
        if asking and not dry_run:
            proposal.keep = click.confirm("   Keep this goal?", default=proposal.keep)
    if dry_run:
        click.echo("(a dry run: nothing was added)")
        return
    kept = [proposal for proposal in proposals if proposal.keep]
    added = save_assessment(journal or _open(ctx, db_path), assessment, kept, today=_today())
    left_out = f"; {len(proposals) - len(kept)} left out" if len(kept) < len(proposals) else ""
    click.echo(f"added {len(added)} goal{'s' if len(added) != 1 else ''} to the board{left_out}")


@cli.command()
@click.argument("key", required=False)
@click.argument("value", required=False)
@db_option
@click.pass_context
def settings(ctx, key, value, db_path):
    """Show the settings, or set one: `journal settings week_start sunday`."""
    from journal.store.settings import SETTINGS, get_setting, set_setting

    if key is not None and key not in SETTINGS:
        raise InvalidInput(f"no setting {key!r}; the settings are: {', '.join(SETTINGS)}")
    if value is None:
        journal = _open(ctx, db_path, create=False)
        for name in [key] if key else SETTINGS:
            click.echo(f"{name} = {get_setting(journal, name)}")
        return
    SETTINGS[key][1](value)  # checked before a journal is created
    click.echo(f"{key} = {set_setting(_open(ctx, db_path), key, value)}")


@cli.command()
@db_option
@click.pass_context
def themes(ctx, db_path):
    """List the themes: the built-in ones and yours, the one in use marked with *.

    \b
    journal themes
    journal --theme trailhead       # open the app in one (it is remembered)
    """
    from journal.store.settings import get_setting
    from journal.config.themes import TEXTUAL_THEMES, all_themes, user_themes_dir

    journal = _existing(ctx, db_path)
    current = get_setting(journal, "theme") if journal else None
    found, problems = all_themes()
    listed = [(theme.name, theme.dark, str(theme.source)) for theme in found]
    names = {name for name, _, _ in listed}
    listed += [(name, dark, "Textual") for name, dark in TEXTUAL_THEMES.items() if name not in names]
    for name, dark, source in listed:
        mark = "*" if name == current else " "
        click.echo(f"{mark} {name:<20} {'dark ' if dark else 'light'}  {source}")
    click.echo(f"Your own themes go in {user_themes_dir()} (one .toml file a theme; see the README).")
    for problem in problems:
        click.echo(f"skipped {problem}", err=True)


@cli.command()
@click.option("--weeks", type=_Whole(1, 520), default=12, show_default=True, help="How many weeks of days.")
@click.option("--years", type=_Whole(1, 100), help="How many years of days (instead of --weeks).")
@click.option("--seed", type=_Whole(), default=1, show_default=True, help="The same seed gives the same journal.")
@db_option
@click.pass_context
def demo(ctx, weeks, years, seed, db_path):
    """Fill an empty journal with a realistic offseason, to try the journal out.

    \b
    journal --db /tmp/demo.db demo
    journal --db /tmp/long.db demo --years 10
    """
    from journal.store.demo import fill_demo
    from journal.store.entries import count_entries

    journal = _open(ctx, db_path)
    existing = count_entries(journal)
    if existing:
        raise InvalidInput(
            f"{journal.path} already has {existing} logged days; the demo fills only an empty journal"
            " (choose another file with --db)"
        )
    days = round(years * 365.25) if years else weeks * 7
    count, ticks = fill_demo(journal, _today(), days, seed=seed)
    click.echo(f"wrote {count} demo days and {ticks} checklist ticks to {journal.path}")


INTERNAL_ERROR = 70  # EX_SOFTWARE: a fault of the program; bad input is always 2


def main(argv: list[str] | None = None) -> None:
    """Run the command line; errors are one line on stderr (an import lists its bad rows) and exit code 2."""
    _MADE.clear()
    try:
        _main(argv)
    except SystemExit as done:
        try:
            _settle_new_journals(succeeded=done.code in (0, None))
        except JournalError as error:
            click.echo(f"journal: {error}", err=True)
            sys.exit(2)
        raise


def _main(argv: list[str] | None) -> None:
    try:
        code = cli.main(args=argv, prog_name="journal", standalone_mode=False)
    except click.UsageError as error:
        hint = f" (see: {error.ctx.command_path} --help)" if error.ctx else ""
        click.echo(f"journal: {error.format_message()}{hint}", err=True)
        sys.exit(2)
    except BadRows as error:
        click.echo(f"journal: nothing was imported; {len(error.problems)} problem"
                   f"{'s' if len(error.problems) != 1 else ''} to fix:", err=True)
        click.echo(str(error), err=True)
        sys.exit(2)
    except JournalError as error:
        click.echo(f"journal: {error}", err=True)
        sys.exit(2)
    except sqlite3.Error as error:
        click.echo(f"journal: the journal file cannot be read: {error} (nothing was changed)", err=True)
        sys.exit(2)
    except click.Abort:
        click.echo("journal: stopped", err=True)
        sys.exit(1)
    except click.ClickException as error:
        click.echo(f"journal: {error.format_message()}", err=True)
        sys.exit(error.exit_code)
    except BrokenPipeError:
        # `journal show | head`: the reader left early, which is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except OSError as error:
        # The output could not be written (a full disk behind stdout): what was saved stays saved.
        click.echo(f"journal: cannot write the output: {error.strerror or error}", err=True)
        sys.exit(1)
    except Exception as error:
        # A fault of the program, not of the input: one line, and the details on request.
        if os.environ.get("JOURNAL_DEBUG"):
            raise
        click.echo(f"journal: an unexpected error ({type(error).__name__}: {error}); every write is one"
                   " transaction, so none was half-made. Please report it, with what you typed"
                   " (JOURNAL_DEBUG=1 shows the details)", err=True)
        sys.exit(INTERNAL_ERROR)
    sys.exit(code if isinstance(code, int) else 0)
