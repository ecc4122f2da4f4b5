"""Every signal rule of DOMAIN.md, on hand-made journals at the rule's edges."""

import datetime as dt

import pytest

from journal.domain.entries import DEFAULT_SITES, DayEntry
from journal.domain.signals import (
    SD_FLOOR,
    TOTAL,
    baseline,
    compare,
    current_run,
    flags_between,
    flags_on,
    is_meaningful,
    metric_value,
    site_pain,
    sleep_debt,
    weekly_means,
)

SITES = list(DEFAULT_SITES)
DAY = dt.timedelta(days=1)


def days_back(count: int, end: dt.date) -> list[dt.date]:
    """`count` days ending on `end`, oldest first."""
    return [end - offset * DAY for offset in range(count - 1, -1, -1)]


def journal_of(entries) -> dict[dt.date, DayEntry]:
    return {entry.date: entry for entry in entries}


def kinds(flags) -> list[tuple[str, str, str]]:
    return [(flag.kind, flag.subject, flag.level) for flag in flags]


def pain_days(scores: dict[dt.date, int], site=("knee", "left")) -> dict[dt.date, DayEntry]:
    return journal_of(DayEntry(day, pain={site: score}) for day, score in scores.items())


# -- a day's values ------------------------------------------------------------------------


def test_the_total_needs_all_five_items_and_a_site_is_its_worst_side(today):
    full = DayEntry(today, sleep_quality=3, fatigue=4, soreness=2, stress=5, mood=1)
    assert metric_value(full, TOTAL) == 15
    assert metric_value(DayEntry(today, mood=3), TOTAL) is None
    assert metric_value(None, "mood") is None
    both = DayEntry(today, pain={("knee", "left"): 2, ("knee", "right"): 6, ("shin", ""): 9})
    assert site_pain(both, "knee") == 6 and site_pain(both, "hip") is None


# -- meaningful change ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "meaningful"),
    [(6, 4, True), (10, 8.1, False), (3, 2.1, True), (3, 2.2, False), (0, 1.9, False), (0, 2, True), (10, 7, True)],
)
def test_a_meaningful_change_is_two_points_or_thirty_percent(before, after, meaningful):
    assert is_meaningful(before, after) is meaningful


def test_compare_says_better_or_worse_only_when_meaningful():
    assert compare(3.0, 4.0, higher_is_better=True) == "better"
    assert compare(3.0, 3.5, higher_is_better=True) == "about the same"
    assert compare(4.0, 6.0, higher_is_better=False) == "worse"
    assert compare(None, 6.0, higher_is_better=False) == ""


# -- runs of days -------------------------------------------------------------------------


def test_a_run_steps_over_one_missing_day_but_not_two_and_ends_at_a_miss(today):
    hits = {today - n * DAY for n in (0, 1, 3, 4, 7)}  # days 2, 5 and 6 back have no reading
    run = current_run(today, lambda day: True if day in hits else None)
    assert run == sorted(today - n * DAY for n in (0, 1, 3, 4))
    readings = {today: True, today - DAY: False, today - 2 * DAY: True}
    assert current_run(today, readings.get) == [today]
    # A run ending yesterday is still going today, when today has no reading yet.
    assert current_run(today, {today - DAY: True, today - 2 * DAY: True}.get) == [today - 2 * DAY, today - DAY]


# -- personal baselines ------------------------------------------------------------------


def steady(days: int, end: dt.date, **values) -> list[DayEntry]:
    return [DayEntry(day, **values) for day in days_back(days, end)]


def test_a_baseline_needs_14_entries_in_the_28_days_before(today):
    thirteen = journal_of([*steady(13, today - DAY, mood=4), DayEntry(today, mood=1)])
    assert baseline(thirteen, today, "mood") is None
    fourteen = journal_of([*steady(14, today - DAY, mood=4), DayEntry(today, mood=1)])
    found = baseline(fourteen, today, "mood")
    assert found is not None and found.count == 14 and found.mean == 4


