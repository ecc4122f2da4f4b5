"""Where the journal lives: `--db`, then `JOURNAL_DB`, then the user-data folder."""

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


def journal_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The journal file to use: an explicit path wins, then the environment."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_VARIABLE)
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()
