"""Writing export files so that a failure never leaves half a file, a mixed folder, or a journal overwritten.

A single file goes through a temporary file in the same folder and is renamed
over the target. A folder of `export --what all` is written as a whole: a new
folder is filled under a temporary name and renamed into place; an existing one
gets a manifest that says first that an export is under way, then, last, which
files belong to it with their digests, so `journal import` can refuse a folder
whose files do not belong together.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO

from journal.errors import InvalidInput, JournalFileError
from journal.files import SQLITE_COMPANIONS, open_regular, remove_abandoned
from journal.store.schema import SQLITE_HEADER

MANIFEST = "manifest.csv"
MANIFEST_HEADER = ("file", "rows", "sha256")
# `.{name}.{pid}.{random}.tmp` files and `.{folder}.{pid}.{random}.partial` folders, while an export writes them.
_LEFT_BY_A_KILLED_EXPORT = re.compile(r"\..+\.(?P<pid>[0-9]+)\.[a-z0-9_]{8}\.(?:tmp|partial)")

Writer = Callable[[TextIO], object]


def check_export_target(path: Path, journal_file: Path | None = None) -> Path:
    """The file an export may write: not a folder, not the journal, never any SQLite database."""
    path = path.resolve()  # through a symbolic link to the file it names
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder: give a file name (a folder is for --what all)")
    if journal_file is not None and path.exists() and path.samefile(journal_file):
        raise InvalidInput(f"{path} is the journal itself: choose another file for the export")
    if path.exists() and not path.is_file():
        raise InvalidInput(f"{path} is not a regular file: choose another name for the export")
    if _beside_a_database(path):
        raise InvalidInput(
            f"{path} is SQLite's own file beside a database (a journal's log?): an export never"
            " writes over one; choose another file"
        )
    if _is_sqlite(path):
        raise InvalidInput(
            f"{path} is a SQLite database (a journal?): an export never writes over one; choose another file"
        )
    if not path.parent.is_dir():
        raise InvalidInput(f"the folder {path.parent} does not exist")
    return path


def _beside_a_database(path: Path) -> bool:
    """The log, shared memory or rollback file SQLite keeps beside a database: `journal.db-wal` and the like."""
    for suffix in SQLITE_COMPANIONS:
        if path.name.endswith(suffix) and _is_sqlite(path.with_name(path.name.removesuffix(suffix))):
            return True
    return False


def _is_sqlite(path: Path) -> bool:
    try:
        with open_regular(path) as file:  # a pipe is no database, and is never waited on
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def write_atomically(path: Path, write: Writer, journal_file: Path | None = None) -> Path:
    """Write a text file through a temporary file beside it, so a failure leaves the old file as it was."""
    path = check_export_target(path, journal_file)
    try:
        remove_abandoned(path.parent, _LEFT_BY_A_KILLED_EXPORT)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp")
    except OSError as error:
        raise JournalFileError(f"cannot write in {path.parent}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            write(out)
        os.chmod(temporary, 0o666 & ~_umask())  # an ordinary file, not the temporary file's private mode
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise JournalFileError(f"cannot write {path}: {error.strerror or error} (it was left as it was)") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_folder(folder: Path, files: Mapping[str, Writer], journal_file: Path | None = None) -> None:
    """Write `files` (name -> writer) as one export in `folder`, with the manifest that ties them together."""
    folder = folder.resolve()
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is a file: --what all writes a folder")
    if not folder.parent.is_dir():
        raise InvalidInput(f"the folder {folder.parent} does not exist")
    if folder.exists():
        _refresh_folder(folder, files, journal_file)
        return
    try:
        remove_abandoned(folder.parent, _LEFT_BY_A_KILLED_EXPORT, folders=True)
        building = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.{os.getpid()}.", suffix=".partial"))
    except OSError as error:
        raise JournalFileError(f"cannot write in {folder.parent}: {error.strerror}") from None
    try:
        _fill(building, files, _write_plainly)  # the folder is private until it is renamed into place
        os.chmod(building, 0o777 & ~_umask())
        os.rename(building, folder)  # a folder of the same name made meanwhile makes this fail: nothing is mixed
    except OSError as error:
        shutil.rmtree(building, ignore_errors=True)
        raise JournalFileError(f"cannot write {folder}: {error.strerror or error} (nothing was written)") from None
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def _refresh_folder(folder: Path, files: Mapping[str, Writer], journal_file: Path | None) -> None:
    # Until the last step the manifest says the export is under way, so a folder
    # left half old, half new by a failure is refused on import.
    for name in files:
        check_export_target(folder / name, journal_file)
    write_atomically(folder / MANIFEST, lambda out: csv.writer(out, lineterminator="\r\n").writerow(MANIFEST_HEADER))
    try:
        _fill(folder, files, lambda path, write: write_atomically(path, write, journal_file))
    except JournalFileError as error:
        raise JournalFileError(
            f"{error}; the export in {folder} is unfinished, and journal import refuses it until an export finishes"
        ) from None


def _fill(folder: Path, files: Mapping[str, Writer], write_file: Callable[[Path, Writer], object]) -> None:
    rows: list[tuple[str, object, str]] = []
    for name, write in files.items():
        counted: list[object] = []

        def counting(out: TextIO, write: Writer = write, counted: list[object] = counted) -> None:
            counted.append(write(out))

        write_file(folder / name, counting)
        rows.append((name, counted[0], _digest(folder / name)))

    def manifest(out: TextIO) -> None:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(MANIFEST_HEADER)
        writer.writerows(rows)

    write_file(folder / MANIFEST, manifest)


def _write_plainly(path: Path, write: Writer) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        write(out)


def check_folder(folder: Path, names: list[str], wanted: Callable[[str], bool]) -> None:
    """Refuse a folder whose files (`names`, those `wanted` of it) do not belong to one finished export, or
    that lacks one the export wrote. A folder without a manifest (put together by hand) is taken as it is."""
    path = folder / MANIFEST
    if not path.exists():
        return
    try:
        with io.TextIOWrapper(open_regular(path), encoding="utf-8", newline="") as file:
            rows = list(csv.reader(file))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InvalidInput(f"{path} cannot be read ({error}): export the folder again") from None
    if not rows or tuple(rows[0]) != MANIFEST_HEADER:
        raise InvalidInput(f"{path} is not a manifest journal export writes: export the folder again")
    listed = {row[0]: row[2] for row in rows[1:] if len(row) == len(MANIFEST_HEADER)}
    if not listed:
        raise InvalidInput(
            f"the export into {folder} did not finish, so its files may not belong together: export it again"
        )
    missing = [name for name in listed if name not in names and wanted(name) and not (folder / name).exists()]
    if missing:
        raise InvalidInput(
            f"the export in {folder} is missing {', '.join(missing)}: export it again, or import"
            " its files one at a time"
        )
    for name in names:
        if name not in listed or _digest(folder / name) != listed[name]:
            raise InvalidInput(
                f"{name} in {folder} is not the file written with the rest of that export (it was changed,"
                f" or comes from another one): export the folder again, or import the file on its own"
                f" (journal import {folder / name})"
            )


def _digest(path: Path) -> str:
    with open_regular(path) as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask
