"""Trends, the weekly review and the flags, read from real journal files."""

import datetime as dt

import pytest

from journal.domain.entries import DayEntry
from journal.domain.goals import Goal, Measure
from journal.domain.trends import spark
from journal.render.review import review_markdown, review_text
from journal.store.checklist import list_items, set_tick
from journal.store.entries import save_entries
from journal.store.goals import add_goal
from journal.store.insights import active_flags, weekly_review
from journal.store.settings import set_setting
from journal.store.trends import load_trends

DAY = dt.timedelta(days=1)


@pytest.fixture
def monday(today):
    """The Monday of today's week."""
    return today - today.weekday() * DAY


# -- sparklines and trends ----------------------------------------------------------------


def test_a_sparkline_is_drawn_on_fixed_ends_with_gaps_for_missing_days():
    assert spark([1, 5, None, 3, 9, -1], 1, 5) == "▁█ ▅█▁"
    assert spark([0, 10], 0, 10) == "▁█"


def test_trends_keep_gaps_take_the_worst_side_and_figure_over_days(journal, today):
    start = today - 9 * DAY
    save_entries(
        journal,
        [
            DayEntry(start, sleep_hours=6.0, mood=2, pain={("knee", "left"): 2, ("knee", "right"): 6}),
            DayEntry(start + DAY, sleep_hours=8.0, mood=4),
            DayEntry(today, sleep_hours=7.0, mood=3, pain={("knee", "left"): 1}),
        ],
    )
    trends = load_trends(journal, start, today, width=50)
    assert trends.per_cell == 1 and trends.days == 10
    by_key = {series.key: series for series in trends.series}
    mood = by_key["mood"]
    assert mood.cells == [2, 4, *[None] * 7, 3]
    assert (mood.latest, mood.mean, mood.minimum, mood.maximum) == (3, 3, 2, 4)
    knee = by_key["pain:knee"]
    assert knee.cells == [6, *[None] * 8, 1] and knee.latest == 1 and knee.maximum == 6
    assert "pain:shin" not in by_key, "a site with no readings has no row"
    assert by_key["total"].latest is None, "the total needs all five items"


def test_a_long_range_is_bucketed_to_the_width(journal, today):
    start = today - 99 * DAY
    save_entries(journal, [DayEntry(start + offset * DAY, mood=1 + offset % 5) for offset in range(100)])
    trends = load_trends(journal, start, today, width=10)
    mood = next(series for series in trends.series if series.key == "mood")
    assert trends.per_cell == 10 and len(mood.cells) == 10
    assert mood.cells == [3.0] * 10  # each bucket holds two of each of 1..5


def test_weekly_completion_lines_up_under_the_days_of_its_week(journal, today, monday):
    strength = list_items(journal)[0]  # 2 a week
    set_tick(journal, strength.id, monday - 7 * DAY, True)  # last week: 1 of 2
    trends = load_trends(journal, monday - 14 * DAY, today, width=50)
    completion = next(series for series in trends.series if series.key == "completion")
    week_before, last_week, this_week = completion.cells[:7], completion.cells[7:14], completion.cells[14:]
    assert set(week_before) == {None}, "before the checklist was in use there is no figure"
    # Before the items were added only a ticked one counts, with its first target: 1 of 2.
    assert set(last_week) == {0.5}
    assert set(this_week) == {None}, "a week in progress is not yet a figure"
    assert completion.latest == last_week[0]


# -- flags from the store -----------------------------------------------------------------


def test_sleep_need_is_a_setting_the_flags_use(journal, today):
    save_entries(journal, [DayEntry(today - offset * DAY, sleep_hours=7.0) for offset in range(8)])
    assert [flag.kind for flag in active_flags(journal, today)] == ["sleep-debt"]  # 8 h short of 8 h
    set_setting(journal, "sleep_need", "7.5")
    assert active_flags(journal, today) == []  # 4 h short of 7.5 h


# -- the weekly review --------------------------------------------------------------------