def test_days_older_than_28_and_today_itself_do_not_count_in_the_baseline(today):
    old = steady(20, today - 29 * DAY, mood=4)  # all before the 28-day window
    recent = steady(13, today - DAY, mood=4)
    assert baseline(journal_of([*old, *recent, DayEntry(today, mood=1)]), today, "mood") is None


def test_the_sd_floor_keeps_a_flat_history_from_flagging_every_small_dip(today):
    history = journal_of([*steady(20, today - DAY, mood=4), DayEntry(today, mood=3)])
    found = baseline(history, today, "mood")
    assert found.sd == SD_FLOOR and found.z == pytest.approx(-2.0)
    assert found.level == "red"


@pytest.mark.parametrize(("mood", "level"), [(4, None), (3, None), (2, "amber"), (1, "red")])
def test_amber_at_one_sd_below_red_at_two(mood, level, today):
    # A history of 3s and 5s: mean 4, SD 1.03, so a 3 is z -0.97 and a 2 is z -1.95.
    history = [DayEntry(day, mood=3 if index % 2 else 5) for index, day in enumerate(days_back(20, today - DAY))]
    entries = journal_of([*history, DayEntry(today, mood=mood)])
    found = baseline(entries, today, "mood")
    assert found.level == level
    flagged = [flag for flag in flags_on(entries, today, SITES, 8.0) if flag.subject == "mood"]
    assert kinds(flagged) == ([("baseline", "mood", level)] if level else [])


def test_three_low_days_in_a_row_is_a_drift_and_two_are_not(today):
    history = steady(28, today - 3 * DAY, mood=4, fatigue=4)
    two_low = journal_of(
        [*history, DayEntry(today - 2 * DAY, mood=4), DayEntry(today - DAY, mood=3), DayEntry(today, mood=3)]
    )
    assert ("drift", "mood", "amber") not in kinds(flags_on(two_low, today, SITES, 8.0))
    three_low = journal_of(
        [*history, DayEntry(today - 2 * DAY, mood=3), DayEntry(today - DAY, mood=3), DayEntry(today, mood=3)]
    )
    flagged = flags_on(three_low, today, SITES, 8.0)
    mood = [flag for flag in flagged if flag.subject == "mood"]
    assert [flag.kind for flag in mood] == ["drift"]  # one flag for the item, not a drift and a dip
    assert "3 days in a row" in mood[0].text


def test_the_wellness_total_has_its_own_baseline(today):
    values = {"sleep_quality": 4, "fatigue": 4, "soreness": 4, "stress": 4, "mood": 4}
    history = steady(20, today - DAY, **values)
    low = DayEntry(today, **{**values, "fatigue": 3, "soreness": 3, "mood": 3})  # total 17 against 20
    flagged = flags_on(journal_of([*history, low]), today, SITES, 8.0)
    assert ("baseline", "wellness total", "red") in kinds(flagged)


# -- pain ---------------------------------------------------------------------------------


def test_pain_on_7_days_in_a_row_is_flagged_and_6_is_not(today):
    six = pain_days(dict.fromkeys(days_back(6, today), 2))
    assert not [flag for flag in flags_on(six, today, SITES, 8.0) if flag.kind == "pain-persists"]
    seven = pain_days(dict.fromkeys(days_back(7, today), 2))
    flagged = [flag for flag in flags_on(seven, today, SITES, 8.0) if flag.kind == "pain-persists"]
    assert kinds(flagged) == [("pain-persists", "Knee", "amber")]
    assert "7 days in a row" in flagged[0].text and "checked" in flagged[0].text


def test_a_day_without_pain_ends_the_run_and_one_unlogged_day_does_not(today):
    days = days_back(8, today)
    with_zero = pain_days({day: (0 if index == 3 else 2) for index, day in enumerate(days)})
    assert "pain-persists" not in [flag.kind for flag in flags_on(with_zero, today, SITES, 8.0)]
    # A gap in the middle: 3 days, one not logged, 4 days: 7 readings, still a run.
    gap = pain_days({day: 2 for index, day in enumerate(days) if index != 3})
    flagged = [flag for flag in flags_on(gap, today, SITES, 8.0) if flag.kind == "pain-persists"]
    assert len(flagged) == 1 and "7 days in a row" in flagged[0].text
    # Two days not logged end it.
    long_gap = pain_days({day: 2 for index, day in enumerate(days_back(9, today)) if index not in (3, 4)})
    assert "pain-persists" not in [flag.kind for flag in flags_on(long_gap, today, SITES, 8.0)]


