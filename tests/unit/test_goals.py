import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.entries import DayEntry
from journal.domain.goals import (
    Assessment,
    Goal,
    Measure,
    checklist_progress,
    pain_progress,
    parse_measure,
    parse_status,
    propose,
)
from journal.domain.scales import NOTE_MAX, SHORT_TEXT_MAX
from journal.errors import InvalidInput
from journal.store.checklist import list_items, set_tick
from journal.store.entries import save_entry
from journal.store.goals import add_goal, list_goals, move_goal, progress, remove_goal, save_assessment

ALWAYS = ["Sleep to your need", "See the doctor: blood work and a stress test", "Book rehab appointments"]


def titles(assessment, today):
    return [proposal.goal.title for proposal in propose(assessment, today)]


# -- the season assessment ---------------------------------------------------------------


def test_no_yes_still_proposes_sleep_the_doctor_and_rehab(today):
    proposals = propose(Assessment(today), today)
    assert [p.goal.title for p in proposals] == ALWAYS
    assert proposals[1].goal.due == today + dt.timedelta(weeks=4) and proposals[2].goal.due is not None
    assert proposals[0].goal.measure == Measure("sleep", level=8.0)


@pytest.mark.parametrize(
    ("answer", "title", "measure_kind"),
    [
        ({"faded": True}, "Build strength and a finishing kick", "checklist"),
        ({"hit_wall": True}, "Practise long runs with fuelling", "ticks"),
        ({"back_or_hips": True}, "Strengthen hips and core", "checklist"),
        ({"cramping": True}, "Note cramps and go over them with a clinician", "cramps"),
    ],
)
def test_each_yes_proposes_its_goal(answer, title, measure_kind, today):
    proposals = propose(Assessment(today, **answer), today)
    assert [p.goal.title for p in proposals] == [title, *ALWAYS]
    measure = proposals[0].goal.measure
    assert (measure.kind if measure else None) == measure_kind


def test_each_painful_site_gets_its_own_goal_and_the_doctor_is_asked_about_a_scan(today):
    proposals = propose(Assessment(today, pain_sites=("knee", "shin")), today)
    assert [p.goal.title for p in proposals] == [
        "Settle the knee pain",
        "Settle the shin pain",
        "Ask the doctor whether the knee and shin pain needs a scan",
        *ALWAYS,
    ]
    assert proposals[0].goal.measure == Measure("pain", site="knee", level=2)
    assert proposals[2].goal.due == today + dt.timedelta(weeks=4), "a health task with a due date"


def test_cramps_are_a_question_for_a_clinician_not_a_salt_rule(today):
    goal = propose(Assessment(today, cramping=True), today)[0].goal
    assert "salt" not in (goal.title + goal.note).lower() and goal.due is not None


# -- measures ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        (
            "checklist:Strength session,Strides:80%:8w",
            Measure("checklist", items=("Strength session", "Strides"), level=0.8, weeks=8),
        ),
        ("pain:knee:2", Measure("pain", site="knee", level=2)),
        ("sleep:8.5", Measure("sleep", level=8.5)),
        ("days:rest:10", Measure("days", day_type="rest", count=10)),
        ("ticks:Long run:8", Measure("ticks", items=("Long run",), count=8)),
        ("cramps:0", Measure("cramps")),
        ("cramps:1.5", Measure("cramps", level=1.5)),
    ],
)
def test_measures_are_read_and_stored(text, measure):
    assert parse_measure(text) == measure
    assert Measure.from_json(measure.to_json()) == measure


@pytest.mark.parametrize(
    "text",
    [
        "pain:knee",
        "sleep:0",
        "sleep:30",
        "checklist:x:180%:8w",
        "checklist:x:80%",
        "days:holiday:3",
        "ticks::3",
        "bogus:1",
        "pain:knee:11",
        "cramps",
        "cramps:100",
        "cramps:-1",
        "cramps:1:2",
    ],
)
def test_bad_measures_are_refused(text):
    with pytest.raises(InvalidInput, match="a measure is"):
        parse_measure(text)


