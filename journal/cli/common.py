"""What every command shares: how a command is declared and its words read, `--db` and the journal file it
names, questions and output, dates and paths typed on the command line, and errors said in one line."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import functools
import os
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from journal import clock
from journal.config import journal_path
from journal.errors import BadRows, InvalidInput, JournalError

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: 3 ms of every command's start
if TYPE_CHECKING:
    from typing import Any, NoReturn, TypeVar

    from journal.store import Journal

    T = TypeVar("T")
    Run = Callable[..., Any]

INTERNAL_ERROR = 70  # EX_SOFTWARE: a fault of the program; bad input is always 2

# -- errors -------------------------------------------------------------------------


class CommandError(Exception):
    """Why a command line did not do its work, as one line on stderr: `journal: ...`.

    As such, exit code 2: input the journal does not take, or a file it cannot use;
    nothing was changed. The subclasses below have codes of their own.
    """

    exit_code = 2

    def show(self) -> None:
        echo(f"journal: {self}", err=True)


class UsageError(CommandError):
    """A command line the parser cannot read, with where to look: `(see: journal add --help)`."""

    def __init__(self, message: str, prog: str | None = None) -> None:
        super().__init__(f"{message} (see: {prog} --help)" if prog else message)


class Stopped(CommandError):
    """A question that was not answered (or the command was interrupted): exit code 1."""

    exit_code = 1

    def __init__(self) -> None:
        super().__init__("stopped")


class Unfinished(CommandError):
    """The command could not finish, its output not written (a full disk): exit code 1; what it saved stays saved."""

    exit_code = 1


class Fault(CommandError):
    """A fault of the program, not of the input."""

    exit_code = INTERNAL_ERROR


@contextlib.contextmanager
def one_line_errors() -> Iterator[None]:
    """Every way a command line can fail, turned into a CommandError; a closed stdout ends it with exit code 0."""
    try:
        yield
    except CommandError:
        raise
    except (EOFError, KeyboardInterrupt):
        echo(err=True)  # closes the terminal's ^C
        raise Stopped from None
    except BadRows as error:
        raise CommandError(
            f"nothing was imported; {len(error.problems)} problem"
            f"{'s' if len(error.problems) != 1 else ''} to fix:\n{error}"
        ) from None
    except JournalError as error:
        raise CommandError(str(error)) from None
    except sqlite3.Error as error:
        raise CommandError(f"the journal file cannot be read: {error} (nothing was changed)") from None
    except BrokenPipeError:
        # `journal show | head`: the reader left early, which is not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0) from None
    except OSError as error:
        # The output could not be written (a full disk behind stdout): what was saved stays saved.
        raise Unfinished(f"cannot write the output: {error.strerror or error}") from None
    except Exception as error:
        # A fault of the program, not of the input: one line, and the details on request.
        if os.environ.get("JOURNAL_DEBUG"):
            raise
        raise Fault(
            f"an unexpected error ({type(error).__name__}: {error}); every write is one transaction,"
            " so none was half-made. Please report it, with what you typed (JOURNAL_DEBUG=1 shows the"
            " details)"
        ) from None


# -- output and questions -------------------------------------------------------------


# Control characters a note may hold, as `cat -v` shows them: printed as they are, an escape sequence in a note
# would drive the terminal (clear it, retitle it, hide what follows). Line ends and tabs are kept.
_VISIBLE = {code: f"^{chr(code + 64)}" for code in range(32) if chr(code) not in "\n\t"} | {
    0x7F: "^?",
    **{code: f"M-^{chr(code - 0x80 + 64)}" for code in range(0x80, 0xA0)},
}


def echo_lines(lines: Iterable[str]) -> None:
    for line in lines:
        echo(line)


def visible(text: str) -> str:
    """`text` safe to print to a terminal: CRLF line ends as line ends, other control characters as `^[`."""
    return text.replace("\r\n", "\n").translate(_VISIBLE)


def echo(text: str = "", *, err: bool = False, end: str = "\n") -> None:
    """Print to stdout (or stderr) at once: a closed pipe or a full disk is met inside the command, not at exit.

    What is printed is for reading: a control character in the runner's text is shown, never sent to the terminal
    (`journal export` writes the text as it is)."""
    stream = sys.stderr if err else sys.stdout
    stream.write(visible(text + end))
    stream.flush()


def _answer(question: str) -> str:
    """A line typed in answer; none (end of input) or ^C stops the command."""
    try:
        return input(question)
    except (EOFError, KeyboardInterrupt):
        raise Stopped from None


def ask(question: str, parse: Callable[[str], T], *, default: str, show_default: bool = True) -> T:
    """Ask until the answer parses (an empty one is the default); a refusal is said and the question asked again."""
    shown = f"{question} [{default}]: " if show_default else f"{question}: "
    while True:
        try:
            return parse(_answer(shown) or default)
        except InvalidInput as error:
            echo(f"Error: {error}")


def confirm(question: str, *, default: bool = False) -> bool:
    """A yes or no: y, yes, n or no in any case, or enter for the default."""
    shown = f"{question} [{'Y/n' if default else 'y/N'}]: "
    while True:
        answer = _answer(shown).lower().strip()
        if answer in ("y", "yes", "n", "no", ""):
            return answer.startswith("y") if answer else default
        echo("Error: invalid input")


# -- the journal file ---------------------------------------------------------------


@dataclasses.dataclass
class _NewJournal:
    journal: Journal
    building: Path
    place: Path
    was_empty: bool  # the place held an empty file, which the journal may take
    commits: int  # the journal's commits once made: more, and something was saved in it
    keep: bool = True  # False for a dry run: made to check, never put in place


class JournalFile:
    """The journal a command line works on: every command is given it.

    `--db` (before or after the command name, once) or else $JOURNAL_DB chooses the
    file, else the user-data folder's. The journal is opened only when a command asks:
    commands that only read never create one. A new journal is made under a hidden
    name beside its place and put in place by `settle`, once the command has
    succeeded: a refused command leaves nothing behind, and no other program ever
    sees, or writes into, a journal that could be taken away.
    """

    def __init__(self) -> None:
        self.given: Path | None = None  # --db on the command line
        self.from_environment: Path | None = None  # $JOURNAL_DB
        self._made: list[_NewJournal] = []
        self._opened: list[Journal] = []

    def choose(self, path: Path, *, from_environment: bool = False) -> None:
        if from_environment:
            self.from_environment = path
        elif self.given is not None:
            raise InvalidInput("--db is given more than once: give it once")
        else:
            self.given = path

    @property
    def path(self) -> Path:
        return journal_path(self.given or self.from_environment)

    def open(self, *, create: bool = True, for_app: bool = False) -> Journal:
        """The journal, closed when the command is done; without `create` a missing one is NoJournalYet."""
        from journal.store import open_journal

        path = self.path
        was_empty = path.is_file() and path.stat().st_size == 0
        if create and not for_app and (was_empty or not path.exists()):
            building = path.with_name(f".{path.name}.{os.getpid()}.new")
            _remove_with_logs(building)
            journal = open_journal(building, create=True)
            self._made.append(_NewJournal(journal, building, path, was_empty, journal.commits))
            journal.path = path  # how it is named to the runner
        else:
            journal = open_journal(path, create=create)
        self._opened.append(journal)
        return journal

    def existing(self) -> Journal | None:
        """The journal when there is one, else None (no file, or an empty one): a bad file is refused here."""
        from journal.store.db import NoJournalYet

        try:
            return self.open(create=False)
        except NoJournalYet:
            return None

    def discard_new(self) -> None:
        """A journal this command made is thrown away even when it succeeds (it was made to check a dry run)."""
        for new in self._made:
            new.keep = False

    def settle(self, succeeded: bool) -> None:
        """Close the journals the command opened; put those it made in place once it succeeded, or saved
        something before it failed (its output could not be written); throw the others away."""
        opened, self._opened = self._opened, []
        for journal in opened:
            journal.close()
        made, self._made = self._made, []
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
                raise InvalidInput(
                    f"another program made {new.place} meanwhile, so this command's journal was"
                    " not put there: run the command again"
                ) from None
            finally:
                _remove_with_logs(new.building)


def _remove_with_logs(path: Path) -> None:
    from journal.files import with_companions

    for each in with_companions(path):
        each.unlink(missing_ok=True)


# -- commands and the words they take --------------------------------------------------

EAGER = ("help", "version")  # answered as soon as the words are read, whatever else they hold (as click did)


class Param:
    """One argument or option of a command: what ArgumentParser.add_argument is given, and whether it is required
    (checked once the words are read, and said as click said it)."""

    # A plain class, as Command below: a dataclass is made at import, which every command would wait for.
    def __init__(self, flags: tuple[str, ...], settings: Mapping[str, Any], required: bool = False) -> None:
        self.flags, self.settings, self.required = flags, settings, required

    @property
    def is_option(self) -> bool:
        return self.flags[0].startswith("-")


def argument(name: str, *, required: bool = True, metavar: str | None = None, **settings: Any) -> Param:
    """A word of the command's own, by its place: `journal check ITEM [DATE]`."""
    shown = metavar or name.upper()
    return Param((name,), {"nargs": "?", "metavar": shown, "help": argparse.SUPPRESS, **settings}, required)


