import datetime as dt

import pytest

from journal.dates import describe_day, parse_date
from journal.errors import InvalidInput


# A day written as a date is that calendar day; a word for a day relative to today (a Thursday) is a number of days
# from it.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", dt.date(2026, 11, 20)),
        ("today", 0),
        ("Today", 0),
        ("yesterday", -1),
        ("thursday", 0),  # a weekday name includes today
        ("monday", -3),
        ("fri", -6),
        ("last thursday", -7),
        ("3 days ago", -3),
        ("1 day ago", -1),
        ("2 weeks ago", -14),
        ("20 nov", dt.date(2026, 11, 20)),
        ("nov 20", dt.date(2026, 11, 20)),
        ("November 20", dt.date(2026, 11, 20)),
        ("26 nov", dt.date(2026, 11, 26)),  # today's date without a year is today, not a year ago
        ("30 dec", dt.date(2025, 12, 30)),  # no year: the most recent past one
        ("29 feb", dt.date(2024, 2, 29)),
        ("20 November 2026", dt.date(2026, 11, 20)),
        ("2026/11/20", dt.date(2026, 11, 20)),
        ("tue 24 nov", dt.date(2026, 11, 24)),
        ("1900-01-01", dt.date(1900, 1, 1)),
    ],
)
def test_reads_the_forms_a_runner_types(text, expected, today):
    if isinstance(expected, int):
        expected = today + dt.timedelta(days=expected)
    assert parse_date(text, today=today) == expected


@pytest.mark.parametrize("text", ["tomorrow", "2026-11-27", "in 3 days", "next monday", "2027-01-01"])
def test_refuses_future_days_for_entries(text, today):
    with pytest.raises(InvalidInput, match="future"):
        parse_date(text, today=today)


def test_future_dates_when_allowed(today):
    tomorrow = today + dt.timedelta(days=1)
    assert parse_date("tomorrow", today=today, allow_future=True) == tomorrow
    assert parse_date("30 dec", today=today, allow_future=True) == dt.date(2026, 12, 30)
    assert parse_date("friday", today=today, allow_future=True) == tomorrow
    assert parse_date("in 2 weeks", today=today, allow_future=True) == today + dt.timedelta(weeks=2)


@pytest.mark.parametrize("text", ["", "   ", "bogus", "nov", "32 nov", "10:30", "99999 years ago", "2026-13-01", "12"])
def test_refuses_what_is_not_a_day(text, today):
    with pytest.raises(InvalidInput):
        parse_date(text, today=today)


@pytest.mark.parametrize("text", ["03/04/2026", "20/11/2026", "26-11-20", "3.4.2026", "20261120"])
def test_refuses_numeric_dates_that_read_differently_in_different_countries(text, today):
    with pytest.raises(InvalidInput, match="write it as 2026-11-20"):
        parse_date(text, today=today)


@pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31", "202-11-20"])
def test_refuses_years_that_are_typos(text, today):
    with pytest.raises(InvalidInput):
        parse_date(text, today=today)


def test_describe_day_names_today_and_yesterday(today):
    assert describe_day(today, today) == "Thu 26 Nov 2026 (today)"
    assert describe_day(dt.date(2026, 11, 25), today) == "Wed 25 Nov 2026 (yesterday)"
    assert describe_day(dt.date(2026, 11, 2), today) == "Mon 2 Nov 2026"


def test_a_weekday_that_does_not_match_the_date_is_refused(today):
    with pytest.raises(InvalidInput, match="is a Tuesday"):
        parse_date("mon 24 nov", today=today)
