"""Pain after load: the mornings after session days against after rest days, at the rule's edges."""

import datetime as dt

import pytest

from journal.domain.entries import DEFAULT_SITES, DayEntry
from journal.domain.load import MIN_MORNINGS, WINDOW_DAYS, day_kinds, pain_after_load, window
from journal.domain.sessions import Session

DAY = dt.timedelta(days=1)
LAST = dt.date(2026, 11, 29)  # a Sunday: the review's last day
SITES = list(DEFAULT_SITES)


def knee(day: dt.date, score: int | None, day_type: str = "normal") -> DayEntry:
    return DayEntry(day, day_type=day_type, pain={} if score is None else {("knee", "left"): score})


def run(day: dt.date, kind: str = "run") -> Session:
    return Session(day, kind, 30, rpe=4)


def knee_after(entries, sessions, last=LAST):
    found = pain_after_load({entry.date: entry for entry in entries}, sessions, last, SITES)
    return next((row for row in found if row.site.name == "knee"), None)


def alternating(session_days: int, rest_days: int, after_session: int = 4, after_rest: int = 1):
    """Pairs of (day, morning after) ending on LAST: `session_days` after a session, `rest_days` after a rest day."""
    entries, sessions = [], []
    morning = LAST
    for is_session in [True] * session_days + [False] * rest_days:
        day = morning - DAY
        entries.append(knee(morning, after_session if is_session else after_rest))
        entries.append(knee(day, None) if not is_session else DayEntry(day, mood=3))
        if is_session:
            sessions.append(run(day))
        morning -= 2 * DAY
    return entries, sessions


def test_three_mornings_each_side_is_the_least_that_is_compared():
    entries, sessions = alternating(MIN_MORNINGS, MIN_MORNINGS)
    found = knee_after(entries, sessions)
    assert (found.session_mornings, found.rest_mornings) == (3, 3)
    assert (found.after_sessions, found.after_rest) == (4.0, 1.0)
    assert found.comparable and found.verdict == "higher after session days"


@pytest.mark.parametrize(("sessions", "rests"), [(2, 3), (3, 2), (0, 9), (9, 0)])
def test_fewer_than_three_on_either_side_says_nothing(sessions, rests):
    entries, logged = alternating(sessions, rests)
    found = knee_after(entries, logged)
    assert found is not None and not found.comparable
    assert found.verdict == "", "too few mornings: no verdict at all"
    assert (found.session_mornings, found.rest_mornings) == (sessions, rests)


def test_a_meaningful_difference_is_2_points_or_30_percent_else_about_the_same():
    entries, sessions = alternating(3, 3, after_session=2, after_rest=4)  # 2 points
    assert knee_after(entries, sessions).verdict == "lower after session days"
    entries, sessions = alternating(3, 3, after_session=4, after_rest=3)  # 1 point, 30% of 3
    assert knee_after(entries, sessions).verdict == "higher after session days"
    entries, sessions = alternating(3, 3, after_session=5, after_rest=6)  # 1 point, under 30% of 6
    assert knee_after(entries, sessions).verdict == "about the same"


def test_a_walk_day_is_a_rest_day_a_race_day_and_an_unlogged_day_neither():
    day = LAST - DAY
    assert day_kinds({day: DayEntry(day, mood=3)}, [run(day, "walk")]) == {day: "rest"}
    assert day_kinds({day: DayEntry(day, mood=3)}, [run(day, "walk"), run(day, "strength")]) == {day: "session"}
    assert day_kinds({day: DayEntry(day, day_type="race")}, []) == {}, "a race is load without a session"
    assert day_kinds({}, []) == {}, "a day not logged and without a session is unknown"
    assert day_kinds({}, [run(day)]) == {day: "session"}, "a session makes the day, logged or not"
    assert day_kinds({day: DayEntry(day, day_type="rest")}, []) == {day: "rest"}


def test_a_morning_without_a_reading_at_the_site_is_not_a_zero():
    day = LAST - DAY
    entries = [DayEntry(day, mood=3), DayEntry(LAST, mood=3, pain={("shin", ""): 2}), knee(LAST - 3 * DAY, 2)]
    found = knee_after(entries, [run(day)])
    assert found.session_mornings == 0, "the morning after the run has no knee reading: it does not count"


def test_the_mornings_are_the_28_days_to_the_last_day():
    first, last = window(LAST)
    assert (last - first).days + 1 == WINDOW_DAYS
    # The first morning's day before lies outside the window, but is read: that morning counts.
    entries = [DayEntry(first - DAY, mood=3), knee(first, 3), knee(first - DAY * 2, 5), knee(LAST + DAY, 5)]
    found = knee_after(entries, [run(first - DAY)])
    assert (found.session_mornings, found.after_sessions) == (1, 3.0), "a morning before the window or after is not"


def test_only_a_site_that_hurt_in_the_window_is_listed():
    entries, sessions = alternating(3, 3, after_session=0, after_rest=0)
    assert knee_after(entries, sessions) is None, "no morning of 1 or more: not a painful site"
    found = pain_after_load({entry.date: entry for entry in entries}, sessions, LAST, SITES)
    assert found == []
