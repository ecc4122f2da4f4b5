"""Return to running: the ladder, the pain-monitoring model's rules at their edges, and plans in the journal."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from journal.domain.entries import DayEntry
from journal.domain.plan import (
    BACK,
    COMPLETE,
    DEFAULT_LADDER,
    DONE,
    NEXT,
    REPEAT,
    REST,
    RUN,
    STOPPED,
    Plan,
    PlanPain,
    Stage,
    Waiting,
    judge,
    meaningfully_worse,
    morning_pain,
    pain_during,
    parse_stage,
    parse_stage_number,
    parse_stage_text,
    plan_pain,
    todays_session,
)
from journal.domain.sessions import Session, SessionChange
from journal.errors import InvalidInput, JournalFileError
from journal.store import open_journal
from journal.store.entries import save_entry
from journal.store.plan_due import decisions_may_be_due
from journal.store.plans import (
    PLAN_SCOPES,
    decisions_between,
    edit_ladder,
    get_plan,
    list_plans,
    make_decisions,
    plan_decisions,
    plan_scopes,
    plan_view,
    running_plan_for,
    running_plans,
    start_plan,
    stop_plan,
)
from journal.store.sessions import add_session, get_session, insert_session, remove_session, update_session
from journal.store.settings import set_setting
from journal.store.undo import History

DAY = dt.timedelta(days=1)


def pain(during=2, before=2, after=2, week=None, week_before=None):
    return PlanPain(during, before, after, week, week_before)


# -- the ladder ---------------------------------------------------------------------


def test_the_default_ladder_climbs_from_run_walk_to_thirty_minutes_continuous():
    assert 8 <= len(DEFAULT_LADDER) <= 10
    assert DEFAULT_LADDER[0] == Stage("10 x 1 min run / 1 min walk", 10)
    assert DEFAULT_LADDER[-1] == Stage("30 min continuous", 30)
    for stage in DEFAULT_LADDER:  # the minutes each stage says it runs are the minutes its words add up to
        assert parse_stage(stage.description) == stage


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("6 x 3 min run / 1 min walk", 18),
        ("25 min continuous", 25),
        ("2 x 10 minutes run, 5 min walk, 5 min run", 25),
        ("hill walk, then 4 min jog=12", 12),
        ("10 min", 10),  # only a length of time: all of it running
        ("15 minutes", 15),
        ("1 minute", 1),
        ("20min", 20),
        ("15 min easy", 15),
        ("10 min=8", 8),
    ],
)
def test_a_stage_reads_its_running_minutes_from_its_words_or_takes_them(text, minutes):
    assert parse_stage_text(text).run_minutes == minutes


@pytest.mark.parametrize(
    "text",
    ["", "   ", "walk the dog", "walk=0", "walk=301", "x" * 201 + "=5", "10 min walk", "0 min", "walk 10 min"],
)
def test_a_stage_without_words_or_running_minutes_is_refused(text):
    with pytest.raises(InvalidInput):
        parse_stage_text(text)


@pytest.mark.parametrize(("text", "top"), [("0", 10), ("11", 10), ("-1", 10), ("2.5", 10), ("three", 10), ("٣", 10)])
def test_a_stage_number_off_the_ladder_is_refused(text, top):
    with pytest.raises(InvalidInput, match=f"1 to {top}"):
        parse_stage_number(text, top)


# -- the rules at their edges -----------------------------------------------------------


def test_all_limits_kept_is_the_next_stage():
    decision = judge(3, 10, pain(during=5, before=5, after=5), "knee")
    assert (decision.outcome, decision.from_stage, decision.to_stage) == (NEXT, 3, 4)
    assert "on to stage 4 of 10" in decision.reason and "pain during 5" in decision.reason


def test_pain_during_above_five_is_one_stage_back():
    five, six = judge(3, 10, pain(during=5), "knee"), judge(3, 10, pain(during=6), "knee")
    assert five.outcome == NEXT
    assert (six.outcome, six.to_stage) == (BACK, 2)
    assert "was 6 at the knee, above 5" in six.reason and "back to stage 2 of 10" in six.reason


@pytest.mark.parametrize(
    ("before", "after", "outcome"),
    [
        (4, 5, REPEAT),  # 1 point, 25%: higher, not meaningfully
        (4, 6, BACK),  # 2 points
        (0, 1, REPEAT),  # from nothing only 2 points count
        (0, 2, BACK),
        (3, 4, BACK),  # 1 point is 33% of 3
        (5, 6, REPEAT),  # 1 point, 20% (and above 5)
        (5, 7, BACK),
        (10, 10, REPEAT),  # no rise, but above 5
    ],
)
def test_the_next_morning_worse_by_one_point_is_a_repeat_and_by_two_or_thirty_percent_a_step_back(
    before, after, outcome
):
    decision = judge(4, 10, pain(before=before, after=after), "knee")
    assert decision.outcome == outcome
    assert f"{after}" in decision.reason and f"{before}" in decision.reason
    assert decision.to_stage == {REPEAT: 4, BACK: 3}[outcome]


def test_a_next_morning_above_five_is_a_repeat_even_when_no_higher():
    assert judge(2, 10, pain(before=5, after=5)).outcome == NEXT
    decision = judge(2, 10, pain(before=6, after=6))
    assert decision.outcome == REPEAT and "above 5" in decision.reason


@pytest.mark.parametrize(("minutes", "outcome"), [(20, NEXT), (19, REPEAT), (1, REPEAT), (45, NEXT), (None, NEXT)])
def test_a_session_shorter_than_the_stages_running_is_repeated_at_best(minutes, outcome):
    decision = judge(4, 10, pain(), "knee", minutes=minutes, run_minutes=20)
    assert (decision.outcome, decision.to_stage) == (outcome, {NEXT: 5, REPEAT: 4}[outcome])
    if outcome == REPEAT:
        assert decision.reason == (
            "All limits kept at the knee (pain during 2, next morning 2 after 2),"
            f" but the session was {minutes} min, short of the stage's 20 min of running: repeat stage 4 of 10"
        )


def test_a_short_session_is_one_reason_among_the_others_and_never_stops_a_step_back():
    repeat = judge(4, 10, pain(before=4, after=5), "knee", minutes=12, run_minutes=20)
    assert repeat.outcome == REPEAT and repeat.reason.startswith(
        "The session was 12 min, short of the stage's 20 min of running; the next morning's pain 5 was higher"
    )
    back = judge(4, 10, pain(during=7), "knee", minutes=12, run_minutes=20)
    assert (back.outcome, back.to_stage) == (BACK, 3) and "short" not in back.reason
    top = judge(10, 10, pain(), "knee", minutes=29, run_minutes=30)
    assert (top.outcome, top.to_stage, top.completes) == (REPEAT, 10, False)
    assert isinstance(judge(4, 10, pain(after=None), minutes=5, run_minutes=20), Waiting)


def test_without_the_next_morning_there_is_no_decision_yet():
    waiting = judge(2, 10, pain(during=9, after=None), "knee")
    assert isinstance(waiting, Waiting)
    assert "waiting for the next morning's pain at the knee" in waiting.reason


def test_without_the_morning_before_the_stage_is_repeated_at_best():
    decision = judge(2, 10, pain(before=None, after=0), "knee")
    assert decision.outcome == REPEAT and "no pain logged" in decision.reason
    assert judge(2, 10, pain(during=6, before=None)).outcome == BACK


@pytest.mark.parametrize(
    ("week", "week_before", "outcome"),
    [(2.2, 2.0, REPEAT), (2.0, 2.0, NEXT), (1.5, 2.0, NEXT), (None, 2.0, NEXT), (2.0, None, NEXT)],
)
def test_morning_pain_rising_from_one_week_to_the_next_holds_the_stage(week, week_before, outcome):
    decision = judge(2, 10, pain(week=week, week_before=week_before), "knee")
    assert decision.outcome == outcome
    if outcome == REPEAT:
        assert "rose from one week to the next" in decision.reason and "2.2, after 2.0" in decision.reason


def test_the_weeks_rise_never_sends_the_runner_back_on_its_own():
    assert judge(2, 10, pain(before=4, after=4, week=4.0, week_before=1.0)).outcome == REPEAT


def test_back_from_the_first_stage_stays_there_and_next_from_the_top_completes_the_plan():
    back = judge(1, 10, pain(during=7))
    assert (back.outcome, back.to_stage) == (BACK, 1) and "stay at stage 1 of 10" in back.reason
    done = judge(10, 10, pain())
    assert (done.outcome, done.to_stage, done.completes) == (NEXT, 10, True)
    assert "the plan is complete" in done.reason
    assert not judge(9, 10, pain()).completes


def test_a_stage_off_the_ladder_is_a_programming_error():
    with pytest.raises(ValueError, match="not on a ladder"):
        judge(11, 10, pain())


scores = st.integers(min_value=0, max_value=10)
means = st.none() | st.floats(min_value=0, max_value=10, allow_nan=False)


@given(
    top=st.integers(min_value=1, max_value=30),
    data=st.data(),
    during=scores,
    before=st.none() | scores,
    after=scores,
    week=means,
    week_before=means,
)
def test_a_decision_moves_at_most_one_stage_and_stays_on_the_ladder(
    top, data, during, before, after, week, week_before
):
    stage = data.draw(st.integers(min_value=1, max_value=top))
    found = PlanPain(during, before, after, week, week_before)
    decision = judge(stage, top, found)
    assert 1 <= decision.to_stage <= top and abs(decision.to_stage - stage) <= 1
    expected = {NEXT: min(stage + 1, top), REPEAT: stage, BACK: max(stage - 1, 1)}[decision.outcome]
    assert decision.to_stage == expected
    assert (decision.outcome == BACK) == (during > 5 or meaningfully_worse(before, after))
    kept = during <= 5 and before is not None and after <= before and after <= 5 and not found.week_rose
    assert (decision.outcome == NEXT) == kept
    assert decision.completes == (decision.outcome == NEXT and stage == top)
    assert decision.reason and "diagnos" not in decision.reason


# -- the numbers the rules read ------------------------------------------------------------


def test_a_logged_day_without_a_reading_at_the_site_is_zero_and_a_day_not_logged_has_none(today):
    assert morning_pain(None, "knee", "") is None
    assert morning_pain(DayEntry(today, mood=4), "knee", "") == 0
    assert morning_pain(DayEntry(today, pain={("shin", ""): 6}), "knee", "") == 0


def test_a_plan_for_one_side_reads_that_side_and_the_site_without_a_side(today):
    entry = DayEntry(today, pain={("knee", "left"): 2, ("knee", "right"): 7})
    assert morning_pain(entry, "knee", "left") == 2
    assert morning_pain(entry, "knee", "right") == 7
    assert morning_pain(entry, "knee", "") == 7  # the worst side
    assert morning_pain(DayEntry(today, pain={("knee", ""): 4}), "knee", "left") == 4
    session = Session(today, "run", 20, pain=(("knee", "right", 6), ("knee", "left", 1)))
    assert pain_during(session, "knee", "left") == 1
    assert pain_during(session, "shin", "") == 0  # a plan session without pain at the site: none


def test_plan_pain_takes_the_morning_before_the_next_one_and_the_two_weeks_means(today):
    session = Session(today, "run", 20, pain=(("knee", "", 4),))
    after = today + DAY
    entries = {after - n * DAY: DayEntry(after - n * DAY, pain={("knee", ""): 1 if n >= 7 else 2}) for n in range(14)}
    found = plan_pain(session, entries, "knee", "")
    assert found == PlanPain(4, 2, 2, 2.0, 1.0) and found.week_rose
    del entries[after]
    assert plan_pain(session, entries, "knee", "").after is None


# -- what the plan asks of today --------------------------------------------------------------


def plan_at(today, **changes):
    return Plan("knee", "", DEFAULT_LADDER, 3, today - 10 * DAY, **changes)


def test_todays_session_runs_the_stage_then_rests_a_day(today):
    run = todays_session(plan_at(today), None, today)
    assert (run.kind, run.stage) == (RUN, DEFAULT_LADDER[2])
    assert run.text == "Stage 3 of 10: 6 x 3 min run / 1 min walk (18 min running)"
    assert todays_session(plan_at(today), today - 2 * DAY, today).kind == RUN
    rest = todays_session(plan_at(today), today - DAY, today)
    assert rest.kind == REST and "alternate days" in rest.text and rest.stage is None
    assert todays_session(plan_at(today), today, today).kind == DONE


def test_an_ended_plan_asks_nothing(today):
    assert todays_session(plan_at(today, completed=today), None, today).kind == COMPLETE
    assert todays_session(plan_at(today, stopped=today), None, today).kind == STOPPED


# -- plans in the journal --------------------------------------------------------------------


def test_a_plan_starts_on_the_default_ladder_at_the_stage_asked(journal, today):
    plan = start_plan(journal, "Knee", today=today, stage="3")
    assert (plan.site, plan.side, plan.stage, plan.started, plan.stages) == ("knee", "", 3, today, DEFAULT_LADDER)
    assert plan.label == "stage 3 of 10" and plan.running
    assert running_plans(journal) == [plan] == list_plans(journal)
    assert get_plan(journal, plan.number) == plan


def test_one_plan_runs_at_a_time_for_a_site_and_side(journal, today):
    start_plan(journal, "knee", "left", today=today)
    with pytest.raises(InvalidInput, match="already running for the left knee") as refused:
        start_plan(journal, "knee", "l", today=today)
    assert "\n" not in str(refused.value) and "journal plan stop --site knee:left" in str(refused.value)
    with pytest.raises(InvalidInput, match="already running"):
        start_plan(journal, "knee", today=today)  # the whole knee would judge the left one's sessions too
    right = start_plan(journal, "knee", "right", today=today)
    assert running_plan_for(journal, "knee", "right") == right
    with pytest.raises(InvalidInput, match="no plan is running for the knee"):
        running_plan_for(journal, "knee")


@pytest.mark.parametrize(
    ("site", "side", "stage", "message"),
    [
        ("elbow", "", 1, "unknown body site"),
        ("lower-back", "left", 1, "no left or right side"),
        ("knee", "up", 1, "side must be left or right"),
        ("knee", "", 11, "1 to 10"),
        ("knee", "", 0, "1 to 10"),
    ],
)
def test_a_plan_for_no_such_site_side_or_stage_is_refused(journal, today, site, side, stage, message):
    with pytest.raises(InvalidInput, match=message):
        start_plan(journal, site, side, today=today, stage=stage)
    assert list_plans(journal) == []


def test_a_stopped_plan_is_history_and_a_new_one_can_start(journal, today):
    plan = start_plan(journal, "knee", today=today - 5 * DAY)
    stopped = stop_plan(journal, plan.number, today=today)
    assert stopped.stopped == today and not stopped.running
    with pytest.raises(InvalidInput, match="not running: it ended on"):
        stop_plan(journal, plan.number, today=today)
    assert running_plans(journal) == []
    again = start_plan(journal, "knee", today=today)
    assert [p.id for p in list_plans(journal)] == [plan.id, again.id]


def test_the_ladder_can_be_edited_but_never_below_the_stage_reached(journal, today):
    plan = start_plan(journal, "shin", today=today, stage=4)
    ladder = [parse_stage(f"{n} x 5 min run / 1 min walk") for n in range(1, 6)]
    assert edit_ladder(journal, plan.number, ladder).stages == tuple(ladder)
    with pytest.raises(InvalidInput, match="at stage 4 of 5: a ladder of 3 stages would drop it"):
        edit_ladder(journal, plan.number, ladder[:3])
    with pytest.raises(InvalidInput, match="1-30 stages"):
        edit_ladder(journal, plan.number, [])
    assert edit_ladder(journal, plan.number, ladder[:4]).top == 4
    stop_plan(journal, plan.number, today=today)
    with pytest.raises(InvalidInput, match="has ended"):
        edit_ladder(journal, plan.number, ladder)


# -- decisions ----------------------------------------------------------------------------------


@pytest.fixture
def knee_plan(journal, today):
    """A plan for the knee at stage 3, started a week ago, with a morning before each session day logged."""
    return start_plan(journal, "knee", today=today - 7 * DAY, stage=3)


def morning(journal, day, score, site="knee", side=""):
    save_entry(journal, DayEntry(day, pain={(site, side): score}))


def session(journal, today, day, during=None, for_plan=True, site="knee", minutes=30):
    """A plan session long enough for any stage of the default ladder, unless `minutes` says otherwise."""
    hurt = () if during is None else ((site, "", during),)
    return add_session(journal, Session(day, "run", minutes, pain=hurt, for_plan=for_plan), today=today)


def test_a_plan_session_is_decided_once_the_next_morning_is_logged_and_only_once(journal, today, knee_plan):
    day = today - 3 * DAY
    morning(journal, day, 2)
    logged = session(journal, today, day, during=4)
    assert make_decisions(journal, today=today) == []
    view = plan_view(journal, get_plan(journal, knee_plan.number), today=today)
    assert view.waiting is not None and "waiting for the next morning's pain" in view.waiting.reason
    assert view.waiting.session_id == logged.id and view.decisions == ()

    morning(journal, day + DAY, 2)
    [made] = make_decisions(journal, today=today)
    assert (made.outcome, made.from_stage, made.to_stage, made.day, made.decided_on) == (NEXT, 3, 4, day, today)
    assert made.session_id == logged.id and made.pain == PlanPain(4, 2, 2)
    assert make_decisions(journal, today=today) == []  # made once
    plan = get_plan(journal, knee_plan.number)
    assert plan.stage == 4
    assert plan_decisions(journal, plan.number) == [made]
    assert plan_view(journal, plan, today=today).waiting is None


def test_a_next_morning_logged_without_pain_at_the_site_counts_as_none(journal, today, knee_plan):
    day = today - 3 * DAY
    morning(journal, day, 1)
    session(journal, today, day, during=2)
    save_entry(journal, DayEntry(day + DAY, sleep_hours=8))
    [made] = make_decisions(journal, today=today)
    assert made.pain.after == 0 and made.outcome == NEXT


def test_decisions_follow_the_plan_sessions_in_day_order(journal, today, knee_plan):
    days = [today - 6 * DAY, today - 4 * DAY, today - 2 * DAY]
    for day, score in zip(days, (2, 2, 5), strict=True):
        morning(journal, day, score)
        morning(journal, day + DAY, score)
    session(journal, today, days[0], during=3)
    session(journal, today, days[1], during=6)
    session(journal, today, days[2], during=1)
    outcomes = [(d.outcome, d.from_stage, d.to_stage) for d in make_decisions(journal, today=today)]
    assert outcomes == [(NEXT, 3, 4), (BACK, 4, 3), (NEXT, 3, 4)]
    assert get_plan(journal, knee_plan.number).stage == 4


def test_the_latest_decision_is_made_again_when_its_pain_is_corrected(journal, today, knee_plan):
    day = today - 3 * DAY
    morning(journal, day, 2)
    session(journal, today, day, during=2)
    morning(journal, day + DAY, 2)
    make_decisions(journal, today=today)
    assert get_plan(journal, knee_plan.number).stage == 4
    morning(journal, day + DAY, 5)  # the next morning was mistyped
    [remade] = make_decisions(journal, today=today)
    assert (remade.outcome, remade.from_stage, remade.to_stage) == (BACK, 3, 2)
    assert [d.outcome for d in plan_decisions(journal, knee_plan.number)] == [BACK]
    assert get_plan(journal, knee_plan.number).stage == 2


def test_a_plan_session_short_of_its_stage_is_repeated_and_made_again_when_its_minutes_are_corrected(
    journal, today, knee_plan
):
    day = today - 3 * DAY
    morning(journal, day, 2)
    morning(journal, day + DAY, 2)
    logged = session(journal, today, day, during=2, minutes=17)  # stage 3 runs 18 minutes
    [short] = make_decisions(journal, today=today)
    assert (short.outcome, short.to_stage) == (REPEAT, 3) and "17 min, short of the stage's 18" in short.reason
    update_session(journal, logged.number, SessionChange({"note": "hills"}), today=today)
    assert make_decisions(journal, today=today) == []  # still short: the decision holds
    update_session(journal, logged.number, SessionChange({"minutes": 18}), today=today)
    [again] = make_decisions(journal, today=today)
    assert (again.outcome, again.from_stage, again.to_stage) == (NEXT, 3, 4)
    assert plan_decisions(journal, knee_plan.number) == [again] and get_plan(journal, knee_plan.number).stage == 4
    update_session(journal, logged.number, SessionChange({"minutes": 40}), today=today)
    assert make_decisions(journal, today=today) == []  # longer still: judged the same


def test_a_decision_made_again_after_the_ladder_lost_its_stage_starts_from_the_top(journal, today, knee_plan):
    day = today - 3 * DAY
    morning(journal, day, 2)
    morning(journal, day + DAY, 2)
    session(journal, today, day, during=7)
    [back] = make_decisions(journal, today=today)
    assert (back.from_stage, back.to_stage) == (3, 2)
    edit_ladder(journal, knee_plan.number, DEFAULT_LADDER[:2])
    morning(journal, day + DAY, 1)
    [again] = make_decisions(journal, today=today)
    assert (again.outcome, again.from_stage, again.to_stage) == (BACK, 2, 1)


def test_a_read_only_journal_shows_the_plan_without_deciding(db_path, journal, today, knee_plan):
    from journal.store import open_journal

    day = today - 3 * DAY
    morning(journal, day, 2)
    morning(journal, day + DAY, 2)
    session(journal, today, day, during=2)
    journal.close()
    db_path.chmod(0o444)
    try:
        with open_journal(db_path) as reader:
            assert reader.read_only and make_decisions(reader, today=today) == []
            view = plan_view(reader, knee_plan, today=today)
            assert view.decisions == () and "once the journal can be written" in view.waiting.reason
    finally:
        db_path.chmod(0o644)


def test_this_weeks_decisions_are_made_again_from_the_first_whose_pain_changed(journal, today, knee_plan):
    first, second = today - 5 * DAY, today - 3 * DAY  # Sat 21 and Mon 23 Nov, decided on this week's mornings
    for day in (first, second):
        morning(journal, day, 1)
        morning(journal, day + DAY, 1)
        session(journal, today, day, during=1)
    older, latest = make_decisions(journal, today=today)
    assert (older.outcome, older.to_stage, latest.outcome, latest.to_stage) == (NEXT, 4, NEXT, 5)
    morning(journal, first + DAY, 9)  # the first session's next morning, corrected after the second was decided
    taken_back: list = []
    remade = make_decisions(journal, today=today, taken_back=taken_back)
    assert [decision for _, decision in taken_back] == [older, latest], "the later one was built on the first"
    assert [(decision.outcome, decision.from_stage, decision.to_stage) for decision in remade] == [
        (BACK, 3, 2),
        (NEXT, 2, 3),
    ]
    assert plan_decisions(journal, knee_plan.number) == remade
    assert get_plan(journal, knee_plan.number).stage == 3


def test_a_decision_made_in_a_week_gone_by_is_never_made_again(journal, today):
    plan = start_plan(journal, "knee", today=today - 20 * DAY, stage=3)
    day = today - 10 * DAY  # Monday 16 Nov, in the week before today's
    morning(journal, day, 2)
    morning(journal, day + DAY, 2)
    session(journal, today, day, during=2)
    [made] = make_decisions(journal, today=day + DAY)
    assert made.decided_on == day + DAY
    morning(journal, day + DAY, 6)
    assert make_decisions(journal, today=today) == []  # a past week never changes
    assert plan_decisions(journal, plan.number) == [made]
    [remade] = make_decisions(journal, today=day + 6 * DAY)  # the same week (Sunday 22 Nov): it is made again
    assert remade.outcome == BACK and remade.decided_on == day + 6 * DAY


@pytest.mark.parametrize(
    "values",
    [{"day": dt.date(2026, 11, 25)}, {"day": dt.date(2026, 11, 15)}, {"for_plan": False}],
    ids=["later, after the latest decision", "earlier", "no longer the plan's"],
)
def test_a_session_judged_in_a_week_gone_by_keeps_its_day_and_stays_the_plans(journal, today, values):
    plan = start_plan(journal, "knee", today=today - 20 * DAY, stage=3)
    day = today - 10 * DAY  # Monday 16 Nov, decided on Tuesday 17, in the week before today's
    morning(journal, day, 2)
    morning(journal, day + DAY, 2)
    logged = session(journal, today, day, during=2)
    [made] = make_decisions(journal, today=day + DAY)
    with pytest.raises(InvalidInput, match=r"judged by its return-to-run plan on Tue 17 Nov, in a week gone by"):
        update_session(journal, logged.id, SessionChange(values=values), today=today)
    assert get_session(journal, logged.id) == logged
    assert make_decisions(journal, today=today) == [] and plan_decisions(journal, plan.number) == [made]
    # What the decision was not judged on may still change.
    noted = update_session(journal, logged.id, SessionChange(values={"note": "hills"}), today=today)
    assert noted.note == "hills" and plan_decisions(journal, plan.number) == [made]


def test_a_session_judged_once_is_never_judged_again_wherever_its_day(journal, today):
    """The journal never lets a judged session move past the plan's latest decision (above); should one
    be found there, it keeps its one decision, and the sessions after it are judged as ever."""
    plan = start_plan(journal, "knee", today=today - 20 * DAY, stage=3)
    day = today - 10 * DAY
    for morning_day in (day, day + DAY, today - 2 * DAY, today - DAY):
        morning(journal, morning_day, 1)
    logged = session(journal, today, day, during=1)
    [made] = make_decisions(journal, today=day + DAY)
    with journal.transaction() as conn:
        conn.execute("UPDATE sessions SET date = ? WHERE id = ?", [(today - 4 * DAY).isoformat(), logged.id])
    later = session(journal, today, today - 2 * DAY, during=1)
    assert decisions_may_be_due(journal, today=today)
    [judged] = make_decisions(journal, today=today)
    assert judged.session_id == later.id and judged.from_stage == made.to_stage
    assert plan_decisions(journal, plan.number) == [made, judged]


def test_a_decision_made_late_is_dated_the_day_it_was_made(journal, today, knee_plan):
    day = today - 5 * DAY
    morning(journal, day, 2)
    morning(journal, day + DAY, 2)
    session(journal, today, day, during=2)
    [made] = make_decisions(journal, today=today)
    assert made.day == day and made.decided_on == today


def test_removing_the_latest_plan_session_takes_its_decision_back(journal, today, knee_plan):
    day = today - 3 * DAY
    morning(journal, day, 2)
    morning(journal, day + DAY, 2)
    logged = session(journal, today, day, during=2)
    make_decisions(journal, today=today)
    remove_session(journal, logged.number)
    assert make_decisions(journal, today=today) == []
    assert plan_decisions(journal, knee_plan.number) == [] and get_plan(journal, knee_plan.number).stage == 3


def test_a_session_no_longer_for_the_plan_takes_its_decision_back(journal, today, knee_plan):
    day = today - 3 * DAY
    morning(journal, day, 2)
    morning(journal, day + DAY, 2)
    logged = session(journal, today, day, during=2)
    make_decisions(journal, today=today)
    update_session(journal, logged.number, SessionChange({"for_plan": False}), today=today)
    make_decisions(journal, today=today)
    assert plan_decisions(journal, knee_plan.number) == []


def test_only_the_first_plan_session_of_a_day_counts_and_none_before_the_plan(journal, today, knee_plan):
    day = today - 3 * DAY
    morning(journal, day, 2)
    morning(journal, day + DAY, 2)
    with pytest.raises(InvalidInput, match="no return-to-run plan ran on"):
        session(journal, today, knee_plan.started - DAY, during=1)
    with journal.transaction() as conn:  # as an import may bring one (it keeps what a journal held)
        insert_session(conn, Session(knee_plan.started - DAY, "run", 30, pain=(("knee", "", 1),), for_plan=True))
    first = session(journal, today, day, during=2)
    session(journal, today, day, during=8)
    session(journal, today, day + DAY, during=1, for_plan=False)
    [made] = make_decisions(journal, today=today)
    assert made.session_id == first.id and made.outcome == NEXT


def test_the_top_stage_passed_completes_the_plan(journal, today):
    plan = start_plan(journal, "knee", today=today - 7 * DAY, stage=10)
    day = today - 3 * DAY
    morning(journal, day, 0)
    morning(journal, day + DAY, 0)
    session(journal, today, day, during=0)
    session(journal, today, day + 2 * DAY, during=0)
    morning(journal, day + 3 * DAY, 0)
    [made] = make_decisions(journal, today=today)
    assert made.completes and "the plan is complete" in made.reason
    ended = get_plan(journal, plan.number)
    assert ended.completed == today and not ended.running and running_plans(journal) == []
    assert plan_view(journal, ended, today=today).today.kind == COMPLETE
    morning(journal, day + DAY, 4)  # the morning that completed it, corrected this week: it no longer holds
    taken_back: list = []
    remade = make_decisions(journal, today=today, taken_back=taken_back)
    assert [decision for _, decision in taken_back] == [made]
    # One stage back; the next session is judged from there (the week's mornings rose: the stage again).
    assert [(decision.outcome, decision.to_stage) for decision in remade] == [(BACK, 9), ("repeat", 9)]
    again = get_plan(journal, plan.number)
    assert again.running and again.completed is None and again.stage == 9


def test_a_completed_plan_a_newer_plan_followed_stays_complete(journal, today):
    plan = start_plan(journal, "knee", today=today - 7 * DAY, stage=10)
    day = today - 3 * DAY
    morning(journal, day, 0)
    morning(journal, day + DAY, 0)
    session(journal, today, day, during=0)
    [made] = make_decisions(journal, today=today)
    assert made.completes
    start_plan(journal, "knee", today=today)  # a completed plan leaves room for a new one
    morning(journal, day + DAY, 4)
    assert make_decisions(journal, today=today) == []  # the new plan runs: the completion is history
    assert plan_decisions(journal, plan.number) == [made] and get_plan(journal, plan.number).completed == today


def test_a_stopped_plan_decides_nothing_more(journal, today, knee_plan):
    day = today - 3 * DAY
    morning(journal, day, 2)
    session(journal, today, day, during=2)
    stop_plan(journal, knee_plan.number, today=today - 2 * DAY)
    morning(journal, day + DAY, 2)
    assert make_decisions(journal, today=today) == []


def test_the_weekly_review_reads_the_decisions_made_on_its_mornings(journal, today, knee_plan):
    day = today - 3 * DAY
    morning(journal, day, 2)
    morning(journal, day + DAY, 2)
    session(journal, today, day, during=2)
    [made] = make_decisions(journal, today=today)
    plan = get_plan(journal, knee_plan.number)
    assert decisions_between(journal, today, today) == [(plan, made)]
    assert decisions_between(journal, today - 6 * DAY, today - DAY) == []


def test_the_view_shows_todays_session_from_the_plan_sessions(journal, today, knee_plan):
    session(journal, today, today - DAY, during=1)
    view = plan_view(journal, knee_plan, today=today)
    assert view.today.kind == REST
    assert plan_view(journal, knee_plan, today=today + DAY).today.kind == RUN


# -- the check that lets a write leave the rules unread ----------------------------------------------


def test_the_check_says_a_decision_is_due_once_the_next_morning_is_logged(journal, today, knee_plan):
    day = today - 3 * DAY
    assert not decisions_may_be_due(journal, today=today)  # a plan with no session has nothing to decide
    morning(journal, day, 2)
    session(journal, today, day, during=2)
    assert not decisions_may_be_due(journal, today=today)  # it waits for the next morning
    morning(journal, day + DAY, 2)
    assert decisions_may_be_due(journal, today=today)
    make_decisions(journal, today=today)
    assert decisions_may_be_due(journal, today=today)  # made this week: a correction may make it again
    assert not decisions_may_be_due(journal, today=today + 7 * DAY)  # a week gone by: it is history


@pytest.mark.parametrize(
    ("week_start", "decided", "due"),
    [("monday", "Sun 22 Nov", False), ("monday", "Mon 23 Nov", True), ("sunday", "Sun 22 Nov", True)],
)
def test_the_check_reads_the_runners_week(journal, today, knee_plan, week_start, decided, due):
    """Only a decision made in the runner's week (from its first day) may be made again, and is checked."""
    set_setting(journal, "week_start", week_start)
    day = today - 6 * DAY  # Friday 20 Nov
    morning(journal, day, 2)
    session(journal, today, day, during=2)
    morning(journal, day + DAY, 2)
    on = {"Sun 22 Nov": today - 4 * DAY, "Mon 23 Nov": today - 3 * DAY}[decided]
    [made] = make_decisions(journal, today=on)
    assert made.decided_on == on
    assert decisions_may_be_due(journal, today=today) == due
    morning(journal, day + DAY, 6)  # corrected: a decision made this week is made again
    assert bool(make_decisions(journal, today=today)) == due