def option(*flags: str, help: str, required: bool = False, show_default: bool = False, **settings: Any) -> Param:
    """An option: one that takes a value (shown as TEXT unless a metavar or its type says otherwise), a flag
    (`action="store_true"`), a pair of flags (`action=Switch`) or a repeatable one (`action="append"`)."""
    kind = settings.get("type")
    if settings.get("action") in (None, "append"):
        settings.setdefault("metavar", getattr(kind, "metavar", "TEXT"))
    notes = [f"default: {settings['default']}"] if show_default else []
    notes += [limits] if (limits := getattr(kind, "limits", "")) else []
    notes += ["required"] if required else []
    shown = f"{help}  [{'; '.join(notes)}]" if notes else help
    return Param(flags, {**settings, "help": shown.replace("%", "%%")}, required)  # argparse formats help with %


class Switch(argparse.Action):
    """A yes-or-no given by one of two flags (`--faded` / `--no-faded`): the first says yes."""

    def __init__(self, option_strings: Sequence[str], dest: str, **settings: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **settings)

    def __call__(
        self, parser: Any, namespace: argparse.Namespace, values: Any, option_string: str | None = None
    ) -> None:
        setattr(namespace, self.dest, option_string == self.option_strings[0])


DB = option("--db", metavar="PATH", type=Path, help="Journal file (default: $JOURNAL_DB, then the user-data folder).")
HELP = option("-h", "--help", action="store_true", help="Show this message and exit.")


