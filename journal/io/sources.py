"""Which app's export a file is, and reading it: `journal import --from SOURCE`, or told from the file itself.

Each source's reader lives in its own module and is loaded only when its file is read: Strava's
activities.csv (or its export zip), Apple Health's export.xml (or export.zip), intervals.icu's
wellness CSV, Daylio's CSV export.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

from journal.domain.imported import SourceBatch
from journal.errors import InvalidInput

# source -> (module, reader, what its file is called in a sentence)
READERS = {
    "strava": ("journal.io.strava", "read_strava", "a Strava export (activities.csv)"),
    "apple-health": ("journal.io.apple_health", "read_apple_health", "an Apple Health export (export.xml)"),
    "intervals": ("journal.io.intervals", "read_intervals", "an intervals.icu wellness CSV"),
    "daylio": ("journal.io.daylio", "read_daylio", "a Daylio CSV export"),
}


def described(source: str) -> str:
    return READERS[source][2]


def recognise(path: Path) -> str | None:
    """The source a file is an export of, told from its name and first line; None: not another app's (the
    journal's own CSV, or a folder of it)."""
    if path.is_dir() or not path.is_file():
        return None
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
        if any(name.rsplit("/", 1)[-1] == "activities.csv" for name in names):
            return "strava"
    elif path.suffix.lower() != ".xml":
        try:
            with path.open(encoding="utf-8-sig", newline="") as file:
                header = next(csv.reader(file), [])
        except (UnicodeDecodeError, csv.Error):
            header = []
        for source in ("strava", "daylio"):
            if importlib.import_module(READERS[source][0]).recognise(header):
                return source
        if importlib.import_module(READERS["intervals"][0]).recognise(path):
            return "intervals"
    if importlib.import_module(READERS["apple-health"][0]).recognise(path):  # the XML, or the zip holding it
        return "apple-health"
    return None


def read_source(
    source: str,
    path: Path,
    *,
    tz: dt.tzinfo | None,
    kinds: Mapping[str, str] | None = None,
    moods: Mapping[str, int] | None = None,
    progress: Callable[[float], None] | None = None,
) -> SourceBatch:
    """Read `path` as an export of `source`; a line that cannot be read is in the batch's problems. `progress` is
    told the share read so far, for a large file (Apple Health's)."""
    if not path.exists():
        raise InvalidInput(f"there is no file {path}")
    if path.is_dir():
        raise InvalidInput(f"{path} is a folder: give the export's file ({described(source)})")
    module_name, reader_name, _ = READERS[source]
    reader: Callable[..., SourceBatch] = getattr(importlib.import_module(module_name), reader_name)
    if source == "strava":
        return reader(path, tz=tz or dt.UTC, kinds=kinds)
    if source == "apple-health":
        return reader(path, tz=tz, progress=progress)
    if source == "daylio":
        return reader(path, moods=moods)
    return reader(path)