def test_the_check_finds_nothing_due_for_a_stopped_plan(journal, today, knee_plan):
    day = today - 3 * DAY
    morning(journal, day, 2)
    session(journal, today, day, during=2)
    morning(journal, day + DAY, 2)
    stop_plan(journal, knee_plan.number, today=today)
    assert not decisions_may_be_due(journal, today=today)


@pytest.fixture(scope="module")
def empty_journal(tmp_path_factory):
    """A new journal file, copied for each example (making one runs every migration)."""
    path = tmp_path_factory.mktemp("plan-check") / "journal.db"
    open_journal(path).close()
    return path


SPAN = 28  # the days the runner logs, one after another, before the journal is asked
MINUTES = (8, 18, 40)  # short of every stage, of some, of none
# A morning: pain at the knee (on a side or not), logged without pain there, or (one in six) not logged: a plan
# waits at the first session whose next morning is not logged.
MORNINGS = st.tuples(st.sampled_from([True] * 5 + [False]), st.sampled_from(["", "left", "right", "none"]), scores).map(
    lambda drawn: drawn[1:] if drawn[0] else None
)
# A run, for the plan or not, of some minutes, with or without pain during it at the left knee.
RUNS = st.tuples(st.booleans(), st.sampled_from(MINUTES), st.none() | scores)
# A correction of what was logged before: a morning, a session (its minutes, pain, day or being for the plan,
# or its removal), a run logged late, the ladder cut.
FIXES = st.one_of(
    st.tuples(st.just("morning"), st.integers(0, 14), MORNINGS),
    st.tuples(st.just("edit"), st.integers(0, 20), st.sampled_from(["minutes", "pain", "day", "for_plan"])),
    st.tuples(st.just("remove"), st.integers(0, 20), st.none()),
    st.tuples(st.just("late"), st.integers(1, 14), RUNS),
    st.tuples(st.just("ladder"), st.integers(1, 10), st.none()),
)
DAYS = st.lists(
    st.fixed_dictionaries(
        {"morning": MORNINGS, "run": st.none() | RUNS, "fixes": st.lists(FIXES, max_size=1), "decide": st.booleans()}
    ),
    min_size=7,
    max_size=SPAN,
)