def test_a_logged_day_with_no_reading_at_the_site_is_missing_for_that_site(today):
    days = days_back(8, today)
    entries = pain_days(dict.fromkeys(days[:3] + days[4:], 3))
    entries[days[3]] = DayEntry(days[3], mood=4)  # logged, but nothing said about the knee
    assert "pain-persists" in [flag.kind for flag in flags_on(entries, today, SITES, 8.0)]


@pytest.mark.parametrize(("score", "flagged"), [(5, False), (6, True)])
def test_pain_above_5_is_flagged_and_5_is_not(score, flagged, today):
    entries = pain_days({today: score})
    assert (("pain-high", "Knee", "red") in kinds(flags_on(entries, today, SITES, 8.0))) is flagged


def test_a_weekly_mean_rising_two_weeks_running_is_flagged(today):
    scores = {}
    for week, score in enumerate((1, 2, 3)):  # oldest week first
        for day in days_back(7, today - (2 - week) * 7 * DAY)[::2]:  # 4 readings a week, a gap between
            scores[day] = score
    entries = pain_days(scores)
    assert weekly_means({d: e.pain[("knee", "left")] for d, e in entries.items()}, today) == [1, 2, 3]
    assert ("pain-rising", "Knee", "amber") in kinds(flags_on(entries, today, SITES, 8.0))


def test_a_rise_that_is_small_or_not_two_weeks_running_is_not_flagged(today):
    def flagged(weekly):
        scores = {
            day: score for week, score in enumerate(weekly) for day in days_back(7, today - (2 - week) * 7 * DAY)[::2]
        }
        return "pain-rising" in [flag.kind for flag in flags_on(pain_days(scores), today, SITES, 8.0)]

    assert not flagged((3, 3, 3.5))  # not a rise each week
    assert not flagged((2, 3, 2))  # up then down
    assert flagged((2, 3, 4))
    assert not flagged((5, 5, 6))  # 5 -> 5 is no rise


def test_a_week_with_fewer_than_3_readings_has_no_mean(today):
    scores = {
        today - 15 * DAY: 1,
        today - 14 * DAY: 1,
        today - 8 * DAY: 3,
        today - 7 * DAY: 3,
        today - DAY: 5,
        today: 5,
    }
    assert weekly_means(scores, today) == [None, None, None]


# -- sleep ---------------------------------------------------------------------------------


def test_sleep_debt_sums_the_shortfall_of_logged_nights_only(today):
    entries = journal_of(
        [
            DayEntry(today, sleep_hours=7.0),  # 1 short
            DayEntry(today - DAY, sleep_hours=9.0),  # over: not a credit
            DayEntry(today - 2 * DAY, sleep_hours=5.5),  # 2.5 short
            DayEntry(today - 13 * DAY, sleep_hours=6.0),  # the 14th night back: 2 short
            DayEntry(today - 14 * DAY, sleep_hours=0.0),  # the 15th: outside the window
        ]
    )
    assert sleep_debt(entries, today, 8.0) == (5.5, 4)
    assert sleep_debt(entries, today, 7.0) == (2.5, 4)


def test_sleep_debt_is_flagged_once_it_reaches_a_nights_need(today):
    under = journal_of(DayEntry(day, sleep_hours=7.5) for day in days_back(14, today))  # 7 h short
    assert "sleep-debt" not in [flag.kind for flag in flags_on(under, today, SITES, 8.0)]
    assert "sleep-debt" in [flag.kind for flag in flags_on(under, today, SITES, 8.5)]  # 14 h short
    at = journal_of(DayEntry(day, sleep_hours=7.0) for day in days_back(8, today))  # 8 h short
    assert ("sleep-debt", "sleep", "amber") in kinds(flags_on(at, today, SITES, 8.0))