@pytest.fixture
def week_journal(journal, today, monday):
    last_week = monday - 7 * DAY
    save_entries(
        journal,
        [
            *(
                DayEntry(last_week + offset * DAY, sleep_hours=7.0, mood=2, pain={("knee", "left"): 6})
                for offset in range(7)
            ),
            DayEntry(
                monday,
                day_type="rest",
                sleep_hours=8.0,
                mood=4,
                pain={("knee", "left"): 3},
                note='Physio: "load it gently", 3x15 calf raises',
            ),
            DayEntry(monday + DAY, sleep_hours=7.5, mood=4, pain={("knee", "left"): 2}),
            DayEntry(today, sleep_hours=8.5, mood=3, note="Strides felt quick\nKnee fine afterwards"),
        ],
    )
    strength = list_items(journal)[0]
    set_tick(journal, strength.id, monday + DAY, True)
    add_goal(
        journal, Goal("Settle the knee", "rehab", measure=Measure("pain", site="knee", level=2.0)), today=last_week
    )
    return journal


def test_the_weekly_review_as_text(week_journal, today, monday):
    text = review_text(weekly_review(week_journal, monday, today))
    assert text.splitlines()[:15] == [
        "Week 2026-W48 · 23–29 Nov 2026",
        "3 of 4 days logged so far; Mon rest.",
        "",
        "Averages against the week before",
        "                    this  before",
        "  Sleep hours        8.0     7.0  about the same",
        "  Sleep quality        –       –",
        "  Fatigue              –       –",
        "  Soreness             –       –",
        "  Stress               –       –",
        "  Mood               3.7     2.0  better",
        "  Wellness total       –       –",
        "  Pain: Knee         2.5     6.0  better",
        "  Sleep debt: 7.5 h over the 14 days to Thu 26 Nov (10 nights logged, need 8 h).",
        "",
    ]
    assert "Flags this week" in text
    assert "!! Mon: Knee pain is 6 out of 10" not in text, "last week's high pain is last week's flag"
    assert "Knee has hurt on 9 days in a row" in text
    assert "Sleep debt of" not in text, "7.5 h short is under a night's need"
    assert "Checklist: " in text and "  Strength session: 1/" in text
    assert "Settle the knee (to do)" in text and "%" in text
    assert '  Mon 23  Physio: "load it gently", 3x15 calf raises' in text
    assert "  Thu 26  Strides felt quick\n          Knee fine afterwards" in text


def test_the_weekly_review_before_a_journal_starts(journal, today, monday):
    text = review_text(weekly_review(journal, monday - 70 * DAY, today))
    assert "0 of 7 days logged." in text and "None raised." in text and "No notes this week." in text


def test_the_weekly_review_as_markdown_escapes_what_markdown_would_read(week_journal, today, monday):
    markdown = review_markdown(weekly_review(week_journal, monday, today))
    assert markdown.startswith("# Week 2026-W48 · 23–29 Nov 2026\n")
    assert "| Mood | 3.7 | 2.0 | better |" in markdown
    assert "## Flags this week" in markdown and "- **amber**" in markdown
    assert "- **Thu 26 Nov**: Strides felt quick  \n  Knee fine afterwards" in markdown


