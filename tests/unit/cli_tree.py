"""The tree of `journal` commands, as click knows it: a new command is in it the day it is added."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from journal.cli import cli


def command_tree(
    group: click.Group = cli, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under `group` as (words after `journal`, command), by name; a group is a command of its own
    too. The root's commands are imported as they are listed, as `journal --help` does."""
    context = click.Context(group, info_name=" ".join(("journal", *path)))
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, f"journal {' '.join((*path, name))} is listed but cannot be loaded"
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from command_tree(command, (*path, name))


def modules_loaded(args: list[str], db_path: Path) -> set[str]:
    """The modules a fresh process has imported once `journal ARGS --db DB_PATH` is done."""
    code = (
        "import sys\n"
        "from journal.cli import main\n"
        "try:\n"
        f"    main({[*args, '--db', str(db_path)]!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(repr(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(ast.literal_eval(result.stdout.strip().splitlines()[-1]))