def test_the_nights_after_a_race_aim_for_10_hours(today):
    race = today - 2 * DAY
    entries = journal_of(
        [DayEntry(race, day_type="race"), DayEntry(race + DAY, sleep_hours=10.5), DayEntry(today, sleep_hours=8.0)]
    )
    on_race_day = [flag for flag in flags_on(entries, race, SITES, 8.0) if flag.kind == "post-race"]
    assert kinds(on_race_day) == [("post-race", "sleep", "info")] and "tonight" in on_race_day[0].text
    assert kinds([f for f in flags_on(entries, race + DAY, SITES, 8.0) if f.kind == "post-race"]) == [
        ("post-race", "sleep", "info")
    ]
    short = [flag for flag in flags_on(entries, today, SITES, 8.0) if flag.kind == "post-race"]
    assert kinds(short) == [("post-race", "sleep", "amber")] and "8 h on night 2" in short[0].text
    # The third night is the last: slept well, nothing to say; four nights on, nothing either.
    entries[race + 3 * DAY] = DayEntry(race + 3 * DAY, sleep_hours=10.0)
    assert not [f for f in flags_on(entries, race + 3 * DAY, SITES, 8.0) if f.kind == "post-race"]
    assert not [f for f in flags_on(entries, race + 4 * DAY, SITES, 8.0) if f.kind == "post-race"]


def test_a_race_on_the_last_day_of_a_week_is_flagged_in_the_week_after():
    sunday = dt.date(2026, 11, 22)
    entries = journal_of([DayEntry(sunday, day_type="race"), DayEntry(sunday + DAY, sleep_hours=7.0)])
    next_week = flags_between(entries, sunday + DAY, sunday + 7 * DAY, SITES, 8.0)
    assert ("post-race", "sleep", "amber") in kinds(next_week)
    assert "Sun 22 Nov" in next_week[0].text


def test_flags_over_a_week_keep_each_flag_once_at_its_worst(today):
    entries = pain_days(dict(zip(days_back(7, today), (1, 2, 7, 2, 1, 1, 1), strict=True)))
    found = flags_between(entries, today - 6 * DAY, today, SITES, 8.0)
    assert kinds(found) == [("pain-high", "Knee", "red"), ("pain-persists", "Knee", "amber")]


def test_a_missing_day_is_never_a_zero_in_any_flag(today):
    assert flags_on({}, today, SITES, 8.0) == []
    assert sleep_debt({}, today, 8.0) == (0.0, 0)


def test_no_flag_names_a_diagnosis(today):
    entries = pain_days(dict.fromkeys(days_back(15, today), 7))
    for flag in flags_on(entries, today, SITES, 8.0):
        assert "checked" in flag.consider
        for word in ("tendinopathy", "fracture", "syndrome", "you have"):
            assert word not in flag.text.lower()


# -- cramps rising -------------------------------------------------------------------------


def cramp_weeks(weekly, today, *, every_day=False) -> dict[dt.date, DayEntry]:
    """Three 7-day windows ending on `today`, oldest first: each count logged on its window's middle day, and the
    other days logged with a mood only (no count, which counts none). A count of None is a window with nothing
    logged at all."""
    entries = {}
    for week, count in enumerate(weekly):
        window = days_back(7, today - (2 - week) * 7 * DAY)
        if count is None:
            continue
        for day in window if every_day else window[3:4]:
            entries[day] = DayEntry(day, mood=3)
        entries[window[3]] = DayEntry(window[3], mood=3, cramps=count, cramp_site="achilles" if count else None)
    return entries


def cramps_flag(entries, today):
    return [flag for flag in flags_on(entries, today, SITES, 8.0) if flag.kind == "cramps-rising"]