def write_morning(journal, day, morning):
    if morning is None:
        save_entry(journal, DayEntry(day))  # an empty day: not logged
    else:
        side, score = morning
        save_entry(journal, DayEntry(day, sleep_hours=7, pain={} if side == "none" else {("knee", side): score}))


def log_run(journal, day, run, today, logged):
    for_plan, minutes, during = run
    hurt = () if during is None else (("knee", "left", during),)
    logged.append(add_session(journal, Session(day, "run", minutes, pain=hurt, for_plan=for_plan), today=today).number)


def correct(journal, today, fix, logged, plans):
    kind, number, what = fix
    plan = get_plan(journal, plans[-1].number)
    if kind == "morning":
        write_morning(journal, today - number * DAY, what)
    elif kind == "edit" and logged:
        session_id = logged[number % len(logged)]
        values = {
            "minutes": {"minutes": MINUTES[number % 3]},
            "day": {"day": today - (number % 5) * DAY},
            "for_plan": {"for_plan": number % 2 == 0},
            "pain": {},
        }[what]
        hurt = {("knee", "left"): number % 11} if what == "pain" else {}
        update_session(journal, session_id, SessionChange(values, hurt), today=today)
    elif kind == "remove" and logged:
        remove_session(journal, logged.pop(number % len(logged)))
    elif kind == "late":
        log_run(journal, today - number * DAY, what, today, logged)
    elif kind == "ladder" and plan.running:
        edit_ladder(journal, plan.number, DEFAULT_LADDER[: max(number, plan.stage)])


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    sides=st.sampled_from([("",), ("left",), ("left", "right")]),
    stage=st.integers(1, 10),
    week_start=st.sampled_from(["monday", "sunday", "thursday"]),
    days=DAYS,
    stop_on=st.none() | st.integers(0, SPAN - 1),  # the day the (last) plan is stopped, if it is
    last_fixes=st.lists(FIXES, max_size=3),
    later=st.integers(0, 9),
)
def test_when_the_check_finds_nothing_due_the_rules_decide_nothing(
    empty_journal, tmp_path_factory, sides, stage, week_start, days, stop_on, last_fixes, later
):
    """`journal add` imports the rules only when `decisions_may_be_due` says so: whenever it says no,
    `make_decisions` makes no decision, takes none back and changes no plan. The runner logs day after day
    (mornings, runs, corrections), the journal deciding after some days' writes; then, after a last few
    corrections and perhaps days later, the check and the rules are asked."""
    path = tmp_path_factory.mktemp("plan-check") / "journal.db"
    shutil.copyfile(empty_journal, path)
    first = dt.date(2026, 11, 26) - (SPAN - 1) * DAY
    with open_journal(path) as journal:
        set_setting(journal, "week_start", week_start)
        plans = [start_plan(journal, "knee", side, today=first, stage=stage) for side in sides]
        logged: list[int] = []
        today = first
        for offset, day in enumerate(days):
            today = first + offset * DAY
            with contextlib.suppress(InvalidInput):  # a plan session the day after another is refused
                write_morning(journal, today, day["morning"])
                if day["run"] is not None:
                    log_run(journal, today, day["run"], today, logged)
            for fix in day["fixes"]:
                with contextlib.suppress(InvalidInput):
                    correct(journal, today, fix, logged, plans)
            if offset == stop_on and get_plan(journal, plans[-1].number).running:
                stop_plan(journal, plans[-1].number, today=today)
            if day["decide"]:
                with contextlib.suppress(JournalFileError):  # see below
                    make_decisions(journal, today=today)
        today += later * DAY
        for fix in last_fixes:
            with contextlib.suppress(InvalidInput):
                correct(journal, today, fix, logged, plans)

        def stored():
            plans_rows = journal.conn.execute("SELECT * FROM plans ORDER BY id").fetchall()
            decisions = journal.conn.execute("SELECT * FROM plan_decisions ORDER BY plan_id, session_id").fetchall()
            return plans_rows, decisions

        due, before, taken_back = decisions_may_be_due(journal, today=today), stored(), []
        try:
            made = make_decisions(journal, today=today, taken_back=taken_back)
        except JournalFileError:
            # A plan session decided before, moved to a day after the latest decision, is judged again and its
            # second decision cannot be stored: the write is refused. Only a decision being made gets there.
            assert due
            return
        event(f"due {due}, decided {bool(made or taken_back)}")
        if not due:
            assert (made, taken_back) == ([], [])
            assert stored() == before


