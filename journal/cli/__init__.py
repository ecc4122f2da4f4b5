"""The `journal` command line: the root command, which imports a command's module only when it is used.

    entries.py    add, show, flags, week
    checklist.py  check, uncheck, checklist, items
    goals.py      goal, assess
    data.py       export, import, backup, restore
    settings.py   sites, settings, themes, demo
    training.py   session, plan, overuse
    common.py     what they share: declaring a command and reading its words, --db and the journal file,
                  questions and output, dates, one-line errors

`journal add` imports journal.cli.entries and no other family; only the bare
`journal` command imports the app (and Textual).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from journal.cli.common import (
    DB,
    Command,
    CommandError,
    CommandParser,
    JournalFile,
    Param,
    UsageError,
    did_you_mean,
    echo,
    one_line_errors,
    option,
)
from journal.config import DB_VARIABLE
from journal.errors import InvalidInput, JournalError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: 3 ms of every command's start
if TYPE_CHECKING:
    from typing import NoReturn

    from journal.cli.common import Run

# Every command of `journal`: where it is ("module:attribute") and its summary, the first line of its help,
# for `journal --help` to list without importing every module (a test holds the two the same).
COMMANDS = {
    "add": ("journal.cli.entries:add", "Log or change a day (default today)."),
    "show": ("journal.cli.entries:show", "Show a day (default today), or the days from --from to --to as a table."),
    "flags": (
        "journal.cli.entries:flags",
        "The flags active on a day: pain that lasts or rises, sleep debt, post-race nights, cramps rising, low days.",
    ),
    "week": (
        "journal.cli.entries:week",
        "The weekly review (default this week): averages, flags, training, plans, overuse, checklist, goals, notes.",
    ),
    "check": ("journal.cli.checklist:check", "Tick a checklist item as done on a day (default today)."),
    "uncheck": (
        "journal.cli.checklist:uncheck",
        "Take back a tick (default today): `journal uncheck strides yesterday`.",
    ),
    "checklist": (
        "journal.cli.checklist:checklist",
        "The week's checklist (default this week): WEEK is 2026-W48, this, last or a date in it.",
    ),
    "items": ("journal.cli.checklist:items", "List checklist items; add, edit, move, retire or remove one."),
    "goal": ("journal.cli.goals:goal", "Offseason goals: add, edit, list, move, finish or remove them."),
    "assess": (
        "journal.cli.goals:assess",
        'Look back on a race or season; each "yes" proposes offseason goals for the board.',
    ),
    "export": ("journal.cli.data:export", "Write the journal as CSV; see the README for every column."),
    "import": (
        "journal.cli.data:import_",
        "Read CSV written by `journal export` (a file, or the folder of --what all), or another app's export.",
    ),
    "backup": (
        "journal.cli.data:backup",
        "Copy the journal to PATH, or to a new timestamped file in the backups folder.",
    ),
    "restore": (
        "journal.cli.data:restore",
        "Replace the journal with the backup PATH; the journal as it was is backed up first.",
    ),
    "session": (
        "journal.cli.training:session",
        "Training sessions: add, list, edit or remove them, and choose which checklist item each kind ticks.",
    ),
    "plan": (
        "journal.cli.training:plan",
        "Return to running after pain: each running plan's stage, today's session and every decision.",
    ),
    "overuse": (
        "journal.cli.training:overuse",
        "The weekly overuse check (OSTRC-O2): answer four questions for a site, or list each site's severity.",
    ),
    "sites": ("journal.cli.settings:sites", "List body sites; add, rename or remove one."),
    "settings": (
        "journal.cli.settings:settings",
        "Show the settings, or set one: `journal settings week_start sunday`.",
    ),
    "themes": (
        "journal.cli.settings:themes",
        "List the themes: the built-in ones and yours, the one in use marked with *.",
    ),
    "demo": ("journal.cli.settings:demo", "Fill an empty journal with a realistic offseason, to try the journal out."),
}


class LazyGroup(Command):
    """A group that knows its commands by "module:attribute" and summary, and imports a module only when one is used."""

    def __init__(self, run: Run, params: tuple[Param, ...], table: Mapping[str, tuple[str, str]]) -> None:
        super().__init__(run, params, {})
        self.table = table

    def find(self, name: str) -> Command | None:
        if name not in self.table:
            return None
        module_name, attribute = self.table[name][0].split(":")
        # The import statement's own machinery: `python -X importtime` reports it (not importlib.import_module).
        found = getattr(__import__(module_name, fromlist=[attribute]), attribute)
        if not isinstance(found, Command):
            raise TypeError(f"{self.table[name][0]} is not a command")
        return found

    def listing(self) -> dict[str, str]:
        return {name: summary for name, (_, summary) in sorted(self.table.items())}


def journal(journal_file: JournalFile, subcommand: str | None, theme: str | None) -> int | None:
    """Offseason: a training journal for a runner's offseason.

    Run without a command to open the full-screen journal.
    """
    if theme is not None:
        from journal.config.themes import parse_theme_name

        theme = parse_theme_name(theme)
        if subcommand is not None:
            raise InvalidInput("--theme is for the app: journal --theme NAME")
    if subcommand is not None:
        from journal.startup import release_collector

        release_collector()  # started: the command's own work runs with the collector on
        return None
    # A bad file is refused before the screen is taken over; a new one is only
    # created once the app can really start.
    journal = journal_file.existing()
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InvalidInput("the journal app needs a terminal; for scripts use journal add, show or export")
    journal = journal or journal_file.open(for_app=True)
    from journal.ui.app import run_app

    return run_app(journal, theme=theme)


ROOT = LazyGroup(
    journal,
    (
        DB,
        option("--theme", metavar="NAME", help="Open the app in this theme (see journal themes); it is remembered."),
        option("--version", action="store_true", help="Show the version and exit."),
    ),
    table=COMMANDS,
)


def run(words: list[str], journal_file: JournalFile) -> int | None:
    """Read the words a level at a time, as click did: a group's options, then its own work, then its
    subcommand's words; a command's exit code, or None."""
    if os.environ.get(DB_VARIABLE):
        journal_file.choose(Path(os.environ[DB_VARIABLE]), from_environment=True)
    command: Command = ROOT
    prog = "journal"
    while True:
        parser = CommandParser(command, prog)
        values, rest = parser.read(words)
        if values.pop("help", False):
            echo(parser.format_help(), end="")
            return 0
        if values.pop("version", False):
            from importlib.metadata import version

            echo(f"{prog}, version {version('offseason')}")  # the version in pyproject.toml
            return 0
        path = values.pop("db")
        if path is not None:
            journal_file.choose(path)
        if command.subcommands is None:
            return command.run(journal_file, **values)
        name, words = (rest[0], rest[1:]) if rest else (None, [])
        if name is None and command.needs_subcommand:
            raise UsageError("Missing command.", prog)
        subcommand = command.find(name) if name is not None else None
        if name is not None and subcommand is None:
            raise UsageError(f"No such command {name!r}.{did_you_mean(name, list(command.listing()))}", prog)
        code = command.run(journal_file, name, **values)  # a group's own work, before its subcommand's
        if subcommand is None:
            return code
        command, prog = subcommand, f"{prog} {name}"


def main(args: Sequence[str] | None = None) -> NoReturn:
    """`journal` (the console script) and `python -m journal`: main(["add", "--mood", "4"]) runs one command
    line and exits with its code: 0, 1 for a question not answered or output not written, 2 for bad input,
    70 for a fault of the program. A journal the command made is put in place only once it succeeded."""
    journal_file = JournalFile()
    code: int | str | None
    try:
        with one_line_errors():
            code = run(list(sys.argv[1:] if args is None else args), journal_file)
    except CommandError as error:
        error.show()
        code = error.exit_code
    except SystemExit as done:
        code = done.code
    try:
        journal_file.settle(code in (0, None))
    except JournalError as error:
        refusal = CommandError(str(error))
        refusal.show()
        code = refusal.exit_code
    sys.exit(0 if code is None else code)
