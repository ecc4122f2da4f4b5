"""Reading another app's CSV export: its header by name, its rows one at a time with the line each starts on, its text.

The readers of Strava's and Daylio's exports share this. A file is read as it
streams (a row at a time, never the whole file at once), as UTF-8 with or without a
byte-order mark. A byte that is not UTF-8 spoils only the row it is in: it is kept as
an escape that the journal's text check refuses, so that row is reported and the
others are read.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from journal.domain.scales import NOTE_MAX
from journal.errors import InvalidInput

if TYPE_CHECKING:
    import zipfile

ELLIPSIS = "…"

_TAG = re.compile(r"<[^>]*>")
# What the journal refuses in a text (journal.domain.scales.parse_text): NUL and every control character but
# line ends and tabs. An imported text loses them rather than its whole row.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_END = re.compile(r"\r\n?")


class CsvReader(Protocol):
    """What `csv.reader` returns: its rows, and how many lines of the file it has read so far."""

    @property
    def line_num(self) -> int: ...

    def __next__(self) -> list[str]: ...


def text_stream(binary: IO[bytes]) -> io.TextIOWrapper:
    """A binary file as text for the csv module: UTF-8 (a byte-order mark dropped), line ends left to csv."""
    return io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")


def header_name(cell: str) -> str:
    """A header cell as its column's name: markup taken away (some exports wrap a name in
    `<span class="translation_missing" ...>Type</span>`), entities read, spaces evened, case folded."""
    text = html.unescape(_TAG.sub("", cell))
    return " ".join(text.split()).casefold()


def header_names(header: list[str]) -> list[str]:
    return [header_name(cell) for cell in header]


def positions(names: list[str]) -> dict[str, list[int]]:
    """Where each name stands in the header, in order: a name may repeat (Strava's `Distance`)."""
    found: dict[str, list[int]] = {}
    for index, name in enumerate(names):
        found.setdefault(name, []).append(index)
    return found


class Columns:
    """Where each named column of a header is: every position of a name a header repeats."""

    def __init__(
        self, header: list[str], required: tuple[str, ...], what: str, file_name: str, title: Callable[[str], str] = str
    ) -> None:
        self.found = positions(header_names(header))
        missing = [column for column in required if column not in self.found]
        if missing:
            columns = "column" if len(missing) == 1 else "columns"
            names = ", ".join(title(column) for column in missing)
            raise InvalidInput(f"{file_name} is not {what}: it has no {names} {columns}")

    def first(self, column: str) -> int | None:
        """The first column of that name, or None when the header has none."""
        return self.found[column][0] if column in self.found else None


# The largest CSV export read: a Strava export of ten thousand activities is a few MB. A file far past that is
# not one (or a crafted one): reading a line of it whole could take all the memory the computer has.
CSV_MAX_BYTES = 100 * 2**20


def check_size(size: int, name: str, what: str) -> None:
    if size > CSV_MAX_BYTES:
        raise InvalidInput(f"{name} is {size / 2**20:,.0f} MB, and {what} is a few MB at most: is it the right file?")


def open_export(path: Path, what: str) -> IO[bytes]:
    """The export's file, opened to read; refused in one line when it is missing, a pipe or a device, far too
    large to be one, or cannot be read."""
    import os

    from journal.files import NotAFile, open_regular

    try:
        file = open_regular(path)
    except NotAFile as error:
        raise InvalidInput(f"{path} is {error.kind}, not {what}") from None
    except FileNotFoundError:
        raise InvalidInput(f"there is no file {path}") from None
    except OSError as error:
        raise unreadable(str(path), error) from None
    try:
        import zipfile

        if not zipfile.is_zipfile(file):
            check_size(os.fstat(file.fileno()).st_size, path.name, what)
        file.seek(0)
    except BaseException:
        file.close()
        raise
    return file


def check_not_encrypted(member: zipfile.ZipInfo, where: str) -> None:
    """Refuse a zip's member that needs a password: the apps' own exports never do, and reading it would fail."""
    if member.flag_bits & 0x1:  # the zip format's "encrypted" flag
        raise InvalidInput(f"{where} is encrypted: unzip it with its password and import the file inside")


def numbered_rows(reader: CsvReader) -> Iterator[tuple[int, list[str] | None, str]]:
    """Each row after the header with the line it starts on (a quoted cell may hold line breaks), as
    (line, cells, ''), or (line, None, reason) for a row the csv module cannot split; blank lines are left out.
    Reading goes on after a bad row: the csv module starts again on the next line."""
    while True:
        first = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield first, None, f"not a CSV row ({error})"
            continue
        if any(cell.strip() for cell in row):
            yield first, row, ""


def clean_text(text: str) -> str:
    """Text from another app as the journal keeps it: line ends as `\\n`, no control character (a terminal would
    obey one; the journal refuses them, so they are taken out), no spaces around it."""
    return _CONTROL.sub("", _LINE_END.sub("\n", text)).strip()


def fit_note(text: str, limit: int = NOTE_MAX) -> tuple[str, bool]:
    """`text` within `limit` characters: a longer one is cut and ends in an ellipsis. Says whether it was cut."""
    if len(text) <= limit:
        return text, False
    return text[: limit - len(ELLIPSIS)].rstrip() + ELLIPSIS, True


def unreadable(path_name: str, error: OSError) -> InvalidInput:
    return InvalidInput(f"cannot read {path_name}: {error.strerror or error}")
