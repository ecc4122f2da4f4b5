"""The journal's one clock: every "today" in the program comes from here.

`JOURNAL_TODAY=YYYY-MM-DD` fixes the day, so tests, snapshots and demos give the
same result on any calendar day.
"""

from __future__ import annotations

import datetime as dt
import os

TODAY_VARIABLE = "JOURNAL_TODAY"
# The journal's calendar. Earlier is a typo, not a training day; the end leaves room
# for the weeks and ranges computed around a day, which must never leave Python's calendar.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(9998, 12, 31)


def today() -> dt.date:
    fixed = os.environ.get(TODAY_VARIABLE)
    if fixed:
        try:
            day = dt.date.fromisoformat(fixed)
        except ValueError:
            raise ValueError(f"{TODAY_VARIABLE}={fixed!r} is not a date like 2026-11-20") from None
    else:
        day = dt.date.today()
    if not EARLIEST <= day <= LATEST:
        raise ValueError(
            f"today is {day.isoformat()}, outside the journal's calendar"
            f" ({EARLIEST.year} to {LATEST.year}): check the clock or {TODAY_VARIABLE}"
        )
    return day