def test_a_past_weeks_review_lists_the_goals_as_they_stood_at_its_end(journal, today, monday):
    from journal.store.goals import move_goal

    last_week = monday - 7 * DAY
    save_entries(journal, [DayEntry(last_week + offset * DAY, sleep_hours=8.0) for offset in range(7)])
    save_entries(journal, [DayEntry(monday + offset * DAY, sleep_hours=4.0) for offset in range(4)])
    add_goal(journal, Goal("Sleep to your need", measure=Measure("sleep", level=8.0)), today=last_week)
    kick = add_goal(journal, Goal("Kick", due=last_week + 2 * DAY), today=last_week)
    early = add_goal(journal, Goal("Done in time"), today=last_week)
    move_goal(journal, early.id, "done", today=last_week + DAY)
    move_goal(journal, kick.id, "done", today=today)
    add_goal(journal, Goal("Set this week", measure=Measure("sleep", level=8.0)), today=monday)
    text = review_text(weekly_review(journal, last_week, today))
    goals = text[text.index("\nGoals\n") : text.index("\nNotes\n")]
    assert "Set this week" not in goals, "a goal set after the week was not on its board"
    sleep_line = goals.split("Sleep to your need (open): ")[1].splitlines()[0]
    assert sleep_line.endswith("100%"), "progress as of the week's end, not this week's short nights"
    assert "Kick (open, due 18 Nov (overdue))" in goals, "done only this week: not yet done then"
    assert "Done in time (done)" in goals
    this_week = review_text(weekly_review(journal, monday, today))
    assert "Set this week (to do)" in this_week and "Kick (done" in this_week and "Done in time" not in this_week
    assert "100%" not in this_week.split("Sleep to your need")[1].splitlines()[0], "this week's 4 h nights"


def test_a_week_not_begun_says_so_of_its_sleep_debt_rather_than_no_nights_logged(journal, today, monday):
    save_entries(journal, [DayEntry(today - n * DAY, sleep_hours=7.5) for n in range(3)])
    text = review_text(weekly_review(journal, monday + 7 * DAY, today))
    assert "This week has not started yet." in text
    assert "Sleep debt: counted once the week has begun." in text
    assert "no nights logged" not in text
    this_week = review_text(weekly_review(journal, monday, today))
    assert "3 nights logged" in this_week


def test_the_weekly_review_shows_training_pain_after_load_decisions_and_overuse(journal, today, monday):
    from journal.domain.overuse import Answers
    from journal.domain.sessions import Session
    from journal.store.overuse import save_answers
    from journal.store.plans import decisions_between, make_decisions, start_plan
    from journal.store.sessions import add_session

    # Four weeks and a day to today: a run every other day, the left knee at 4 the morning after a run and at 1
    # the morning after a rest day. A walk on the rest days: a walk is not load.
    first = today - 28 * DAY
    run_days = [first + n * DAY for n in range(0, 29, 2) if first + n * DAY < today]
    save_entries(
        journal,
        [
            DayEntry(first + n * DAY, mood=3, pain={("knee", "left"): 4 if first + (n - 1) * DAY in run_days else 1})
            for n in range(29)
        ],
    )
    start_plan(journal, "knee", "left", today=monday - 7 * DAY)
    for day in run_days:
        plan = day >= monday - 7 * DAY
        add_session(
            journal, Session(day, "run", 30, km=5.0, rpe=4 if day != run_days[-1] else None, for_plan=plan), today=day
        )
        add_session(journal, Session(day + DAY, "walk", 20), today=day + DAY)
        make_decisions(journal, today=day + DAY)
    save_answers(journal, monday, "knee", "left", Answers(1, 2, 1, 1), today=today)
    save_answers(journal, monday, "shin", "", Answers(1, 0, 0, 1), today=today)

    lines = review_text(weekly_review(journal, monday, today)).splitlines()
    this_week = [day for day in run_days if day >= monday]  # Tue 24 (no RPE) and Thu 26, and walks Wed
    week_before = [day for day in run_days if monday - 7 * DAY <= day < monday]
    assert (len(this_week), len(week_before)) == (1, 4)
    at = lines.index("Training against the week before")
    assert lines[at : at + 20] == [
        "Training against the week before",
        "                    this  before",
        "  Sessions             3       7",  # Mon walk, Tue run, Wed walk; four runs and three walks
        "  Minutes             70     180",
        "  Km                 5.0    20.0",
        "  Load                 0     480",  # Tue's run has no RPE, nor has a walk
        "  Load is minutes x RPE; not counted in it, for want of an RPE: 3 of 3 sessions this week"
        " and 3 of 7 sessions the week before.",
        "",
        "Pain after load: the mornings of the 28 days to Thu 26 Nov",
        "  Knee: 4.0 after session days (14 mornings), 1.0 after rest days (14 mornings); higher after session days.",
        "  A session day has a session other than a walk; a rest day is a logged day without one, not a race day."
        " What the mornings held, not their cause.",
        "",
        "Return to running: the plan's decisions",
        "  Mon: left knee, the session of Sun 22 Nov: The next morning's pain 4 was meaningfully worse than the"
        " morning before's 1 (2 points or 30%): stay at stage 1 of 10, the first",
        "  Wed: left knee, the session of Tue 24 Nov: The next morning's pain 4 was meaningfully worse than the"
        " morning before's 1 (2 points or 30%): stay at stage 1 of 10, the first",
        "",
        "Overuse check (OSTRC-O2)",
        "  Knee (left): severity 35 of 100, a substantial problem",
        "  Shin: severity 16 of 100, not a substantial problem",
        "",
    ]
    assert len(decisions_between(journal, monday, today)) == 2, "last week's decisions are last week's"
    flags = lines[lines.index("Flags this week") + 1 : lines.index("Flags this week") + 4]
    assert (
        "  !  Mon: Knee (left): a substantial overuse problem in the week of Mon 23 Nov (severity 35 of 100)."
        " A problem that cuts your training or your running is worth talking over with a doctor or physiotherapist."
    ) in flags
    assert not any("Shin" in line for line in flags), "a problem that is not substantial raises no flag"
    markdown = review_markdown(weekly_review(journal, monday, today))
    assert "| Sessions | 3 | 7 |" in markdown and "## Overuse check (OSTRC-O2)" in markdown
    assert "- Knee (left): severity 35 of 100, a substantial problem" in markdown
    last_week = review_text(weekly_review(journal, monday - 7 * DAY, today))
    assert "Overuse check" not in last_week, "no answers that week: nothing said"