class Command:
    """A command of `journal`: the words it takes (each a Param), what it does, and for a group its subcommands.

    `run` is given the journal file and the values by name; a group's also the name of the subcommand that
    follows, or None, and runs before it. Its docstring is the command's help: the first line is its summary,
    and a paragraph of `journal ...` lines is a block of examples, shown line for line.
    """

    def __init__(
        self,
        run: Run,
        params: tuple[Param, ...] = (),
        subcommands: dict[str, Command] | None = None,
        needs_subcommand: bool = False,  # `journal goal` alone is a mistake; `journal items` lists the items
    ) -> None:
        self.run, self.params, self.subcommands, self.needs_subcommand = run, params, subcommands, needs_subcommand

    @property
    def summary(self) -> str:
        return (self.run.__doc__ or "").partition("\n")[0]

    @property
    def description(self) -> str:
        import textwrap

        first, _, rest = (self.run.__doc__ or "").partition("\n")
        return f"{first}\n{textwrap.dedent(rest)}".strip()

    @property
    def usage(self) -> str:
        words = ["%(prog)s [OPTIONS]"]
        for param in self.params:
            if not param.is_option:
                metavar = param.settings["metavar"]
                words.append(metavar if param.required else f"[{metavar}]")
        if self.subcommands is not None:
            words.append("COMMAND [ARGS]..." if self.needs_subcommand else "[COMMAND] [ARGS]...")
        return " ".join(words)

    def command(self, name: str, *params: Param) -> Callable[[Run], Command]:
        """A subcommand of this group: `@items.command("add", argument("title"), option(...))`."""

        def declare(run: Run) -> Command:
            assert self.subcommands is not None, "only a group has subcommands"
            self.subcommands[name] = Command(run, params)
            return self.subcommands[name]

        return declare

    def find(self, name: str) -> Command | None:
        return (self.subcommands or {}).get(name)

    def listing(self) -> dict[str, str]:
        """Each subcommand's name and summary, by name."""
        return {name: command.summary for name, command in sorted((self.subcommands or {}).items())}


def command(*params: Param) -> Callable[[Run], Command]:
    """Declare a command: `@command(argument("date", required=False), option("--mood", ...))` over its function."""
    return lambda run: Command(run, params)


