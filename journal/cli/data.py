"""The journal's data in and out: `journal export` and `import` as CSV, `journal backup` and `restore` as a whole."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

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

if TYPE_CHECKING:
    from journal.store import Journal

# The kinds of file, written out: help runs without loading the CSV code (a test holds them to it).
IMPORT_KINDS = (
    "entries",
    "pain",
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


@command(
    argument("path", type=PathNamed("PATH")),
    option(
        "--what",
        type=Choice(*IMPORT_KINDS),
        help="The kind of file (default: told by its header); with a folder, only that kind.",
    ),
    option("--dry-run", action="store_true", help="Check everything and say what would change; write nothing."),
    option(
        "--on-conflict",
        type=Choice("fail", "skip", "replace"),
        default="fail",
        show_default=True,
        help="A record already in the journal with other values: refuse the import, keep the journal's,"
        " or take the file's.",
    ),
)
def import_(
    journal_file: JournalFile,
    path: Path,
    what: str | None,
    dry_run: bool,
    on_conflict: Literal["fail", "skip", "replace"],
) -> None:
    """Read CSV written by `journal export` (a file, or the folder of --what all) into the journal.

    Everything or nothing: every row is checked first, every bad row is listed
    with its line number, and one bad row means nothing is written.

    journal import journal.csv --dry-run
    journal import journal-export --on-conflict skip
    """
    from journal.io.csv_import import read_path
    from journal.store.transfer import import_bundle

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