def test_a_plan_and_its_decisions_are_undone_and_redone_whole(journal, today):
    history = History(journal)
    plan = history.record("plan started", ("today",), PLAN_SCOPES, lambda: start_plan(journal, "knee", today=today))
    history.record(
        "plan stopped", ("today",), plan_scopes(plan.number), lambda: stop_plan(journal, plan.number, today=today)
    )
    history.undo()
    assert get_plan(journal, plan.number).running
    history.undo()
    assert list_plans(journal) == []
    history.redo()
    assert get_plan(journal, plan.number).stages == DEFAULT_LADDER


def test_the_schema_keeps_one_running_plan_per_site_and_side(journal, today):
    import sqlite3

    start_plan(journal, "knee", today=today)
    with pytest.raises(sqlite3.IntegrityError):
        journal.conn.execute(
            "INSERT INTO plans (site_id, side, stage, started_on, uid)"
            " SELECT site_id, side, 1, started_on, 'another' FROM plans"
        )
    with pytest.raises(sqlite3.IntegrityError):  # nor do two plans share a uid
        journal.conn.execute(
            "INSERT INTO plans (site_id, side, stage, started_on, stopped_on, uid)"
            " SELECT site_id, side, 1, started_on, started_on, uid FROM plans"
        )


def test_a_site_with_a_plan_or_overuse_answers_is_not_removed(journal, today):
    from journal.domain.overuse import Answers
    from journal.store.overuse import save_answers
    from journal.store.plans import start_plan
    from journal.store.sites import add_site, list_sites, remove_site

    add_site(journal, "big-toe", sided=False)
    start_plan(journal, "big-toe", today=today)
    with pytest.raises(InvalidInput, match="big-toe has 1 return-to-run plan; removing it would lose them"):
        remove_site(journal, "big-toe")
    add_site(journal, "heel-pad", sided=False)
    save_answers(journal, today, "heel-pad", "", Answers(1, 1, 0, 1), today=today)
    with pytest.raises(InvalidInput, match="heel-pad has 1 week of overuse answers"):
        remove_site(journal, "heel-pad")
    assert {"big-toe", "heel-pad"} <= {site.name for site in list_sites(journal)}