def group(*params: Param, needs_subcommand: bool = False) -> Callable[[Run], Command]:
    """Declare a group of commands, whose subcommands are declared with `@the_group.command(name, ...)`."""
    return lambda run: Command(run, params, {}, needs_subcommand)


class HelpFormatter(argparse.HelpFormatter):
    """click's layout: `Usage:` first, then the description indented and filled, its examples kept line for line."""

    def __init__(self, prog: str, width: int | None = None) -> None:
        if width is None:
            import shutil

            width = max(min(shutil.get_terminal_size().columns, 80) - 2, 50)
        super().__init__(prog, max_help_position=30, width=width)

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Usage: " if prefix is None else prefix)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        indent += "  "
        shown = []
        for paragraph in text.split("\n\n"):
            lines = paragraph.splitlines()
            if all(line.startswith("journal ") for line in lines):
                shown.append("\n".join(indent + line for line in lines))
            else:
                shown.append(textwrap.fill(" ".join(lines), width, initial_indent=indent, subsequent_indent=indent))
        return "\n\n".join(shown)


class CommandParser(argparse.ArgumentParser):
    """A command's words, read as click read them (see `click_words`) with argparse doing the rest.

    A refusal is a UsageError, one line: argparse never prints its usage block, nor exits on its own.
    """

    def __init__(self, command: Command, prog: str) -> None:
        super().__init__(
            prog=prog,
            usage=command.usage,
            # Reading the words makes formatters too (argparse checks each metavar with one): the terminal's
            # width, and the import of shutil for it, wait for the help (format_help).
            formatter_class=functools.partial(HelpFormatter, width=78),
            add_help=False,
            allow_abbrev=False,  # click never took `--sle` for `--sleep`
            exit_on_error=False,
        )
        self.command = command
        self.required: list[argparse.Action] = []
        options = self.add_argument_group("Options")
        for param in (*command.params, *[DB] * (DB not in command.params), HELP):
            action = (options if param.is_option else self).add_argument(*param.flags, **param.settings)
            if param.required:
                self.required.append(action)

    def error(self, message: str) -> NoReturn:
        """argparse's refusal: one line, with where to look, never its usage block and exit code 2."""
        raise UsageError(message, self.prog)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        """argparse's own way out (its --help and --version, which the journal answers itself): never taken."""
        raise UsageError((message or "").strip() or "stopped", self.prog)

    def format_help(self) -> str:
        self.formatter_class = HelpFormatter
        self.description = self.command.description
        if self.command.subcommands is not None:
            # Laid out as argparse lays out arguments; this parser only shows its help.
            listing = self.add_argument_group("Commands")
            for name, summary in self.command.listing().items():
                listing.add_argument(name, help=summary.replace("%", "%%"))
        return super().format_help()

    def read(self, words: list[str]) -> tuple[dict[str, Any], list[str]]:
        """The values by name, and for a group the words from its command's name on ([] when there is none).

        An option that asks for help (or the version) is answered before any value is checked, as click did.
        """
        for_argparse, rest, given = self.click_words(words)
        eager = [action.dest for action in given if action.dest in EAGER]
        if eager:
            return {eager[0]: True}, []
        try:
            namespace, extra = self.parse_known_args(for_argparse)
            values = vars(namespace)
            for action in self._dash_values:
                values[action.dest] = self._dash_value(action, values[action.dest])
        except argparse.ArgumentError as error:
            hint = " / ".join(repr(name) for name in (error.argument_name or "").split("/"))
            raise UsageError(f"Invalid value for {hint}: {error.message}", self.prog) from None
        for action in self.required:
            if values[action.dest] is None:
                kind = "option" if action.option_strings else "argument"
                hint = " / ".join(repr(name) for name in action.option_strings or [str(action.metavar)])
                raise UsageError(f"Missing {kind} {hint}.", self.prog)
        extra = extra[1:] if extra[:1] == ["--"] else extra  # a command that takes no words of its own
        if extra:
            raise UsageError(f"Got unexpected extra argument{'s' * (len(extra) > 1)} ({' '.join(extra)})", self.prog)
        return values, rest

    def click_words(self, words: list[str]) -> tuple[list[str], list[str], list[argparse.Action]]:
        """The words for argparse, a group's words from its command's name on, and the options given, in order.

        click read some words otherwise than argparse, and the journal keeps its way: the word after an option
        that takes a value is the value whatever it looks like (`--note -3`); a word that starts with '-' and is
        no option is refused, even one argparse would take for a negative number (`-3`); `-oFILE` and `-hx` are
        short options run together; and an option given twice is refused (`--mood 3 --mood 4`) unless it is
        repeatable, rather than the last one winning. argparse is given the options, each with its value
        attached (`--note=-3`), then `--` and the command's own words, in their order.
        """
        options: list[str] = []
        own: list[str] = []
        given: list[argparse.Action] = []
        self._dash_values: list[argparse.Action] = []  # options whose value is "--", which argparse drops
        waiting = list(reversed(words))
        while waiting:
            word = waiting.pop()
            if word == "--" or word == "-" or not word.startswith("-"):
                if self.command.subcommands is not None:  # a group's options end at its command's name
                    return options, [*([word] if word != "--" else []), *reversed(waiting)], self._once(given)
                if word == "--":  # the words after it are the command's own, whatever they look like
                    own += reversed(waiting)
                    break
                own.append(word)
                continue
            name, equals, value = word.partition("=") if word.startswith("--") else (word[:2], "", word[2:])
            action = self._option_string_actions.get(name)
            if action is None:
                raise self.no_such_option(name)
            given.append(action)
            if action.nargs == 0:
                if equals:
                    raise UsageError(f"Option {name!r} does not take a value.")
                if value:
                    waiting.append(f"-{value}")  # -hx is -h -x
                options.append(name)
                continue
            if not (equals or value):
                if not waiting:
                    raise UsageError(f"Option {name!r} requires an argument.")
                value = waiting.pop()
            if value == "--":
                self._dash_values.append(action)
                continue
            long_name = next(flag for flag in action.option_strings if flag.startswith("--"))
            options.append(f"{long_name}={value}")
        return [*options, *(["--", *own] if own else [])], [], self._once(given)

    def _dash_value(self, action: argparse.Action, parsed: Any) -> Any:
        """An option's value "--", which argparse drops even from `--note=--` (it takes it for the end of the
        options): read here as any other value, by the option's own type; a repeatable one's goes last."""
        value: Any = "--"
        if callable(action.type):
            try:
                value = action.type(value)
            except argparse.ArgumentTypeError as error:
                raise argparse.ArgumentError(action, str(error)) from None
        if isinstance(action, argparse._AppendAction):
            return [*(parsed or []), value]
        return value

    def _once(self, given: list[argparse.Action]) -> list[argparse.Action]:
        """The options given, each once but the repeatable ones."""
        once = [action for action in given if not isinstance(action, argparse._AppendAction)]
        for index, action in enumerate(once):
            if action in once[:index]:
                raise UsageError(
                    f"{' / '.join(action.option_strings)} is given more than once: give it once", self.prog
                )
        return given

    def no_such_option(self, name: str) -> UsageError:
        known = [flag for flag in self._option_string_actions if flag.startswith("--")] if name[:2] == "--" else []
        return UsageError(f"No such option {name!r}.{did_you_mean(name, known)}", self.prog)


