"""Where the journal lives: `--db`, then `JOURNAL_DB` (both read by the command line), then the user-data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "offseason"
DB_VARIABLE = "JOURNAL_DB"
DB_FILENAME = "journal.db"
DEMO_FILENAME = "demo.db"  # the demo journal the app offers, beside the default one


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / DB_FILENAME


def journal_path(chosen: str | os.PathLike[str] | None = None) -> Path:
    """The journal file to use: the one chosen (with --db or $JOURNAL_DB), else the default one."""
    return Path(chosen).expanduser() if chosen else default_db_path()
