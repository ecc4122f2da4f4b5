"""The `journal` command line: the root group, which imports a command's module only when it is used.

    entries.py    add, show, flags, week
    checklist.py  check, uncheck, checklist, items
    goals.py      goal, assess
    data.py       export, import, backup, restore
    settings.py   sites, settings, themes, demo
    common.py     what they share: --db and the journal file, options given once, dates, one-line errors

`journal add` imports journal.cli.entries and no other family; only the bare
`journal` command imports the app (and Textual).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any

import click

from journal.cli.common import CommandError, JournalFile, JournalGroup, db_option, one_line_errors
from journal.errors import InvalidInput, JournalError

# Every command of `journal`, as "module:attribute".
COMMANDS = {
    "add": "journal.cli.entries:add",
    "show": "journal.cli.entries:show",
    "flags": "journal.cli.entries:flags",
    "week": "journal.cli.entries:week",
    "check": "journal.cli.checklist:check",
    "uncheck": "journal.cli.checklist:uncheck",
    "checklist": "journal.cli.checklist:checklist",
    "items": "journal.cli.checklist:items",
    "goal": "journal.cli.goals:goal",
    "assess": "journal.cli.goals:assess",
    "export": "journal.cli.data:export",
    "import": "journal.cli.data:import_",
    "backup": "journal.cli.data:backup",
    "restore": "journal.cli.data:restore",
    "sites": "journal.cli.settings:sites",
    "settings": "journal.cli.settings:settings",
    "themes": "journal.cli.settings:themes",
    "demo": "journal.cli.settings:demo",
}


class LazyGroup(JournalGroup):
    """A group that knows its commands by "module:attribute" and imports a module only when one is used."""

    def __init__(self, *args: Any, lazy_commands: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.lazy_commands:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = self.lazy_commands[cmd_name].split(":")
        # The import statement's own machinery: `python -X importtime` reports it (not importlib.import_module).
        command = getattr(__import__(module_name, fromlist=[attribute]), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.lazy_commands[cmd_name]} is not a command")
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.lazy_commands:
            # Not a command name: click suggests the close ones among those loaded, so load them all.
            for name in self.lazy_commands:
                command = self.get_command(ctx, name)
                if command is not None:
                    self.add_command(command, name)
        return super().resolve_command(ctx, args)


class RootGroup(LazyGroup):
    """`journal`: every failure is one line on stderr (see one_line_errors), and the journal file the
    command line works on is one JournalFile on `ctx.obj`, whose new journal is settled at the end."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        with one_line_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with one_line_errors():
            return super().invoke(ctx)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        journal_file = extra["obj"] = JournalFile()
        succeeded = False
        try:
            result = super().main(
                args,
                prog_name or "journal",
                complete_var,
                standalone_mode,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            succeeded = True  # standalone, main never returns: it exits
            return result
        except SystemExit as done:
            succeeded = done.code in (0, None)
            raise
        finally:
            try:
                journal_file.settle(succeeded)
            except JournalError as error:
                refusal = CommandError(str(error))
                refusal.show()
                sys.exit(refusal.exit_code)


@click.group(
    cls=RootGroup,
    lazy_commands=COMMANDS,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    params=[db_option()],
)
@click.option("--theme", metavar="NAME", help="Open the app in this theme (see journal themes); it is remembered.")
@click.version_option(package_name="offseason", prog_name="journal")  # the version in pyproject.toml
@click.pass_context
def cli(ctx: click.Context, theme: str | None) -> None:
    """Offseason: a training journal for a runner's offseason.

    Run without a command to open the full-screen journal.
    """
    if theme is not None:
        from journal.config.themes import parse_theme_name

        theme = parse_theme_name(theme)
        if ctx.invoked_subcommand is not None:
            raise InvalidInput("--theme is for the app: journal --theme NAME")
    if ctx.invoked_subcommand is not None:
        from journal.startup import release_collector

        release_collector()  # started: the command's own work runs with the collector on
    if ctx.invoked_subcommand is None:
        # A bad file is refused before the screen is taken over; a new one is only
        # created once the app can really start.
        journal_file = ctx.ensure_object(JournalFile)
        journal = journal_file.existing()
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise InvalidInput("the journal app needs a terminal; for scripts use journal add, show or export")
        journal = journal or journal_file.open(for_app=True)
        from journal.ui.app import run_app

        ctx.exit(run_app(journal, theme=theme))


# `journal` (the console script) and `python -m journal`: main(["add", "--mood", "4"]) runs one command line
# and exits with its code: 0, 1 for a question not answered or output not written, 2 for bad input.
main = cli