def did_you_mean(name: str, known: Sequence[str]) -> str:
    """click's suggestion of the close names, or ''."""
    if not known:
        return ""
    from difflib import get_close_matches  # only when something was mistyped

    close = sorted(get_close_matches(name, known))
    listed = ", ".join(repr(each) for each in close)
    if len(close) > 1:
        return f" (Did you mean one of: {listed}?)"
    return f" Did you mean {listed}?" if close else ""


# -- values -------------------------------------------------------------------------


class Whole:
    """A whole number in the digits 0-9 alone (int() also takes '٣', '1_0' and ' 2'), within limits if given."""

    metavar = "INTEGER"

    def __init__(self, low: int | None = None, high: int | None = None) -> None:
        self.low, self.high = low, high

    @property
    def limits(self) -> str:
        if self.low is not None and self.high is not None:
            return f"{self.low}<=x<={self.high}"
        return f"x>={self.low}" if self.low is not None else (f"x<={self.high}" if self.high is not None else "")

    def __call__(self, text: str) -> int:
        from journal.domain.scales import is_number

        if not is_number(text.removeprefix("-")):
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number written in the digits 0-9 (at most 18 of them)"
            )
        number = int(text)
        if (self.low is not None and number < self.low) or (self.high is not None and number > self.high):
            raise argparse.ArgumentTypeError(f"{number} is not in the range {self.limits}.")
        return number


