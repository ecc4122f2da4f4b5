"""The runner's settings, kept in the journal file beside the data they shape."""

from __future__ import annotations

from collections.abc import Callable

from journal.dates import WEEKDAY_NAMES, parse_weekday
from journal.domain.distance import parse_distance_unit
from journal.domain.scales import SLEEP_NEED_MAX, SLEEP_NEED_MIN, parse_sleep_hours
from journal.errors import InvalidInput
from journal.store.db import Journal


def parse_sleep_need(text: str) -> str:
    """Hours of sleep a night the runner needs: 5 to 12, like 8 or 8.5."""
    try:
        hours = parse_sleep_hours(text)
    except InvalidInput:
        hours = None
    if hours is None or not SLEEP_NEED_MIN <= hours <= SLEEP_NEED_MAX:
        raise InvalidInput(f"sleep_need is hours a night from 5 to 12, like 8 or 8.5, got {text.strip()!r}")
    return f"{hours:g}"


def _theme(text: str) -> str:
    from journal.config.themes import parse_theme_name

    return parse_theme_name(text)


# Every setting, its default and how a typed value is checked.
SETTINGS: dict[str, tuple[str, Callable[[str], str]]] = {
    "week_start": ("monday", lambda text: WEEKDAY_NAMES[parse_weekday(text)]),
    "sleep_need": ("8", parse_sleep_need),
    "theme": ("offseason-dark", _theme),
    "distance_unit": ("km", parse_distance_unit),
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


def sleep_need(journal: Journal) -> float:
    """The hours a night the runner needs (default 8): the sleep signals measure against it."""
    return float(get_setting(journal, "sleep_need"))


def distance_unit(journal: Journal) -> str:
    """The unit distances are shown and typed in, km (the default) or mi; they are kept in km."""
    return "mi" if get_setting(journal, "distance_unit") == "mi" else "km"