def test_statuses():
    assert parse_status("To do") == "todo" and parse_status("DONE") == "done"
    with pytest.raises(InvalidInput):
        parse_status("later")


def test_pure_progress_rules():
    assert checklist_progress([None, None], 0.8, 8) is None
    assert checklist_progress([0.9, 0.5, 0.8, None], 0.8, 8) == 2 / 8
    assert pain_progress(6.0, None, 2) is None
    assert pain_progress(6.0, 4.0, 2) == 0.5
    assert pain_progress(6.0, 2.0, 2) == 1.0
    assert pain_progress(None, 3.0, 2) == 0.0


def goal_with(journal, measure, today, created=None):
    """A goal with `measure`, created on `created`, by default two weeks before `today`."""
    return add_goal(journal, Goal("g", measure=measure), today=created or today - dt.timedelta(days=14))


def test_sleep_progress_from_the_last_seven_days(journal, today):
    goal = goal_with(journal, Measure("sleep", level=8), today)
    assert progress(journal, goal, today) is None, "no data yet"
    for offset, hours in ((0, 7.0), (1, 9.0), (2, 5.0), (8, 2.0)):  # the 2 h night is older than a week
        save_entry(journal, DayEntry(today - dt.timedelta(days=offset), sleep_hours=hours))
    assert progress(journal, goal, today) == pytest.approx(7 / 8)


def test_pain_progress_from_where_it_started(journal, today):
    goal = goal_with(journal, Measure("pain", site="knee", level=2), today)
    assert progress(journal, goal, today) is None
    start = goal.created_on
    for offset in range(3):
        save_entry(journal, DayEntry(start - dt.timedelta(days=offset), pain={("knee", "left"): 6, ("knee", ""): 1}))
    save_entry(journal, DayEntry(today, pain={("knee", "left"): 4}))
    assert progress(journal, goal, today) == 0.5, "from a mean of 6 (the worse side) to 4, aiming at 2"
    save_entry(journal, DayEntry(today, pain={("knee", "left"): 2}))
    assert progress(journal, goal, today) == 1.0


def test_cramps_progress_is_cramps_per_week_coming_down_from_where_they_were(journal, today):
    goal = goal_with(journal, Measure("cramps", level=0), today)
    start = goal.created_on
    save_entry(journal, DayEntry(start - dt.timedelta(days=2), mood=3))
    assert progress(journal, goal, today) is None, "days logged, but never a cramp count: no data yet"
    save_entry(journal, DayEntry(start - dt.timedelta(days=1), cramps=3, cramp_site="achilles"))
    save_entry(journal, DayEntry(start, cramps=1))
    save_entry(journal, DayEntry(start - dt.timedelta(days=7), cramps=9))  # before the week it was set: not counted
    assert progress(journal, goal, start) == 0.0, "4 a week where it started, and the same on its first day"
    save_entry(journal, DayEntry(today - dt.timedelta(days=1), cramps=2))
    save_entry(journal, DayEntry(today, mood=4))  # logged, no count: none that day
    assert progress(journal, goal, today) == 0.5, "from 4 a week to 2, aiming at none"
    save_entry(journal, DayEntry(today - dt.timedelta(days=1), mood=4))
    assert progress(journal, goal, today) == 1.0, "a logged week without cramps"
    save_entry(journal, DayEntry(today - dt.timedelta(days=3), cramps=6))
    assert progress(journal, goal, today) == 0.0, "worse than where it started is no progress"
    # The latest logged week counts: a journal left alone keeps its last figure.
    assert progress(journal, goal, today + dt.timedelta(days=30)) == 0.0
    higher = goal_with(journal, Measure("cramps", level=2), today)
    assert progress(journal, higher, today) == pytest.approx(0.0)
    save_entry(journal, DayEntry(today - dt.timedelta(days=3), cramps=2))
    assert progress(journal, higher, today) == 1.0, "at the level or below is complete"