class Choice:
    """One of a few words, exactly as written."""

    def __init__(self, *choices: str) -> None:
        self.choices = choices
        self.metavar = f"[{'|'.join(choices)}]"

    def __call__(self, text: str) -> str:
        if text not in self.choices:
            raise argparse.ArgumentTypeError(f"{text!r} is not one of {', '.join(map(repr, self.choices))}.")
        return text


class FileName:
    """A file to write, which may not exist yet but is no folder."""

    metavar = "FILE"

    def __call__(self, text: str) -> Path:
        if os.path.isdir(text):
            raise argparse.ArgumentTypeError(f"File {text!r} is a directory.")
        return Path(text)


class PathNamed:
    """A path typed on the command line; an empty one is a mistake, not the current folder, said with its name."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, text: str) -> Path:
        if not text.strip():
            raise InvalidInput(f"{self.name} is empty: give a path")
        return Path(text).expanduser()


def today() -> dt.date:
    try:
        return clock.today()
    except ValueError as error:
        raise InvalidInput(str(error)) from None


def parse_day(text: str | None, *, default: dt.date | None = None, allow_future: bool = False) -> dt.date:
    """A date typed by the user; `allow_future` lets a range reach past today."""
    from journal.dates import parse_date

    if text is None:
        if default is None:
            raise InvalidInput("a date is needed")
        return default
    return parse_date(text, today=today(), allow_future=allow_future, ahead=False)


def parse_range(
    date: str | None, start: str | None, end: str | None, *, days_default: int | None, open_end: bool = False
) -> tuple[dt.date, dt.date]:
    """The days a command covers: one DATE, or --from/--to; `open_end` reaches past today when --to is not given."""
    now = today()
    if date and (start or end):
        raise InvalidInput("give either a DATE or --from/--to, not both")
    if date:
        day = parse_day(date)
        return day, day
    # A range may reach past today ("to the end of the month"): it simply stops at what is logged.
    first = (
        parse_day(start, allow_future=True)
        if start
        else (now - dt.timedelta(days=days_default - 1) if days_default else dt.date.min)
    )
    last = parse_day(end, allow_future=True) if end else (clock.LATEST if open_end else now)
    if first > last:
        raise InvalidInput(f"--from {first} is after --to {last}")
    return first, last


# -- return-to-run plans: what a write of a day or a session lets them decide --------------------


def decide_and_say(journal: Journal, today: dt.date) -> None:
    """Judge every plan session the journal now allows (`make_decisions`) and print each decision made, and each
    one taken back because what it was judged on changed (`journal plan` calls it before it shows the plans)."""
    echo_lines(_decisions_said(journal, today))


@contextlib.contextmanager
def deciding(journal: Journal, today: dt.date) -> Iterator[list[str]]:
    """A write of a session or a day, and the plan decisions it allows, in one transaction: the lines that say
    the decisions are in the list yielded once the block is done, to print after what the write says."""
    said: list[str] = []
    with journal.transaction():
        yield said
        said.extend(_decisions_said(journal, today))


def _decisions_said(journal: Journal, today: dt.date) -> list[str]:
    # A read-only journal keeps no decision (`journal plan` shows what is stored). Most journals have no plan
    # running: `journal add` then reads one row and imports nothing more. A running plan often has nothing it
    # could decide (it waits for a morning's pain, its latest decision made before this week): one more query
    # says so, and the rules are not imported.
    if (
        journal.read_only
        or not journal.conn.execute(
            "SELECT 1 FROM plans WHERE stopped_on IS NULL LIMIT 1"  # running, or completed (it may run again)
        ).fetchone()
    ):
        return []
    from journal.store.plan_due import decisions_may_be_due

    if not decisions_may_be_due(journal, today=today):
        return []
    from journal.render.plan import decision_line, undone_line
    from journal.store.plans import list_plans, make_decisions, plan_decisions

    before = {plan.number: plan_decisions(journal, plan.number) for plan in list_plans(journal) if plan.stopped is None}
    make_decisions(journal, today=today)
    plans = {plan.number: plan for plan in list_plans(journal)}
    said: list[str] = []
    for number, earlier in before.items():
        now = plan_decisions(journal, number)
        said.extend(undone_line(plans[number], undone) for undone in earlier if undone not in now)
        said.extend(decision_line(plans[number], made) for made in now if made not in earlier)
    return said
