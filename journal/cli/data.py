"""The journal's data in and out: `journal export` and `import` as CSV, `journal backup` and `restore` as a whole."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from journal.cli.common import (
    Choice,
    JournalFile,
    PathNamed,
    Stopped,
    argument,
    command,
    confirm,
    echo,
    option,
    parse_range,
    today,
)
from journal.errors import InvalidInput

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: `journal export` starts without it
if TYPE_CHECKING:
    from typing import Literal

    from journal.store import Journal

# The kinds of file, written out: help runs without loading the CSV code (a test holds them to it).
IMPORT_KINDS = (
    "entries",
    "pain",
    "sources",
    "checklist",
    "sessions",
    "session-kinds",
    "plans",
    "decisions",
    "overuse",
    "goals",
    "items",
    "sites",
    "settings",
    "assessments",
)
EXPORT_KINDS = (*IMPORT_KINDS, "all")


@command(
    option(
        "--what",
        type=Choice(*EXPORT_KINDS),
        default="entries",
        show_default=True,
        help="The daily entries, pain readings (one row each), checklist ticks, training sessions, what each"
        " session kind ticks, return-to-run plans, their decisions, weekly overuse answers, goals, season"
        " assessments, checklist items, body sites, settings, or all of them as one file each in a folder (-o).",
    ),
    option("--from", dest="start", metavar="DATE", help="First day (default: the first in the journal)."),
    option("--to", dest="end", metavar="DATE", help="Last day (default: the last in the journal)."),
    option(
        "-o",
        "--output",
        type=PathNamed("-o"),
        metavar="PATH",
        help="Write to a file (a folder for --what all) instead of stdout.",
    ),
)
def export(journal_file: JournalFile, what: str, start: str | None, end: str | None, output: Path | None) -> None:
    """Write the journal as CSV; see the README for every column.
    `journal import` reads it back.

    journal export > journal.csv
    journal export --from 2026-09-01 -o autumn.csv
    journal export --what pain --from "4 weeks ago"
    journal export --what all -o journal-export       # a folder, one CSV per kind
    """
    from journal.io import csv_export

    # Open at the end: a day dated after today (a clock that was ahead once) is never left out unasked.
    first, last = parse_range(None, start, end, days_default=None, open_end=True)
    if what == "all" and output is None:
        raise InvalidInput("--what all writes a folder of files: give it with -o FOLDER")
    journal = journal_file.open(create=False)
    if what == "all":
        assert output is not None
        from journal.io.export_files import write_folder

        counts: dict[str, int] = {}
        write_folder(output, csv_export.writers(journal, first, last, counts), journal.path)
        echo(f"wrote {sum(counts.values())} rows in {len(counts)} files to {output.resolve()}", err=True)
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
        # Only a file needs the temporary files and digests of export_files: stdout is written as it comes.
        from journal.io.export_files import write_atomically

        write_atomically(output, lambda out: export_kind(journal, first, last, out), journal.path)
        echo(f"wrote {output}", err=True)
    _warn_of_future_days(journal)


def _warn_of_future_days(journal: Journal) -> None:
    """Days dated after today are exported, and said: `journal import` refuses them until their day comes."""
    from journal.store.entries import days_after

    later = days_after(journal, today())
    if later:
        listed = ", ".join(day.isoformat() for day in later[:3]) + (" ..." if len(later) > 3 else "")
        echo(
            f"note: {len(later)} day{'s are' if len(later) != 1 else ' is'} dated after today ({listed});"
            " an import takes no future day: change or clear them with journal add DATE",
            err=True,
        )


SOURCES = ("strava", "apple-health", "intervals", "daylio")  # journal.domain.imported.SOURCES, for help


@command(
    argument("path", type=PathNamed("PATH")),
    option(
        "--from",
        dest="source",
        type=Choice(*SOURCES),
        help="Another app's export: Strava (activities.csv or its zip), Apple Health (export.xml or export.zip),"
        " intervals.icu (wellness CSV), Daylio (CSV); default: told by the file.",
    ),
    option(
        "--what",
        type=Choice(*IMPORT_KINDS),
        help="The kind of file (default: told by its header); with a folder, only that kind.",
    ),
    option("--dry-run", action="store_true", help="Check everything and say what would change; write nothing."),
    option(
        "--on-conflict",
        type=Choice("fail", "skip", "replace"),
        help="A value already in the journal with another: refuse the import, keep the journal's, or take the"
        " file's (default: fail for the journal's own CSV; skip for another app's, so what you typed stays).",
    ),
    option(
        "--tz",
        metavar="ZONE",
        help="Strava's and Apple Health's time zone (Europe/Berlin; default: this"
        " computer's): an activity's day is its local day.",
    ),
    option(
        "--kind",
        dest="kinds",
        action="append",
        default=[],
        metavar="TYPE=KIND",
        help='A Strava activity type as a session kind ("Weight Training=strength"; repeatable).',
    ),
    option(
        "--mood",
        dest="moods",
        action="append",
        default=[],
        metavar="NAME=1-5",
        help='A Daylio mood of your own on the journal\'s 1-5 ("great=5"; repeatable).',
    ),
)
def import_(
    journal_file: JournalFile,
    path: Path,
    source: str | None,
    what: str | None,
    dry_run: bool,
    on_conflict: Literal["fail", "skip", "replace"] | None,
    tz: str | None,
    kinds: list[str],
    moods: list[str],
) -> None:
    """Read CSV written by `journal export` (a file, or the folder of --what all), or another app's export.

    Everything or nothing: every row is checked first, every bad row is listed
    with its line number, and one bad row means nothing is written.

    journal import journal.csv --dry-run
    journal import journal-export --on-conflict skip
    journal import ~/Downloads/export_12345.zip --dry-run     # Strava, told by the file
    journal import export.zip --from apple-health --tz Europe/London
    """
    from journal.io.sources import recognise

    source = source or (None if what else recognise(path))
    if source is not None:
        if what:
            raise InvalidInput("--what is for the journal's own CSV; another app's file is read whole")
        _import_source(journal_file, path, source, dry_run, on_conflict or "skip", tz, kinds, moods)
        return
    if tz or kinds or moods:
        raise InvalidInput("--tz, --kind and --mood are for another app's export (--from)")
    from journal.io.csv_import import read_path
    from journal.store.transfer import import_bundle

    on_conflict = on_conflict or "fail"
    bundle = read_path(path, what, today=today())
    journal = journal_file.open()
    report = import_bundle(journal, bundle, on_conflict=on_conflict, dry_run=dry_run)
    if dry_run:
        journal_file.discard_new()  # a journal made to check the import against is not kept
    if not report.counts:
        journal_file.discard_new()  # nothing came in: a journal made for it is not kept
        echo(f"{path} holds no rows, only headers: nothing to import")
    for line in report.lines():
        echo(line)


def _import_source(
    journal_file: JournalFile,
    path: Path,
    source: str,
    dry_run: bool,
    on_conflict: str,
    tz: str | None,
    kinds: list[str],
    moods: list[str],
) -> None:
    from dateutil import tz as zones

    from journal.dates import parse_time_zone
    from journal.domain.sessions import parse_session_kind
    from journal.io.sources import described, read_source
    from journal.store.source_import import import_source

    # Apple Health writes each moment with its own offset: without --tz, that is its day (a runner who travelled
    # keeps the days they lived); Strava writes UTC, read in this computer's zone unless --tz says otherwise.
    zone = (None if source == "apple-health" else zones.tzlocal()) if tz is None else parse_time_zone(tz)
    kind_map = {theirs: parse_session_kind(ours) for theirs, ours in _pairs(kinds, "--kind", "TYPE=KIND")}
    mood_map = {name.lower(): _mood_level(level) for name, level in _pairs(moods, "--mood", "NAME=1-5")}
    with _progress_bar(f"reading {path.name}") as shown:
        batch = read_source(source, path, tz=zone, kinds=kind_map or None, moods=mood_map or None, progress=shown)
    journal = journal_file.open()
    report = import_source(journal, batch, today=today(), on_conflict=on_conflict, dry_run=dry_run)
    if dry_run or not report.counts:
        journal_file.discard_new()  # a journal made to check the import against, or for nothing, is not kept
    echo(f"{path}: {described(source)}")
    for line in report.lines():
        echo(line)
    if unused := [
        theirs for theirs in kind_map if theirs.casefold() not in {seen.casefold() for seen in batch.mapping}
    ]:
        echo(f"note: no activity in the file is of the type {', '.join(unused)} (--kind)", err=True)
    if (kind_map and source != "strava") or (mood_map and source != "daylio"):
        echo(f"note: --kind is for Strava and --mood for Daylio; {described(source)} takes neither", err=True)


@contextlib.contextmanager
def _progress_bar(what: str) -> Iterator[Callable[[float], None] | None]:
    """A bar on stderr, redrawn as the share read grows, when stderr is a terminal (else nothing is drawn);
    the line is cleared when the reading is done."""
    if not sys.stderr.isatty():
        yield None
        return
    width = 30
    drawn = [-1]

    def show(share: float) -> None:
        filled = int(share * width)
        if filled != drawn[0]:
            drawn[0] = filled
            sys.stderr.write(f"\r{what} [{'#' * filled}{'.' * (width - filled)}] {share:4.0%}")
            sys.stderr.flush()

    try:
        yield show
    finally:
        if drawn[0] >= 0:
            sys.stderr.write("\r" + " " * (len(what) + width + 8) + "\r")
            sys.stderr.flush()


def _pairs(given: list[str], option_name: str, form: str) -> list[tuple[str, str]]:
    pairs = []
    for text in given:
        name, sep, value = text.rpartition("=")
        if not sep or not name.strip() or not value.strip():
            raise InvalidInput(f"{option_name} is {form}, got {text!r}")
        pairs.append((name.strip(), value.strip()))
    return pairs


def _mood_level(text: str) -> int:
    from journal.domain.scales import parse_wellness

    return parse_wellness("mood", text)


@command(argument("path", required=False, type=PathNamed("PATH")))
def backup(journal_file: JournalFile, path: Path | None) -> None:
    """Copy the journal to PATH, or to a new timestamped file in the backups folder.

    Safe while the app is open: SQLite's online backup copies a consistent journal.

    journal backup
    journal backup ~/journal-2026-11-26.db
    """
    from journal.store.backup import backup_journal

    if path is not None and not path.expanduser().parent.is_dir():
        raise InvalidInput(f"the folder {path.expanduser().parent} does not exist")
    journal = journal_file.open(create=False)
    echo(f"backed up {journal.path} to {backup_journal(journal.conn, journal.path, path)}")


@command(
    argument("path", type=PathNamed("PATH")),
    option("--yes", action="store_true", help="Replace the journal without asking (for scripts)."),
)
def restore(journal_file: JournalFile, path: Path, yes: bool) -> None:
    """Replace the journal with the backup PATH; the journal as it was is backed up first.

    journal restore ~/.local/share/offseason/backups/journal-20261126-074200.db
    """
    from journal.store.restore import check_backup, restore_journal

    target = journal_file.path
    check_backup(path)  # before asking: a file that cannot be restored is refused at once
    if target.exists() and path.resolve() == target.resolve():
        raise InvalidInput(f"{path} is the journal itself")
    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInput(f"restoring replaces {target}: add --yes to confirm")
        if not confirm(f"Replace {target} with {path}? (the journal as it is now is backed up first)"):
            raise Stopped
    saved = restore_journal(path, target)
    kept = f"; the journal as it was is in {saved}" if saved else ""
    echo(f"restored {target} from {path}{kept}")