def test_the_cramps_proposal_is_measured_and_waits_for_a_count(journal, today):
    for offset in range(7):
        save_entry(journal, DayEntry(today - dt.timedelta(days=offset), mood=3))
    title = "Note cramps and go over them with a clinician"
    cramps = proposed(journal, today, cramping=True)[title]
    assert cramps.goal.measure == Measure("cramps", level=0)
    assert cramps.keep and cramps.why == "your cramping got worse; no data yet", "no count logged is not zero cramps"
    save_entry(journal, DayEntry(today - dt.timedelta(days=2), cramps=2, cramp_site="hamstring"))
    cramps = proposed(journal, today, cramping=True)[title]
    assert cramps.keep and cramps.why == "your cramping got worse"
    (goal,) = save_assessment(journal, Assessment(today, cramping=True), [cramps], today=today)
    assert progress(journal, goal, today) == 0.0


def test_days_and_ticks_are_counted_since_the_goal_began(journal, today):
    days = goal_with(journal, Measure("days", day_type="rest", count=4), today)
    save_entry(journal, DayEntry(today, day_type="rest"))
    save_entry(journal, DayEntry(today - dt.timedelta(days=30), day_type="rest"))  # before the goal
    assert progress(journal, days, today) == 0.25
    strides = next(item for item in list_items(journal) if item.title == "Strides")
    ticks = goal_with(journal, Measure("ticks", items=("strides",), count=2), today)
    assert progress(journal, ticks, today) == 0.0
    set_tick(journal, strides.id, today, True)
    assert progress(journal, ticks, today) == 0.5


def test_checklist_progress_counts_weeks_that_reached_the_level(journal, today):
    strength = list_items(journal)[0]
    goal = goal_with(
        journal,
        Measure("checklist", items=("Strength session",), level=1.0, weeks=4),
        today,
        created=today - dt.timedelta(days=7),
    )
    assert progress(journal, goal, today) == 0.0
    monday = today - dt.timedelta(days=today.weekday())
    set_tick(journal, strength.id, monday, True)
    set_tick(journal, strength.id, monday + dt.timedelta(days=1), True)
    assert progress(journal, goal, today) == 0.25, "one week of four at 2/2"
    with pytest.raises(InvalidInput, match="no checklist item 'No such item'"):
        goal_with(journal, Measure("checklist", items=("No such item",), level=0.8, weeks=4), today)


# -- the board -------------------------------------------------------------------------------


def test_goals_move_between_columns_and_keep_their_order(journal, today):
    a, b, c = (add_goal(journal, Goal(title), today=today) for title in ("a", "b", "c"))
    move_goal(journal, c.id, "todo", today=today, position=0)
    assert [g.title for g in list_goals(journal)] == ["c", "a", "b"]
    done = move_goal(journal, a.id, "done", today=today)
    assert done.done_on == today
    assert move_goal(journal, a.id, "doing", today=today).done_on is None
    remove_goal(journal, b.id)
    assert [(g.title, g.status) for g in list_goals(journal)] == [("c", "todo"), ("a", "doing")]
    with pytest.raises(InvalidInput):
        move_goal(journal, 999, "done", today=today)


def test_an_assessment_lands_the_kept_goals_and_the_items_they_need(journal, today):
    assessment = Assessment(today, "Valencia marathon", hit_wall=True, pain_sites=("knee",))
    proposals = propose(assessment, today)
    proposals[0].keep = proposals[1].keep = False  # drop the knee goal and the scan
    goals = save_assessment(journal, assessment, [p for p in proposals if p.keep], today=today)
    assert [g.title for g in goals] == ["Practise long runs with fuelling", *ALWAYS]
    assert "Long run with fuelling" in [item.title for item in list_items(journal)]
    assert journal.conn.execute("SELECT looks_back_on, hit_wall, pain_sites FROM assessments").fetchone() == (
        "Valencia marathon",
        1,
        "knee",
    )


def test_measures_are_checked_and_follow_renamed_items(journal, today):
    from journal.store.checklist import update_item

    with pytest.raises(InvalidInput, match="did you mean knee"):
        goal_with(journal, Measure("pain", site="kne", level=2), today)
    ticks = goal_with(journal, Measure("ticks", items=("strid",), count=2), today)
    assert ticks.measure.items == ("Strides",), "a part of the title is enough, as elsewhere"
    strides = next(item for item in list_items(journal) if item.title == "Strides")
    set_tick(journal, strides.id, today, True)
    update_item(journal, strides.id, title="Strides after easy runs", today=today)
    assert progress(journal, ticks, today) == 0.5, "the goal keeps its item by number"


