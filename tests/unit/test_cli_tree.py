"""The tree of commands: every one answers --help, and a family's module is imported only when it is used.

The commands come from the command line's own tree (tests/unit/cli_tree.py), so a new
command or subcommand is covered the day it is added.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil

import pytest

import journal.cli
from journal.cli import COMMANDS, main
from journal.cli.common import Command
from tests.unit.cli_tree import command_tree, modules_loaded

TREE = list(command_tree())


@pytest.mark.parametrize("spelling", ["--help", "-h"])
@pytest.mark.parametrize("words", [(), *(words for words, _ in TREE)], ids=lambda words: " ".join(("journal", *words)))
def test_every_command_and_subcommand_answers_help(capsys, words, spelling):
    with pytest.raises(SystemExit) as exit_info:
        main([*words, spelling])
    out, err = capsys.readouterr()
    assert (exit_info.value.code, err) == (0, "")
    assert out.startswith(f"Usage: {' '.join(('journal', *words))} [OPTIONS]"), out
    assert "--db PATH" in out, "every command takes --db"


def test_the_tree_has_every_command_and_subcommand():
    names = {" ".join(words) for words, _ in TREE}
    assert {"add", "show", "import", "goal", "goal add", "items move", "sites rename", "demo"} <= names
    assert {"session", "session add", "session kinds", "plan", "plan ladder", "overuse"} <= names
    assert len(names) == 43


def test_every_command_a_family_module_defines_is_on_the_root():
    listed = {where for where, _ in COMMANDS.values()}
    families = {name for _, name, _ in pkgutil.iter_modules(journal.cli.__path__)} - {"common"}
    assert families == {where.split(":")[0].rsplit(".", 1)[1] for where in listed}
    for family in families:
        module = importlib.import_module(f"journal.cli.{family}")
        commands = {name: value for name, value in vars(module).items() if isinstance(value, Command)}
        under_groups = {id(sub) for value in commands.values() for sub in (value.subcommands or {}).values()}
        for name, command in commands.items():
            if id(command) not in under_groups:
                assert f"journal.cli.{family}:{name}" in listed, f"{family}.{name} is not in journal.cli.COMMANDS"


@pytest.mark.parametrize(
    ("args", "family"),
    [
        (["add", "--sleep", "7"], "entries"),
        (["goal", "list"], "goals"),
        (["check", "strength"], "checklist"),
        (["export"], "data"),
        (["themes"], "settings"),
        (["session", "list"], "training"),
        (["plan"], "training"),
        (["overuse", "--questions"], "training"),
    ],
)
def test_a_command_imports_its_own_family_and_no_other(db_path, args, family):
    loaded = {name for name in modules_loaded(args, db_path) if name.startswith("journal.cli")}
    assert loaded == {"journal.cli", "journal.cli.common", f"journal.cli.{family}"}


@pytest.mark.parametrize("plan", [False, True], ids=["no plan", "a plan running"])
@pytest.mark.parametrize("day", [None, "yesterday", "2026-11-20"])
def test_journal_add_imports_only_what_a_day_needs(db_path, day, plan):
    """`journal add` is run every morning: it reads no review, signal, goal or session module, and an existing journal
    needs no migration code, nor the copy kept before an upgrade; today, yesterday or a date are read without
    dateutil; its words are read without click (which sqlite-utils imports to make a journal) or Textual."""
    from journal.store import open_journal

    with open_journal(db_path) as journal:
        if plan:  # a plan's next session is looked for (journal.store.plan_due), and its settings read
            from journal.store.plans import start_plan

            start_plan(journal, "knee", "left", today=dt.date(2026, 11, 1))
    loaded = modules_loaded(["add", *([day] if day else []), "--mood", "4"], db_path)
    heavy = {
        "journal.render.review",
        "journal.domain.review",
        "journal.domain.signals",
        "journal.domain.goals",
        "journal.domain.sessions",
        "journal.store.migrations",
        "journal.store.backup",
        "journal.io.csv_export",
        "dateutil",
        "sqlite_utils",
        "click",
        "textual",
    }
    assert not loaded & heavy, loaded & heavy
    assert "journal.render.day" in loaded
    assert ("journal.store.plan_due" in loaded) == plan


def test_an_export_to_stdout_imports_no_file_writing(db_path):
    """`journal export > file` writes as it reads: the temporary files and digests of a written file are not
    imported."""
    from journal.store import open_journal

    open_journal(db_path).close()
    loaded = modules_loaded(["export"], db_path)
    assert "journal.io.csv_export" in loaded
    assert not loaded & {"journal.io.export_files", "tempfile", "hashlib"}, loaded & {"journal.io.export_files"}


def test_an_export_of_the_days_imports_only_what_the_days_need(db_path):
    """`journal export` writes the days: not the import's records (journal.domain.bundle and the plans, goals
    and sessions it brings, some 20 ms), not the other kinds' code, and not typing (about 2 ms)."""
    from journal.store import open_journal

    open_journal(db_path).close()
    loaded = modules_loaded(["export"], db_path)
    heavy = {
        "journal.domain.bundle",
        "journal.domain.plan",
        "journal.domain.goals",
        "journal.domain.sessions",
        "journal.domain.checklist",
        "journal.io.csv_import",
        "journal.store.transfer",
        "typing",
        "dateutil",
        "sqlite_utils",
        "click",
        "textual",
    }
    assert not loaded & heavy, loaded & heavy


def test_every_summary_on_the_root_is_the_first_line_of_its_commands_help():
    """`journal --help` lists the summaries from journal.cli.COMMANDS, without importing every family."""
    from journal.cli import ROOT

    for name, (_, summary) in COMMANDS.items():
        command = ROOT.find(name)
        assert command is not None
        assert summary == command.description.splitlines()[0], f"journal.cli.COMMANDS[{name!r}] has drifted"


def test_the_root_help_lists_every_command_and_imports_no_family(db_path):
    from journal.cli import ROOT

    loaded = modules_loaded(["--help"], db_path)
    assert not {name for name in loaded if name.startswith("journal.cli.")} - {"journal.cli.common"}
    assert not {"click", "textual"} & loaded
    assert set(ROOT.listing()) == set(COMMANDS)


@pytest.mark.parametrize(
    ("words", "command"), TREE, ids=lambda value: " ".join(value) if isinstance(value, tuple) else ""
)
def test_every_help_shows_its_examples_line_for_line(capsys, words, command):
    with pytest.raises(SystemExit):
        main([*words, "--help"])
    out = capsys.readouterr().out
    examples = [line for line in command.description.splitlines() if line.startswith("journal ")]
    for line in examples:
        assert f"\n  {line}\n" in out, line
    assert "\\b" not in out