def test_cramps_per_week_count_the_logged_days_and_a_week_with_nothing_logged_is_missing(today):
    from journal.domain.signals import cramps_in_week, cramps_per_week

    entries = cramp_weeks((1, None, 4), today, every_day=True)
    entries[today] = DayEntry(today, cramps=2)  # two counts in one window add up
    assert cramps_in_week(entries, today) == 6
    assert cramps_in_week(entries, today - 7 * DAY) is None, "nothing logged: missing, not zero"
    entries = cramp_weeks((0, 0, 0), today)
    assert cramps_in_week(entries, today) == 0
    assert cramps_in_week({today: DayEntry(today, mood=3)}, today) == 0, "a logged day without a count counts none"
    starts = [today - 20 * DAY, today - 13 * DAY, today - 6 * DAY]
    assert cramps_per_week(cramp_weeks((1, None, 3), today), starts) == [1, None, 3]


@pytest.mark.parametrize(
    ("weekly", "flagged"),
    [
        ((1, 2, 3), True),  # rising two weeks running
        ((0, 1, 2), True),  # from none
        ((2, 2, 3), False),  # rising once: the first two weeks are equal
        ((1, 2, 2), False),  # rising once, then equal
        ((3, 2, 1), False),  # falling
        ((1, 3, 2), False),  # up then down
        ((None, 1, 2), False),  # a missing week first
        ((1, None, 2), False),  # a missing week between
    ],
)
def test_cramps_rising_two_weeks_running_suggest_a_clinician(weekly, flagged, today):
    found = cramps_flag(cramp_weeks(weekly, today), today)
    assert bool(found) is flagged
    if found:
        flag = found[0]
        assert (flag.level, flag.subject) == ("amber", "cramps")
        assert " → ".join(str(count) for count in weekly) in flag.seen
        words = flag.text.lower()
        assert "doctor or physiotherapist" in words
        assert not any(advice in words for advice in ("salt", "sodium", "mineral", "magnesium", "electrolyte"))


def test_cramps_rising_is_seen_in_the_windows_ending_that_day(today):
    entries = cramp_weeks((1, 2, 3), today)
    assert cramps_flag(entries, today)
    # A week on, the newest window is empty of cramps (logged, none): no rise.
    later = today + 7 * DAY
    entries[later] = DayEntry(later, mood=4)
    assert not cramps_flag(entries, later)
    # In the weekly review's days, the flag shows once, at that day.
    found = [
        flag for flag in flags_between(entries, today - 6 * DAY, today, SITES, 8.0) if flag.kind == "cramps-rising"
    ]
    assert len(found) == 1


# -- what a watch measures ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today_hr", "level"),
    [(51, None), (52, "amber"), (53, "amber"), (54, "red")],  # usual 50, SD floored at 2: +1 SD at 52, +2 at 54
)
def test_a_resting_heart_rate_above_the_usual_is_flagged_at_one_and_two_sds(today, today_hr, level):
    from journal.domain.signals import device_flags

    days = journal_of([*steady(20, today - DAY, resting_hr=50), DayEntry(today, resting_hr=today_hr)])
    found = [(flag.kind, flag.level) for flag in device_flags(days, today)]
    assert found == ([] if level is None else [("device", level)])
    low = journal_of([*steady(20, today - DAY, resting_hr=50), DayEntry(today, resting_hr=44)])
    assert device_flags(low, today) == [], "a lower resting heart rate is no warning"


def test_an_hrv_is_compared_only_with_those_measured_the_same_way(today):
    from journal.domain.signals import device_flags

    rmssd = steady(20, today - DAY, hrv=70.0, hrv_method="rmssd")
    sdnn_today = DayEntry(today, hrv=40.0, hrv_method="sdnn")
    assert device_flags(journal_of([*rmssd, sdnn_today]), today) == [], "no SDNN history to compare with"
    [flag] = device_flags(journal_of([*rmssd, DayEntry(today, hrv=60.0, hrv_method="rmssd")]), today)
    assert (flag.subject, flag.level) == ("HRV", "red")
    assert flag.seen == "HRV 60 ms is well below your usual (70.0 ms over the last 28 days, z -3.3)"
