"""The tree of `journal` commands, as the command line declares them: a new command is in it the day it is added."""

from __future__ import annotations

import argparse
import ast
import dataclasses
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from journal.cli import ROOT
from journal.cli.common import Command, CommandParser


def command_tree(group: Command = ROOT, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Command]]:
    """Every command under `group` as (words after `journal`, command), by name; a group is a command of its own
    too. The root's commands are imported as they are listed."""
    for name in group.listing():
        command = group.find(name)
        assert command is not None, f"journal {' '.join((*path, name))} is listed but cannot be loaded"
        yield (*path, name), command
        if command.subcommands is not None:
            yield from command_tree(command, (*path, name))


@dataclasses.dataclass(frozen=True)
class Word:
    """An argument or option of a command, as its parser reads it."""

    name: str  # the name its value is given by
    flags: tuple[str, ...]  # its spellings; none for an argument
    required: bool
    takes_value: bool  # a flag takes none
    repeatable: bool
    choices: tuple[str, ...]


def command_words(words: tuple[str, ...], command: Command) -> list[Word]:
    """The arguments and options of `journal WORDS` from its own parser, but --db and --help."""
    parser = CommandParser(command, " ".join(("journal", *words)))
    return [
        Word(
            action.dest,
            tuple(action.option_strings),
            action in parser.required,
            action.nargs != 0,
            isinstance(action, argparse._AppendAction),
            tuple(getattr(action.type, "choices", ())),
        )
        for action in parser._actions
        if action.dest not in ("db", "help")
    ]


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
