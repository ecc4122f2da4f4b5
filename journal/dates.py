"""Reading the dates a runner types ("yesterday", "monday", "20 nov") and naming days."""

from __future__ import annotations

import datetime as dt
import re

# The calendar's bounds are the clock's; named here too, beside the dates they bound.
from journal.clock import EARLIEST as EARLIEST
from journal.clock import LATEST as LATEST
from journal.errors import InvalidInput

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: 3 ms of every command's start
if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

# Every weekday's names, to its number: 0 (Monday) to 6 (Sunday).
_WEEKDAYS = {
    name: weekday
    for weekday, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}
# Patterns, compiled (and cached by `re`) when first used: `journal add` of today or yesterday needs none.
_AGO = r"^([0-9]{1,5}) (day|week|month|year)s? ago$"
_IN = r"^in ([0-9]{1,5}) (day|week|month|year)s?$"
_WEEKDAY_PHRASE = r"^(last |next )?([a-z]+)$"
_YEAR_FIRST = r"^[0-9]{4}([-/.])[0-9]{1,2}\1[0-9]{1,2}$"
_ISO_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

# Two defaults that differ in every part tell which parts a text left out.
_DEFAULT_A = dt.datetime(2000, 1, 1)
_DEFAULT_B = dt.datetime(2004, 2, 2)

EXAMPLES = "2026-11-20, today, yesterday, monday, 3 days ago, 20 nov"