def test_an_undo_never_takes_back_a_decision_of_a_week_gone_by(journal, today, monkeypatch):
    """Sunday night's morning pain makes a decision; undone on Monday it would change last week."""
    from journal.errors import WeekGoneBy
    from journal.store.plans import deciding
    from journal.store.undo import day_scopes

    sunday = today + 3 * DAY
    plan = start_plan(journal, "knee", today=today - 7 * DAY, stage=3)
    morning(journal, sunday - DAY, 1)
    session(journal, sunday, sunday - DAY, during=1)
    history = History(journal)
    made: list = []
    scopes = day_scopes(sunday) + PLAN_SCOPES
    monkeypatch.setenv("JOURNAL_TODAY", sunday.isoformat())
    history.record(
        "saved Sunday",
        ("today", sunday),
        scopes,
        lambda: deciding(journal, lambda: morning(journal, sunday, 1), today=sunday, made=made),
    )
    [decision] = made
    assert decision.decided_on == sunday
    history.undo()  # the same week: the decision goes with the morning
    assert plan_decisions(journal, plan.number) == []
    history.redo()
    monkeypatch.setenv("JOURNAL_TODAY", (sunday + DAY).isoformat())
    with pytest.raises(WeekGoneBy, match="a return-to-run plan's decision it made or took back is in a week now gone"):
        history.undo()
    assert plan_decisions(journal, plan.number) == [decision]
    assert journal.conn.execute("SELECT 1 FROM entries WHERE date = ?", [sunday.isoformat()]).fetchone()
    assert history.done == [] and history.undone == []  # it can never be undone now