def test_a_pain_goal_keeps_its_last_figure_when_the_site_is_no_longer_logged(journal, today):
    goal = goal_with(journal, Measure("pain", site="knee", level=1), today)
    save_entry(journal, DayEntry(goal.created_on, pain={("knee", ""): 4}))
    save_entry(journal, DayEntry(goal.created_on + dt.timedelta(days=7), pain={("knee", ""): 1}))
    assert progress(journal, goal, today) == 1.0, "met a week ago, nothing logged since"


def test_measures_are_written_back_as_typed():
    for text in (
        "checklist:Strength session,Strides:80%:8w",
        "pain:knee:2",
        "sleep:8.5",
        "days:rest:10",
        "ticks:Long run:8",
        "cramps:0",
        "cramps:2.5",
    ):
        assert parse_measure(text).spec() == text


def test_a_second_assessment_sets_aside_goals_already_on_the_board(today):
    from journal.domain.goals import set_aside_known

    proposals = set_aside_known(
        propose(Assessment(today, pain_sites=("knee", "knee")), today),
        [Goal("Sleep to your need", status="doing"), Goal("Settle the knee pain", status="done")],
    )
    kept = [p.goal.title for p in proposals if p.keep]
    assert kept.count("Settle the knee pain") == 1, "a site named twice is proposed once; a done goal may return"
    assert "Sleep to your need" not in kept


# -- what the assessment proposes, against what is logged ------------------------------------


def proposed(journal, today, **answers):
    from journal.store.goals import propose_goals

    return {p.goal.title: p for p in propose_goals(journal, Assessment(today, **answers), today)}


def test_a_pain_goal_already_met_by_what_is_logged_is_proposed_unticked(journal, today):
    for offset in range(7):
        save_entry(journal, DayEntry(today - dt.timedelta(days=offset), pain={("shin", "left"): 1, ("knee", ""): 5}))
    proposals = proposed(journal, today, pain_sites=("shin", "knee", "foot"))
    shin, knee, foot = (proposals[f"Settle the {site} pain"] for site in ("shin", "knee", "foot"))
    assert not shin.keep and shin.why == "constant pain: shin; already met by what is logged"
    assert knee.keep and knee.why == "constant pain: knee", "a mean of 5 is not yet 2"
    assert foot.keep and foot.why == "constant pain: foot; no data yet", "the runner's answer is the evidence"
    kept = [p for p in proposals.values() if p.keep]
    goals = save_assessment(journal, Assessment(today, pain_sites=("shin", "knee", "foot")), kept, today=today)
    assert all(progress(journal, goal, today) != 1.0 for goal in goals), "nothing lands complete on its first day"


def test_the_sleep_proposal_asks_for_the_runners_own_need_and_is_set_aside_when_met(journal, today):
    from journal.store.settings import set_setting

    set_setting(journal, "sleep_need", "7")
    for offset in range(7):
        save_entry(journal, DayEntry(today - dt.timedelta(days=offset), sleep_hours=7.5))
    sleep = proposed(journal, today)["Sleep to your need"]
    assert sleep.goal.measure == Measure("sleep", level=7.0)
    assert not sleep.keep and sleep.why.endswith("; already met by what is logged")
    set_setting(journal, "sleep_need", "9")
    assert proposed(journal, today)["Sleep to your need"].keep


@given(st.decimals(min_value=0, max_value=30, places=1))
def test_a_sleep_goal_takes_the_hours_the_sleep_need_setting_takes(hours):
    from journal.store.settings import parse_sleep_need

    def accepted(parse, text):
        try:
            parse(text)
        except InvalidInput:
            return False
        return True

    assert accepted(parse_measure, f"sleep:{hours}") == accepted(parse_sleep_need, str(hours))


