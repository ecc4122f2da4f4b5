"""What every command shares: options given once, `--db` and the journal file it names, dates and paths
typed on the command line, and errors said in one line."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from journal import clock
from journal.config import DB_VARIABLE, journal_path
from journal.errors import BadRows, InvalidInput, JournalError

if TYPE_CHECKING:
    from journal.store import Journal

INTERNAL_ERROR = 70  # EX_SOFTWARE: a fault of the program; bad input is always 2


# -- errors -------------------------------------------------------------------------


class CommandError(click.ClickException):
    """Why a command line did not do its work, as one line on stderr: `journal: ...`.

    As such, exit code 2: input the journal does not take, or a file it cannot use;
    nothing was changed. The subclasses below have codes of their own.
    """

    exit_code = 2

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"journal: {self.format_message()}", file=file, err=True)


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
    """Every way a command line can fail, turned into a CommandError (or click's own Exit) for click to show."""
    try:
        yield
    except (CommandError, click.exceptions.Exit):
        raise
    except click.UsageError as error:
        hint = f" (see: {error.ctx.command_path} --help)" if error.ctx else ""
        raise CommandError(f"{error.format_message()}{hint}") from None
    except click.ClickException as error:  # click's own, other than usage: exit code 1, as click gives them
        raise Unfinished(error.format_message()) from None
    except click.Abort:
        raise Stopped from None
    except (EOFError, KeyboardInterrupt):
        click.echo(err=True)  # closes the terminal's ^C
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
        raise click.exceptions.Exit(0) from None
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
    """The journal a command line works on: the one context object every command finds on `ctx.obj`.

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

    def choose(self, path: Path, source: ParameterSource | None) -> None:
        if source is ParameterSource.ENVIRONMENT:
            self.from_environment = path
        elif self.given is not None:
            raise InvalidInput("--db is given more than once: give it once")
        else:
            self.given = path

    @property
    def path(self) -> Path:
        return journal_path(self.given or self.from_environment)

    def open(self, *, create: bool = True, for_app: bool = False) -> Journal:
        """The journal, closed with the command's context; without `create` a missing one is NoJournalYet."""
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
        click.get_current_context().call_on_close(journal.close)
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
        """Put the journals this command made in place once it succeeded, or saved something before it
        failed (its output could not be written); throw the others away."""
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


pass_journal_file = click.make_pass_decorator(JournalFile, ensure=True)


def _choose_db(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is not None and not ctx.resilient_parsing and param.name:
        ctx.ensure_object(JournalFile).choose(value, ctx.get_parameter_source(param.name))


def db_option() -> click.Option:
    """`--db`, which every command takes: the value goes to the JournalFile, not to the command."""
    return click.Option(
        ["--db", "db_path"],
        metavar="PATH",
        type=click.Path(path_type=Path),
        envvar=DB_VARIABLE,
        expose_value=False,
        callback=_choose_db,
        help="Journal file (default: $JOURNAL_DB, then the user-data folder).",
    )


# -- commands, options and values ---------------------------------------------------


class JournalCommand(click.Command):
    """A command of the journal: it takes `--db` after its own options, and its single-valued options
    may be given once (`--mood 3 --mood 4` is a mistake, not "the last wins")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not any(param.name == "db_path" for param in self.params):
            self.params.append(db_option())

    def make_parser(self, ctx: click.Context) -> Any:
        parser = super().make_parser(ctx)
        parse = parser.parse_args

        def parse_once(args: list[str]) -> tuple[dict[str, Any], list[str], list[click.Parameter]]:
            opts, rest, order = parse(args)
            seen: set[str | None] = set()
            for param in order:
                if isinstance(param, click.Option) and not param.multiple and not param.count:
                    if param.name in seen:
                        raise click.UsageError(
                            f"{' / '.join(param.opts + param.secondary_opts)} is given more than once: give it once",
                            ctx,
                        )
                    seen.add(param.name)
            return opts, rest, order

        parser.parse_args = parse_once  # type: ignore[method-assign]
        return parser


class JournalGroup(JournalCommand, click.Group):
    """A group of journal commands, whose subcommands and subgroups are journal commands too."""

    command_class = JournalCommand
    group_class = type  # subgroups are of this same class


class Whole(click.IntRange):
    """A whole number in the digits 0-9 alone: click's own int also takes '٣', '1_0' and ' 2'."""

    name = "integer"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from journal.domain.scales import is_number

        if isinstance(value, str) and not is_number(value.removeprefix("-")):
            self.fail(f"{value!r} is not a whole number written in the digits 0-9 (at most 18 of them)", param, ctx)
        return super().convert(value, param, ctx)


def as_path(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """A path typed on the command line; an empty one is a mistake, not the current folder."""
    if value is None:
        return None
    if not value.strip():
        name = param.opts[0] if isinstance(param, click.Option) else param.human_readable_name
        raise InvalidInput(f"{name} is empty: give a path")
    return Path(value).expanduser()


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