def parse_iso_date(text: str, what: str = "date") -> dt.date:
    """A date as files write it, YYYY-MM-DD, from 1900 on; `what` names it in the message."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{what} must be YYYY-MM-DD, got {text!r}") from None
    if day.year < 1900:
        raise InvalidInput(f"{what} {text!r} is before 1900")
    return day


def parse_date(text: str, *, today: dt.date, allow_future: bool = False, ahead: bool | None = None) -> dt.date:
    """The date that `text` names, seen from `today`.

    Future dates are refused unless `allow_future` is set. A bare weekday or a
    date without a year is the most recent one, or with `ahead` (by default
    when the future is allowed) the coming one.
    """
    ahead = allow_future if ahead is None else ahead
    words = " ".join(text.lower().replace(",", " ").split())
    if not words:
        raise InvalidInput(f"a date is needed: for example {EXAMPLES}")
    day = _relative_day(words, today, ahead)
    if day is None:
        day = _calendar_day(words, text, today, ahead)
    if day < EARLIEST:
        raise InvalidInput(f"{day.isoformat()} is before {EARLIEST.year}: check the year")
    if day > LATEST:
        raise InvalidInput(f"{day.isoformat()} is after {LATEST.year}: check the year")
    if day > today and not allow_future:
        raise InvalidInput(f"{day.isoformat()} is in the future: the journal records days that have happened")
    return day


def _relative_day(words: str, today: dt.date, ahead: bool) -> dt.date | None:
    if words == "today":
        return today
    if words == "yesterday":
        return today - dt.timedelta(days=1)
    if words == "tomorrow":
        return today + dt.timedelta(days=1)
    if match := re.match(_AGO, words):
        return _shift(today, _units(match[2], -int(match[1])), words)
    if match := re.match(_IN, words):
        return _shift(today, _units(match[2], int(match[1])), words)
    if (match := re.match(_WEEKDAY_PHRASE, words)) and match[2] in _WEEKDAYS:
        # dateutil's relative dates are imported only for the phrases that need them: `journal add`
        # of today, yesterday or a date does not.
        from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

        weekday = (MO, TU, WE, TH, FR, SA, SU)[_WEEKDAYS[match[2]]]
        if match[1] == "last ":
            return today + relativedelta(days=-1, weekday=weekday(-1))
        if match[1] == "next ":
            return today + relativedelta(days=+1, weekday=weekday(+1))
        # A bare weekday is the most recent one, today included; looking ahead
        # (a due date) it is the coming one, today included.
        return today + relativedelta(weekday=weekday(+1 if ahead else -1))
    return None


def _units(unit: str, count: int) -> relativedelta:
    """`count` days, weeks, months or years, as dateutil counts them (a month from 31 Jan is 28 or 29 Feb)."""
    from dateutil.relativedelta import relativedelta

    if unit == "day":
        return relativedelta(days=count)
    if unit == "week":
        return relativedelta(weeks=count)
    if unit == "month":
        return relativedelta(months=count)
    return relativedelta(years=count)


def _shift(today: dt.date, delta: relativedelta, words: str) -> dt.date:
    try:
        return today + delta
    except (OverflowError, ValueError):
        raise InvalidInput(f"{words!r} is too far from today") from None


def _calendar_day(words: str, text: str, today: dt.date, ahead: bool) -> dt.date:
    if re.match(_ISO_DAY, words):
        try:
            return dt.date.fromisoformat(words)  # what the parser below reads it as, without loading it
        except ValueError:
            pass  # no such day: the parser says why
    from dateutil import parser  # the full parser is only needed for calendar dates

    if not re.search(r"[a-z]", words) and not re.match(_YEAR_FIRST, words):
        # 03/04/2026 is March in one country and April in the next: only ISO is unambiguous.
        raise InvalidInput(f"cannot tell which day {text.strip()!r} is: write it as 2026-11-20 or 20 nov")
    try:
        first = parser.parse(words, default=_DEFAULT_A)
        second = parser.parse(words, default=_DEFAULT_B)
    except (ValueError, OverflowError):
        raise InvalidInput(f"cannot read {text.strip()!r} as a date: try {EXAMPLES}") from None
    if first.day != second.day or first.month != second.month:
        raise InvalidInput(f"{text.strip()!r} needs a day and a month: try {EXAMPLES}")
    day = first.date() if first.year == second.year else _nearest_year(first.month, first.day, today, forward=ahead)
    named = [_WEEKDAYS[word] for word in re.findall(r"[a-z]+", words) if word in _WEEKDAYS]
    if named and named[0] != day.weekday():
        raise InvalidInput(f"{day:%d %b %Y} is a {day:%A}, not {text.strip()!r}: check the date")
    return day


def _nearest_year(month: int, day: int, today: dt.date, *, forward: bool) -> dt.date:
    """The most recent (or next) date with this month and day, seen from today."""
    step = 1 if forward else -1
    year = today.year
    for _ in range(9):  # 29 February comes round at least once in eight years
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            year += step
            continue
        if (candidate >= today) if forward else (candidate <= today):
            return candidate
        year += step
    raise InvalidInput(f"no such date: {month}/{day}")


def short_day(day: dt.date) -> str:
    """A day in a line of text: 'Thu 26 Nov'."""
    return f"{day:%a} {day.day} {day:%b}"


def describe_day(day: dt.date, today: dt.date) -> str:
    """A day as a runner would say it: 'Thu 26 Nov 2026', with today and yesterday named."""
    label = f"{short_day(day)} {day:%Y}"
    offset = (today - day).days
    if offset == 0:
        return f"{label} (today)"
    if offset == 1:
        return f"{label} (yesterday)"
    return label


# -- weeks ------------------------------------------------------------------------

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def week_start(day: dt.date, first_weekday: int = 0) -> dt.date:
    """The first day of the week holding `day`; weeks start on `first_weekday` (0 = Monday)."""
    return day - dt.timedelta(days=(day.weekday() - first_weekday) % 7)


def week_days(start: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=offset) for offset in range(7)]


def week_label(start: dt.date, first_weekday: int = 0) -> str:
    """'2026-W48' for an ISO week (Monday first), else 'week of Sun 22 Nov 2026'."""
    if first_weekday == 0:
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return f"week of {start:%a} {start.day} {start:%b %Y}"


def week_span(start: dt.date) -> str:
    """'23–29 Nov 2026', '30 Nov – 6 Dec 2026', '28 Dec 2026 – 3 Jan 2027'."""
    end = start + dt.timedelta(days=6)
    if start.year != end.year:
        return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
    if start.month != end.month:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day}–{end.day} {end:%b %Y}"


_ISO_WEEK = r"^([0-9]{4})-?w([0-9]{1,2})$"


def parse_week(text: str, *, today: dt.date, first_weekday: int = 0) -> dt.date:
    """The first day of the week that `text` names: '2026-W48', 'this', 'last', 'next' or any date in it."""
    words = " ".join(text.lower().split())
    if words in ("this", "this week"):
        return week_start(today, first_weekday)
    if words in ("last", "last week"):
        return week_start(today, first_weekday) - dt.timedelta(days=7)
    if words in ("next", "next week"):
        return week_start(today, first_weekday) + dt.timedelta(days=7)
    if match := re.match(_ISO_WEEK, words):
        year, week = int(match[1]), int(match[2])
        if not EARLIEST.year <= year <= LATEST.year:
            raise InvalidInput(f"{text.strip()!r}: the journal's weeks are from {EARLIEST.year} to {LATEST.year}")
        try:
            monday = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            weeks = dt.date(year, 12, 28).isocalendar()[1]
            raise InvalidInput(f"{year} has no week {week}: its weeks are W01 to W{weeks}") from None
        if monday < EARLIEST:
            raise InvalidInput(f"{text.strip()!r} is before {EARLIEST.year}: check the year")
        return week_start(monday, first_weekday)
    try:
        day = parse_date(text, today=today, allow_future=True, ahead=False)
    except InvalidInput:
        raise InvalidInput(
            f"cannot read {text.strip()!r} as a week: try 2026-W48, this, last or a date in it"
        ) from None
    return week_start(day, first_weekday)


def parse_weekday(text: str) -> int:
    """A weekday name as 0 (Monday) to 6 (Sunday)."""
    words = text.strip().lower()
    if words in _WEEKDAYS:
        return _WEEKDAYS[words]
    raise InvalidInput(f"a week starts on a weekday name like monday or sunday, got {text.strip()!r}")


def parse_time_zone(text: str) -> dt.tzinfo:
    """A time zone by its IANA name, in any case (`Europe/Berlin`, `utc`); a path, a file of the zone folder
    that is not a zone, or a POSIX rule like `UTC+3` (whose sign reads backwards) is refused."""
    import zoneinfo

    wanted = text.strip().lower()
    key = next((key for key in zoneinfo.available_timezones() if key.lower() == wanted), None)
    if key is None:
        raise InvalidInput(f"unknown time zone {text!r}: give one like Europe/Berlin or America/New_York")
    return zoneinfo.ZoneInfo(key)