def test_sleep_15_is_refused_with_the_limit():
    with pytest.raises(InvalidInput, match=r"sleep from 5 to 12 hours\), got 'sleep:15'"):
        parse_measure("sleep:15")


@pytest.mark.parametrize(
    ("limit", "entry", "file"),
    [
        (
            NOTE_MAX,
            lambda journal, text, today: add_goal(journal, Goal("g", note=text), today=today),
            lambda text: (
                f"id,title,category,status,due,progress,note,measure,created,done,position,measure_data\r\n"
                f"1,g,other,todo,,,{text},,2026-11-01,,0,\r\n"
            ),
        ),
        (
            SHORT_TEXT_MAX,
            lambda journal, text, today: save_assessment(journal, Assessment(today, text), [], today=today),
            lambda text: (
                "date,looks_back_on,faded,pain_sites,hit_wall,back_or_hips,cramping,note\r\n"
                f"2026-11-01,{text},0,,0,0,0,\r\n"
            ),
        ),
    ],
)
def test_a_text_is_as_long_at_entry_as_at_import(journal, tmp_path, limit, entry, file, today):
    from journal.errors import BadRows
    from journal.io.csv_import import read_path

    path = tmp_path / "in.csv"
    for length, fits in ((limit, True), (limit + 1, False)):
        text = "a" * length
        path.write_text(file(text), encoding="utf-8")
        try:
            read_path(path, today=today)
            imported = True
        except BadRows:
            imported = False
        try:
            entry(journal, text, today)
            entered = True
        except InvalidInput:
            entered = False
        assert imported == entered == fits, length


# -- numbers ------------------------------------------------------------------------------------


def test_a_removed_goals_number_is_never_given_again(journal, today):
    first = add_goal(journal, Goal("a"), today=today)
    second = add_goal(journal, Goal("b"), today=today)
    remove_goal(journal, second.id)
    third = add_goal(journal, Goal("c"), today=today)
    assert (first.id, second.id, third.id) == (1, 2, 3)
    assert len({first.uid, second.uid, third.uid}) == 3 and all(len(uid) == 36 for uid in (first.uid, third.uid))


def test_a_journal_from_before_uids_opens_with_its_numbers_and_gets_uids(db_path, today):
    import sqlite3

    from sqlite_utils import Database

    from journal.store import open_journal
    from journal.store.checklist import add_item, remove_item
    from journal.store.migrations import migrations

    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    migrations.apply(Database(conn), stop_before="m004_numbers_for_ever")  # the schema of the version before
    assert "uid" not in [row[1] for row in conn.execute("PRAGMA table_info(goals)")]
    conn.execute(
        "INSERT INTO assessments (date, looks_back_on, faded, pain_sites, hit_wall, back_or_hips, cramping,"
        " note) VALUES ('2026-11-01', 'Valencia', 0, '', 0, 0, 0, '')"
    )
    conn.execute(
        "INSERT INTO goals (id, title, category, status, position, created_on, assessment_id) VALUES"
        " (2, 'Sleep', 'health', 'todo', 0, '2026-11-01', 1),"
        " (5, 'Kick', 'strength', 'doing', 0, '2026-11-02', NULL)"
    )
    conn.execute("INSERT INTO ticks (item_id, date) VALUES (3, '2026-11-20')")
    conn.close()
    with open_journal(db_path) as journal:
        goals = {goal.id: goal for goal in list_goals(journal)}
        assert {number: (goal.title, goal.assessment_id) for number, goal in goals.items()} == {
            2: ("Sleep", 1),
            5: ("Kick", None),
        }
        assert len({goal.uid for goal in goals.values()}) == 2 and all(goal.uid for goal in goals.values())
        assert journal.conn.execute("SELECT item_id, date FROM ticks").fetchall() == [(3, "2026-11-20")]
        assert add_goal(journal, Goal("next"), today=today).id == 6
        item = add_item(journal, "Hill sprints", kind="other", target=1, today=today)
        remove_item(journal, item.id, today=today)
        assert add_item(journal, "Hill sprints", kind="other", target=1, today=today).id == item.id + 1
