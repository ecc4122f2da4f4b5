"""The weekly overuse check (OSTRC-O2): the score at its ends, the substantial-problem boundary, the answers kept."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.entries import DayEntry
from journal.domain.overuse import (
    PAIN,
    PARTICIPATION,
    PERFORMANCE,
    QUESTIONS,
    VOLUME,
    Answers,
    WeekAnswers,
    describe,
    overuse_flag,
    parse_answer,
    parse_answers,
    score,
    substantial,
)
from journal.domain.sessions import Session
from journal.errors import InvalidInput
from journal.store.entries import save_entry
from journal.store.overuse import (
    remove_answers,
    save_answers,
    severities,
    sites_to_ask,
    week_answers,
    week_scopes,
)
from journal.store.sessions import add_session
from journal.store.settings import set_setting
from journal.store.undo import History

DAY = dt.timedelta(days=1)
WORST = tuple(question.worst for question in QUESTIONS)


# -- the questions and the score ----------------------------------------------------------


def test_four_questions_with_four_or_five_answers_no_problem_first():
    assert [question.key for question in QUESTIONS] == ["participation", "volume", "performance", "pain"]
    assert [len(question.answers) for question in QUESTIONS] == [4, 5, 5, 4]
    assert PARTICIPATION.scores == PAIN.scores == (0, 8, 17, 25)
    assert VOLUME.scores == PERFORMANCE.scores == (0, 6, 13, 19, 25)
    assert all(question.text.endswith("?") for question in QUESTIONS)


def test_the_score_is_zero_with_no_problem_and_a_hundred_at_the_worst_of_every_answer():
    assert score(0, 0, 0, 0) == 0
    assert score(*WORST) == 100
    assert score(1, 1, 1, 1) == 8 + 6 + 6 + 8
    assert score(2, 3, 2, 1) == 17 + 19 + 13 + 8
    assert Answers(3, 4, 4, 3).score == 100


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ((0, 1, 1, 3), False),  # a little less training and running, in severe pain: not substantial
        ((0, 2, 0, 0), True),  # volume cut moderately
        ((0, 0, 2, 0), True),  # performance held back moderately
        ((2, 1, 1, 0), False),  # took part only in part, a little less
        ((3, 0, 0, 0), True),  # could not take part at all
        ((0, 4, 0, 0), True),
        ((0, 0, 0, 0), False),
    ],
)
def test_a_substantial_problem_is_a_moderate_cut_in_volume_or_performance_or_no_taking_part(answers, expected):
    assert substantial(*answers) is expected
    assert Answers(*answers).substantial is expected


@pytest.mark.parametrize("answers", [(4, 0, 0, 0), (0, 5, 0, 0), (0, 0, 5, 0), (0, 0, 0, 4), (-1, 0, 0, 0)])
def test_an_answer_off_its_question_is_a_programming_error(answers):
    with pytest.raises(ValueError, match="has answers"):
        score(*answers)
    with pytest.raises(ValueError, match="has answers"):
        Answers(*answers)


answers_strategy = st.tuples(*(st.integers(min_value=0, max_value=question.worst) for question in QUESTIONS))


@given(answers_strategy, st.integers(min_value=0, max_value=3))
def test_the_score_rises_with_every_answer(answers, which):
    assert 0 <= score(*answers) <= 100
    if answers[which] < QUESTIONS[which].worst:
        worse = list(answers)
        worse[which] += 1
        not_taking_part = answers[0] == QUESTIONS[0].worst and which in (1, 2)  # those are at their worst already
        assert score(*worse) == score(*answers) if not_taking_part else score(*worse) > score(*answers)
        assert substantial(*worse) >= substantial(*answers)  # a worse answer never clears the flag


@given(answers_strategy)
def test_the_score_is_zero_only_with_no_problem_and_a_hundred_only_at_the_worst(answers):
    assert (score(*answers) == 0) == (answers == (0, 0, 0, 0))
    taken_as = (answers[0], *(WORST[1:3] if answers[0] == WORST[0] else answers[1:3]), answers[3])
    assert (score(*answers) == 100) == (taken_as == WORST)


# -- the answers a runner types ---------------------------------------------------------------


def test_answers_are_typed_as_numbers_from_zero():
    assert parse_answers("0", "4", " 2 ", 3) == Answers(0, 4, 2, 3)
    assert parse_answer("volume", "1") == 1


@pytest.mark.parametrize(
    ("question", "text"), [("participation", "4"), ("volume", "5"), ("pain", "-1"), ("performance", "x"), ("pain", "٣")]
)
def test_an_answer_out_of_range_is_refused_with_the_answers_listed(question, text):
    with pytest.raises(InvalidInput) as refused:
        parse_answer(question, text)
    message = str(refused.value)
    assert question in message and "0 " in message and "\n" not in message
    for number, answer in enumerate(next(q for q in QUESTIONS if q.key == question).answers):
        assert f"{number} {answer}" in message


# -- the flag ------------------------------------------------------------------------------------


def test_a_substantial_problem_is_a_flag_that_prompts_and_never_diagnoses(today):
    week = WeekAnswers(today, "knee", "", Answers(1, 2, 1, 2))
    flag = overuse_flag(week, "Knee")
    assert flag is not None and flag.kind == "overuse" and flag.level == "amber"
    assert "severity" in flag.seen and str(week.score) in flag.seen
    assert "doctor or physiotherapist" in flag.consider
    assert overuse_flag(WeekAnswers(today, "knee", "", Answers(1, 1, 1, 3)), "Knee") is None
    assert describe(Answers(0, 0, 0, 0)) == "severity 0 of 100, not a substantial problem"
    assert describe(Answers(*WORST)) == "severity 100 of 100, a substantial problem"


# -- the answers in the journal -------------------------------------------------------------------


@pytest.fixture
def monday(today):
    return today - dt.timedelta(days=today.weekday())


def test_a_weeks_answers_are_saved_under_its_first_day_and_replaced(journal, today, monday):
    saved = save_answers(journal, today, "knee", "left", Answers(1, 1, 0, 1), today=today)
    assert (saved.week, saved.site, saved.side) == (monday, "knee", "left")
    save_answers(journal, monday, "Knee", "l", Answers(2, 2, 1, 2), today=today)
    assert week_answers(journal, monday) == [WeekAnswers(monday, "knee", "left", Answers(2, 2, 1, 2))]
    save_answers(journal, monday, "knee", "", Answers(0, 0, 0, 1), today=today)
    assert [(found.side, found.score) for found in week_answers(journal, monday)] == [
        ("", 8),
        ("left", 17 + 13 + 6 + 17),
    ]


def test_the_week_follows_the_runners_first_weekday(journal, today):
    set_setting(journal, "week_start", "sunday")
    saved = save_answers(journal, today, "shin", "", Answers(1, 0, 0, 1), today=today)
    assert saved.week.weekday() == 6 and saved.week <= today


def test_a_week_not_yet_started_or_an_unknown_site_is_refused(journal, today, monday):
    with pytest.raises(InvalidInput, match="has not started"):
        save_answers(journal, monday + 7 * DAY, "knee", "", Answers(0, 0, 0, 1), today=today)
    with pytest.raises(InvalidInput, match="unknown body site"):
        save_answers(journal, today, "elbow", "", Answers(0, 0, 0, 1), today=today)
    assert week_answers(journal, monday) == []


def test_answers_can_be_removed(journal, today, monday):
    save_answers(journal, today, "knee", "", Answers(0, 1, 0, 1), today=today)
    assert remove_answers(journal, today, "knee") is True
    assert remove_answers(journal, today, "knee") is False
    assert week_answers(journal, monday) == []


def test_the_severity_week_by_week_over_a_range(journal, today, monday):
    for weeks_back, answers in enumerate([Answers(1, 1, 1, 1), Answers(2, 2, 2, 2), Answers(3, 4, 4, 3)]):
        save_answers(journal, monday - weeks_back * 7 * DAY, "knee", "", answers, today=today)
    save_answers(journal, monday, "shin", "", Answers(0, 0, 0, 1), today=today)
    knee = severities(journal, monday - 14 * DAY, monday, site="knee")
    assert [(found.week, found.score, found.substantial) for found in knee] == [
        (monday - 14 * DAY, 100, True),
        (monday - 7 * DAY, 17 + 13 + 13 + 17, True),
        (monday, 28, False),
    ]
    assert len(severities(journal, monday - 7 * DAY, monday)) == 3
    assert severities(journal, monday - 7 * DAY, monday, site="knee", side="left") == []


def test_the_sites_to_ask_about_are_those_that_hurt_that_week_and_are_not_answered(journal, today, monday):
    save_entry(journal, DayEntry(monday, pain={("knee", "left"): 2, ("hip", ""): 0}))
    save_entry(journal, DayEntry(monday - DAY, pain={("ankle", ""): 5}))  # the week before
    add_session(journal, Session(monday + DAY, "run", 30, pain=(("shin", "", 3),)), today=today)
    assert sites_to_ask(journal, monday) == [("knee", "left"), ("shin", "")]
    save_answers(journal, monday, "knee", "left", Answers(1, 1, 1, 1), today=today)
    assert sites_to_ask(journal, monday) == [("shin", "")]
    assert sites_to_ask(journal, monday - 7 * DAY) == [("ankle", "")]


def test_a_weeks_answers_are_undone_and_redone(journal, today, monday):
    history = History(journal)
    save_answers(journal, today, "knee", "", Answers(1, 1, 1, 1), today=today)
    history.record(
        "overuse answers",
        ("review", monday),
        week_scopes(monday),
        lambda: save_answers(journal, today, "knee", "", Answers(3, 4, 4, 3), today=today),
    )
    history.undo()
    assert [found.score for found in week_answers(journal, monday)] == [28]
    history.redo()
    assert [found.score for found in week_answers(journal, monday)] == [100]


def test_the_schema_refuses_an_answer_off_its_question(journal, today):
    with pytest.raises(sqlite3.IntegrityError):
        journal.conn.execute(
            "INSERT INTO overuse_answers (week, site_id, side, participation, volume, performance, pain)"
            " VALUES (?, 1, '', 4, 0, 0, 0)",
            [today.isoformat()],
        )


def test_not_taking_part_at_all_scores_volume_and_performance_at_their_worst():
    from journal.domain.overuse import score

    assert score(3, 0, 0, 0) == score(3, 4, 4, 0) == 25 + 25 + 25
    assert score(3, 4, 4, 3) == 100
    assert score(2, 0, 0, 0) == 17  # taking part in part is scored as answered


def test_a_form_never_replaces_answers_saved_elsewhere_after_it_opened(journal, today, monday):
    from journal.store.entries import ChangedHereAndElsewhere

    save_answers(journal, today, "knee", "", Answers(3, 4, 4, 3), today=today)  # `journal overuse`, meanwhile
    with pytest.raises(ChangedHereAndElsewhere) as clash:  # a form opened when the week had none
        save_answers(journal, today, "knee", "", Answers(0, 0, 4, 0), today=today, since=None, checked=True)
    assert clash.value.stored == Answers(3, 4, 4, 3)
    assert clash.value.clashes == ["participation", "volume", "pain"], "the questions answered otherwise"
    assert week_answers(journal, monday)[0].answers == Answers(3, 4, 4, 3)
    # The same answers are no clash; seen ("Save mine"), the form's replace them.
    save_answers(journal, today, "knee", "", Answers(3, 4, 4, 3), today=today, since=None, checked=True)
    save_answers(journal, today, "knee", "", Answers(0, 0, 4, 0), today=today, since=Answers(3, 4, 4, 3), checked=True)
    assert week_answers(journal, monday)[0].answers == Answers(0, 0, 4, 0)
