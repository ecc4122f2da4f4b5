"""The runner's settings, kept in the journal file beside the data they shape."""

from __future__ import annotations

from journal.dates import WEEKDAY_NAMES, parse_weekday
from journal.errors import InvalidInput
from journal.store.db import Journal

# Every setting, its default and how a typed value is checked.
SETTINGS = {
    "week_start": ("monday", lambda text: WEEKDAY_NAMES[parse_weekday(text)]),
}


def get_setting(journal: Journal, key: str) -> str:
    default, _ = SETTINGS[key]
    row = journal.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(journal: Journal, key: str, text: str) -> str:
    if key not in SETTINGS:
        raise InvalidInput(f"no setting {key!r}; the settings are: {', '.join(SETTINGS)}")
    value = SETTINGS[key][1](text)
    with journal.transaction() as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )
    return value


def first_weekday(journal: Journal) -> int:
    """The day weeks start on, 0 (Monday) to 6 (Sunday)."""
    return parse_weekday(get_setting(journal, "week_start"))
