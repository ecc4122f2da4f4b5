"""The journal's one clock: every "today" in the program comes from here.

`JOURNAL_TODAY=YYYY-MM-DD` fixes the day, so tests, snapshots and demos give the
same result on any calendar day.
"""

from __future__ import annotations

import datetime as dt
import os

TODAY_VARIABLE = "JOURNAL_TODAY"


def today() -> dt.date:
    fixed = os.environ.get(TODAY_VARIABLE)
    if fixed:
        try:
            return dt.date.fromisoformat(fixed)
        except ValueError:
            raise ValueError(f"{TODAY_VARIABLE}={fixed!r} is not a date like 2026-11-20") from None
    return dt.date.today()