def test_pain_after_load_says_nothing_with_too_few_mornings(journal, today, monday):
    from journal.domain.sessions import Session
    from journal.store.sessions import add_session

    save_entries(journal, [DayEntry(today - n * DAY, pain={("knee", "left"): 3}) for n in range(6)])
    for n in (1, 3, 5):
        add_session(journal, Session(today - n * DAY, "run", 30, rpe=4), today=today)
    text = review_text(weekly_review(journal, monday, today))
    assert "Pain after load" not in text, "3 mornings after a run but 2 after a rest day: nothing said"
    assert "Pain: Knee" in text, "the week's pain is still in the averages"
    empty = review_text(weekly_review(journal, monday - 70 * DAY, today))
    assert "Pain after load" not in empty and "No sessions logged this week or the week before." in empty


def test_the_review_says_the_cramps_of_the_week_and_the_week_before_and_nothing_without_any():
    import datetime as dt

    from journal.domain.entries import DayEntry
    from journal.domain.review import cramps_line, cramps_this_and_before

    monday = dt.date(2026, 11, 16)
    entries = {
        monday: DayEntry(monday, cramps=2, cramp_site="achilles"),
        monday + dt.timedelta(days=3): DayEntry(monday + dt.timedelta(days=3), mood=4),  # logged, no cramps
        monday - dt.timedelta(days=2): DayEntry(monday - dt.timedelta(days=2), cramps=1, cramp_site="achilles"),
    }
    assert cramps_this_and_before(entries, monday) == (2, 1)
    assert cramps_this_and_before(entries, monday + dt.timedelta(days=7)) == (None, 2)

    def review(cramps):
        from types import SimpleNamespace

        return SimpleNamespace(cramps=cramps)  # the line reads the review's cramps alone

    assert cramps_line(review((2, 1))) == "Cramps: 2 this week, 1 the week before"
    assert cramps_line(review((None, 2))) == "Cramps: nothing logged this week, 2 the week before"
    assert cramps_line(review((0, None))) is None
