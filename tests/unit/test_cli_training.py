"""`journal session`, `journal plan` and `journal overuse`: what each prints, the ticks sessions make and take back,
the plan's decisions said as they are made, and every refusal one line that changes nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from journal.cli import main
from journal.domain.entries import DayEntry
from journal.store import open_journal
from journal.store.checklist import list_items
from journal.store.entries import save_entry
from journal.store.plans import running_plans
from journal.store.sessions import get_session, ticked_by
from tests.commands import ok, refused, runner
from tests.content import journal_content
from tests.unit.cli_tree import modules_loaded


@pytest.fixture
def run(capsys, db_path):
    return runner(capsys, db_path)


# -- sessions ---------------------------------------------------------------------------


def test_a_session_is_saved_in_one_line_with_the_tick_it_made(run, db_path, today):
    out = ok(run("session", "add", "--kind", "strides", "--minutes", "10", "--rpe", "5", "--note", "6 x 100 m"))
    assert out == (
        "session 1, Thu 26 Nov 2026 (today): strides · 10 min · RPE 5 hard · load 50 · 6 x 100 m\n"
        "ticked Strides on Thu 26 Nov\n"
    )
    with open_journal(db_path) as journal:
        strides = next(item for item in list_items(journal) if item.title == "Strides")
        assert ticked_by(journal, today, today) == {(strides.id, today): 1}


def test_a_run_ticks_nothing_and_says_nothing_of_ticks(run, db_path):
    out = ok(
        run(
            "session", "add", "yesterday", "--kind", "run", "--minutes", "1:05", "--km", "8,5", "--rpe", "4",
            "--pain", "knee:left=3", "--pain", "shin=1",
        )
    )  # fmt: skip
    assert out == (
        "session 1, Wed 25 Nov 2026 (yesterday): run · 65 min · 8.5 km · RPE 4 somewhat hard · load 260"
        " · pain Knee (left) 3, Shin 1\n"
    )
    with open_journal(db_path) as journal:
        assert get_session(journal, 1).pain == (("knee", "left", 3), ("shin", "", 1))


def test_sessions_are_listed_week_by_week_with_each_weeks_totals(run):
    ok(run("session", "add", "--kind", "run", "--minutes", "40", "--km", "8", "--rpe", "5"))
    ok(run("session", "add", "monday", "--kind", "strength", "--minutes", "30"))
    ok(run("session", "add", "last sunday", "--kind", "run", "--minutes", "50", "--km", "10", "--rpe", "3"))
    ok(run("session", "add", "5 weeks ago", "--kind", "walk", "--minutes", "60"))  # before the 4 weeks listed
    assert ok(run("session", "list")) == (
        "2026-W47 · 16–22 Nov 2026\n"
        "  3  Sun 22 Nov  run · 50 min · 10 km · RPE 3 moderate · load 150\n"
        "     week: 1 session · 50 min · 10 km · load 150\n"
        "2026-W48 · 23–29 Nov 2026\n"
        "  2  Mon 23 Nov  strength · 30 min\n"
        "  1  Thu 26 Nov  run · 40 min · 8 km · RPE 5 hard · load 200\n"
        "     week: 2 sessions · 70 min · 8 km · load 200 (1 without an RPE)\n"
    )
    # A week the range cuts totals only the days listed, and says so.
    assert ok(run("session", "list", "--from", "tuesday")) == (
        "2026-W48 · 23–29 Nov 2026\n"
        "  1  Thu 26 Nov  run · 40 min · 8 km · RPE 5 hard · load 200\n"
        "     shown: 1 session · 40 min · 8 km · load 200\n"
    )
    out = ok(run("session", "list", "--from", "6 weeks ago", "--to", "4 weeks ago"))
    assert out.startswith("2026-W43 · 19–25 Oct 2026\n  4  Thu 22 Oct  walk · 60 min\n")
    assert ok(run("session", "list", "--from", "2026-01-01", "--to", "2026-01-31")) == (
        "no sessions from 2026-01-01 to 2026-01-31 (journal session add logs one)\n"
    )


def test_sessions_are_listed_by_the_week_start_setting(run):
    ok(run("settings", "week_start", "sunday"))
    ok(run("session", "add", "last sunday", "--kind", "run", "--minutes", "50"))
    assert ok(run("session", "list")).startswith("week of Sun 22 Nov 2026 · 22–28 Nov 2026\n  1  Sun 22 Nov  run")


def test_an_edit_says_what_changed_and_moves_the_tick_with_the_kind(run, db_path, today):
    ok(run("session", "add", "--kind", "strides", "--minutes", "10", "--km", "1.2", "--note", "after the run"))
    out = ok(run("session", "edit", "1", "--kind", "run", "--minutes", "45", "--clear", "km", "--clear", "note"))
    assert out == "session 1, Thu 26 Nov 2026 (today): run · 45 min\ntook back the tick of Strides on Thu 26 Nov\n"
    out = ok(run("session", "edit", "1", "--kind", "intervals", "--rpe", "7", "--pain", "knee=2"))
    assert out == (
        "session 1, Thu 26 Nov 2026 (today): intervals · 45 min · RPE 7 very hard · load 315 · pain Knee 2\n"
        "ticked Intervals on Thu 26 Nov\n"
    )
    out = ok(run("session", "edit", "1", "--date", "yesterday", "--clear-pain", "--pain", "shin:left=1"))
    assert out == (
        "session 1, Wed 25 Nov 2026 (yesterday): intervals · 45 min · RPE 7 very hard · load 315 · pain Shin (left) 1\n"
        "took back the tick of Intervals on Thu 26 Nov\n"
        "ticked Intervals on Wed 25 Nov\n"
    )
    out = ok(run("session", "edit", "1", "--clear-pain", "--clear", "rpe"))
    assert out == "session 1, Wed 25 Nov 2026 (yesterday): intervals · 45 min\n"  # the tick stays where it was
    with open_journal(db_path) as journal:
        assert len(ticked_by(journal, today - today.resolution, today)) == 1


def test_removing_a_session_takes_back_its_tick_unless_another_session_made_it_too(run):
    ok(run("session", "add", "--kind", "strides", "--minutes", "10"))
    ok(run("session", "add", "--kind", "strides", "--minutes", "12"))
    assert ok(run("session", "rm", "1")) == (
        "removed session 1, Thu 26 Nov 2026 (today): strides · 10 min\n"
        "the tick of Strides on Thu 26 Nov stays: session 2 made it too\n"
    )
    assert ok(run("session", "rm", "2")) == (
        "removed session 2, Thu 26 Nov 2026 (today): strides · 12 min\ntook back the tick of Strides on Thu 26 Nov\n"
    )
    assert "Strides" in ok(run("checklist")) and ok(run("session", "list")).startswith("no sessions")


def test_a_tick_made_by_hand_is_never_the_sessions(run):
    ok(run("add", "--mood", "3"))
    ok(run("check", "strides"))
    assert ok(run("session", "add", "--kind", "strides", "--minutes", "10")).count("\n") == 1
    assert ok(run("session", "rm", "1")).count("\n") == 1
    assert "already ticked" in ok(run("check", "strides"))


def test_which_item_kind_each_session_kind_ticks_is_shown_and_changed(run):
    ok(run("add", "--mood", "3"))
    out = ok(run("session", "kinds"))
    assert out.splitlines()[:2] == ["run             -", "intervals       intervals"]
    assert (
        ok(run("session", "kinds", "run=strides")) == "run sessions now tick strides items (ticks made before stay)\n"
    )
    assert ok(run("session", "add", "--kind", "run", "--minutes", "30")).endswith("ticked Strides on Thu 26 Nov\n")
    assert ok(run("session", "kinds", "run=none")) == "run sessions now tick nothing (ticks made before stay)\n"
    assert ok(run("session", "kinds")).startswith("run             -\n")


# -- return-to-run plans ------------------------------------------------------------------


def test_a_plan_is_started_shown_laddered_and_stopped(run):
    ok(run("add", "--mood", "3"))
    assert ok(run("plan")) == "no plan is running (journal plan start --site knee starts one)\n"
    assert ok(run("plan", "ladder")).startswith(
        "the default ladder (journal plan start uses it):\n   1  10 x 1 min run / 1 min walk (10 min running)\n"
    )
    assert ok(run("plan", "start", "--site", "knee:left", "--stage", "2")) == (
        "started a plan for the left knee at stage 2 of 10: 8 x 2 min run / 1 min walk (16 min running),"
        " on alternate days\n"
    )
    assert ok(run("plan")) == (
        "left knee plan: stage 2 of 10 (plan started Thu 26 Nov)\n"
        "  today: Stage 2 of 10: 8 x 2 min run / 1 min walk (16 min running)\n"
    )
    out = ok(run("plan", "ladder", "--set", "10 x 1 min run / 1 min walk", "--set", "Hills=12", "--set", "15 min easy"))
    assert out == (
        "the left knee plan has a new ladder of 3 stages; it is at stage 2 of 3:\n"
        "  1  10 x 1 min run / 1 min walk (10 min running)\n"
        "▸ 2  Hills (12 min running)\n"
        "  3  15 min easy (15 min running)\n"
    )
    assert ok(run("plan", "ladder", "--site", "knee")).startswith("the left knee plan, at stage 2 of 3:\n")
    assert ok(run("plan", "stop")) == "stopped the plan for the left knee at stage 2 of 3; its decisions stay\n"
    assert ok(run("plan")).startswith("no plan is running")


def test_two_plans_are_told_apart_by_site(run):
    ok(run("plan", "start", "--site", "knee:left"))
    ok(run("plan", "start", "--site", "shin"))
    refused(run("plan", "stop"), "2 plans are running: name one with --site knee:left, --site shin")
    assert ok(run("plan", "stop", "--site", "shin")).startswith("stopped the plan for the shin")


@pytest.fixture
def knee_plan(run, monkeypatch):
    """A knee plan started on Mon 23 Nov at stage 3, with a morning of pain 1 logged that day."""
    monkeypatch.setenv("JOURNAL_TODAY", "2026-11-23")
    ok(run("add", "--pain", "knee=1"))
    ok(run("plan", "start", "--site", "knee", "--stage", "3"))
    return monkeypatch


def test_a_plan_session_is_judged_once_the_next_mornings_pain_is_logged(run, db_path, knee_plan, capsys):
    out = ok(run("session", "add", "--kind", "run", "--minutes", "18", "--rpe", "3", "--pain", "knee=2", "--plan"))
    assert out == (
        "session 1, Mon 23 Nov 2026 (today): run · 18 min · RPE 3 moderate · load 54 · pain Knee 2"
        " · the plan's session\n"
    )
    assert ok(run("plan")).endswith(
        "  Mon 23 Nov session: waiting for the next morning's pain at the knee: log it to decide the next stage\n"
    )
    knee_plan.setenv("JOURNAL_TODAY", "2026-11-24")
    decided = (
        "knee plan: next stage, 4 of 10 — All limits kept at the knee (pain during 2, next morning 1 after 1):"
        " on to stage 4 of 10\n"
    )
    assert ok(run("add", "--pain", "knee=1")) == "Tue 24 Nov 2026 (today): pain Knee 1\n" + decided
    assert ok(run("add", "--mood", "4")) == "Tue 24 Nov 2026 (today): mood 4 · pain Knee 1\n"  # decided once
    with open_journal(db_path) as journal:
        assert running_plans(journal)[0].stage == 4
    assert ok(run("plan")) == (
        "knee plan: stage 4 of 10 (plan started Mon 23 Nov)\n"
        "  today: Rest from running today: the plan runs on alternate days (stage 4 of 10 is next, tomorrow)\n"
        "  Mon 23 Nov session → decided Tue 24 Nov: next stage, 4 of 10 — All limits kept at the knee"
        " (pain during 2, next morning 1 after 1): on to stage 4 of 10\n"
    )


def test_journal_plan_dates_a_decision_by_its_session_and_by_the_day_it_was_made(run, knee_plan):
    ok(run("session", "add", "--kind", "run", "--minutes", "18", "--pain", "knee=2", "--plan"))
    knee_plan.setenv("JOURNAL_TODAY", "2026-11-25")
    ok(run("add", "2026-11-24", "--pain", "knee=1"))  # the next morning, logged a day late
    assert "\n  Mon 23 Nov session → decided Wed 25 Nov: next stage, 4 of 10 — All limits kept" in ok(run("plan"))


def test_a_plan_session_shorter_than_the_stages_running_is_repeated_and_says_so(run, knee_plan):
    ok(run("session", "add", "--kind", "run", "--minutes", "17", "--pain", "knee=2", "--plan"))  # stage 3 runs 18
    knee_plan.setenv("JOURNAL_TODAY", "2026-11-24")
    assert ok(run("add", "--pain", "knee=1")).endswith(
        "knee plan: repeat stage 3 of 10 — All limits kept at the knee (pain during 2, next morning 1 after 1),"
        " but the session was 17 min, short of the stage's 18 min of running: repeat stage 3 of 10\n"
    )
    assert ok(run("session", "edit", "1", "--minutes", "18")).endswith(  # its minutes corrected
        "knee plan: the decision on the session on Mon 23 Nov no longer holds (what it was judged on changed):"
        " back at stage 3 of 10\n"
        "knee plan: next stage, 4 of 10 — All limits kept at the knee (pain during 2, next morning 1 after 1):"
        " on to stage 4 of 10\n"
    )


def test_a_stage_that_is_only_minutes_is_all_running(run):
    ok(run("plan", "start", "--site", "knee"))
    out = ok(run("plan", "ladder", "--set", "10 min", "--set", "15 minutes", "--set", "20 min easy"))
    assert out.endswith(
        "▸ 1  10 min (10 min running)\n  2  15 minutes (15 min running)\n  3  20 min easy (20 min running)\n"
    )


def journal_today():
    from journal.clock import today

    return today()


def test_journal_plan_makes_a_decision_due_and_says_it(run, db_path, knee_plan):
    ok(run("session", "add", "--kind", "run", "--minutes", "18", "--pain", "knee=2", "--plan"))
    knee_plan.setenv("JOURNAL_TODAY", "2026-11-24")
    with open_journal(db_path) as journal:  # the morning saved where nothing decided (an import, say)
        save_entry(journal, DayEntry(dt.date(2026, 11, 24), pain={("knee", ""): 1}))
    assert ok(run("plan")).startswith("knee plan: next stage, 4 of 10 — All limits kept at the knee")


def test_an_edited_plan_session_is_judged_again_and_a_removed_one_undone(run, knee_plan):
    ok(run("session", "add", "--kind", "run", "--minutes", "18", "--pain", "knee=2", "--plan"))
    knee_plan.setenv("JOURNAL_TODAY", "2026-11-24")
    ok(run("add", "--pain", "knee=1"))
    ok(run("plan"))  # decided: stage 4
    assert ok(run("session", "edit", "1", "--pain", "knee=6")) == (
        "session 1, Mon 23 Nov 2026 (yesterday): run · 18 min · pain Knee 6 · the plan's session\n"
        "knee plan: the decision on the session on Mon 23 Nov no longer holds (what it was judged on changed):"
        " back at stage 3 of 10\n"
        "knee plan: one stage back, 2 of 10 — Pain during the session was 6 at the knee, above 5:"
        " back to stage 2 of 10\n"
    )
    assert ok(run("session", "rm", "1")) == (
        "removed session 1, Mon 23 Nov 2026 (yesterday): run · 18 min · pain Knee 6 · the plan's session\n"
        "knee plan: the decision on the session on Mon 23 Nov no longer holds (what it was judged on changed):"
        " back at stage 3 of 10\n"
    )
    assert ok(run("plan")).startswith("knee plan: stage 3 of 10")


def test_a_plan_session_without_pain_at_the_plans_site_says_it_counts_as_none(run, knee_plan):
    out = ok(run("session", "add", "--kind", "run", "--minutes", "18", "--plan"))
    assert out.endswith("no pain during the session at the knee: the knee plan counts it as 0\n")
    ok(run("session", "add", "--kind", "run", "--minutes", "20"))
    assert ok(run("session", "edit", "2", "--plan", "--pain", "knee=1")).count("\n") == 1
    code, _, err = run("session", "add", "--kind", "walk", "--minutes", "20", "--plan")
    assert (code, err) == (2, "journal: a return-to-run plan's session is a run: log the walk without --plan\n")


def test_a_day_with_no_plan_running_reads_no_plan_module(db_path):
    """`journal add` calls decide_and_say every morning: with no plan running it reads one row and imports nothing."""
    open_journal(db_path).close()
    code = (
        "import sys\n"
        "from journal.store import open_journal\n"
        "from journal.cli.common import decide_and_say\n"
        "import datetime as dt\n"
        f"journal = open_journal({str(db_path)!r})\n"
        "decide_and_say(journal, dt.date(2026, 11, 26))\n"
        "print('journal.store.plans' in sys.modules, 'journal.domain.signals' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "False False\n"


def test_a_day_that_leaves_a_waiting_plan_waiting_reads_no_plan_rule(run, db_path, knee_plan):
    """With a plan running whose session waits for its next morning, `journal add` of another day runs one more
    query (journal.store.plan_due) and imports none of the rules; the morning that decides imports them."""
    ok(run("session", "add", "--kind", "run", "--minutes", "18", "--pain", "knee=2", "--plan"))  # Mon 23 Nov
    knee_plan.setenv("JOURNAL_TODAY", "2026-11-26")
    rules = {"journal.store.plans", "journal.domain.plan", "journal.render.plan", "journal.domain.signals"}
    assert not modules_loaded(["add", "--mood", "4"], db_path) & rules  # Tue 24 Nov is not logged: it waits
    assert rules <= modules_loaded(["add", "2026-11-24", "--pain", "knee=1"], db_path)
    with open_journal(db_path) as journal:
        assert running_plans(journal)[0].stage == 4  # decided


# -- the weekly overuse check ----------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "said"),
    [
        (("0", "0", "0", "0"), "severity 0 of 100, not a substantial problem"),
        (("3", "4", "4", "3"), "severity 100 of 100, a substantial problem"),
        (("2", "1", "1", "3"), "severity 54 of 100, not a substantial problem"),  # pain plays no part in substantial
        (("0", "2", "0", "0"), "severity 13 of 100, a substantial problem"),  # a moderate cut in training
        (("0", "0", "2", "0"), "severity 13 of 100, a substantial problem"),
        (("1", "1", "1", "1"), "severity 28 of 100, not a substantial problem"),
        (("3", "0", "0", "0"), "severity 75 of 100, a substantial problem"),  # could not take part: volume and
        # performance count at their worst
    ],
)
def test_overuse_answers_give_the_severity_and_whether_it_is_substantial(run, answers, said):
    participation, volume, performance, pain = answers
    out = ok(
        run(
            "overuse", "--site", "knee:left", "--participation", participation, "--volume", volume,
            "--performance", performance, "--pain", pain,
        )
    )  # fmt: skip
    lines = out.splitlines()
    assert lines[0] == f"Knee (left), 2026-W48 (23–29 Nov 2026): {said}"
    advice = "A problem that cuts your training or your running is worth talking over with a doctor or physiotherapist"
    assert lines[1:] == ([advice] if said.endswith(", a substantial problem") else [])


def test_overuse_answers_for_another_week_replace_and_list_week_by_week(run):
    answer = ["--participation", "1", "--volume", "1", "--performance", "0", "--pain", "1"]
    assert ok(run("overuse", "last", "--site", "knee", *answer)) == (
        "Knee, 2026-W47 (16–22 Nov 2026): severity 22 of 100, not a substantial problem\n"
    )
    ok(run("overuse", "2026-11-25", "--site", "shin:right", *answer))
    assert ok(run("overuse", "this", "--site", "shin:right", *answer[:-1], "0")) == (
        "Shin (right), 2026-W48 (23–29 Nov 2026): severity 14 of 100, not a substantial problem"
        " (the week's earlier answers replaced)\n"
    )
    assert ok(run("overuse", "list")) == (
        "2026-W47 · 16–22 Nov 2026\n"
        "  Knee                 severity 22 of 100, not a substantial problem\n"
        "2026-W48 · 23–29 Nov 2026\n"
        "  Shin (right)         severity 14 of 100, not a substantial problem\n"
    )
    assert ok(run("overuse", "list", "--site", "shin", "--from", "monday")).startswith("2026-W48")
    assert ok(run("overuse", "list", "--to", "2026-11-01")) == (
        "no overuse answers in those weeks (journal overuse --questions shows the check)\n"
    )


@pytest.mark.parametrize("args", [["--questions"], [], ["--site", "knee"], ["last"]])
def test_the_questions_are_shown_with_their_numbered_answers(run, args):
    ok(run("add", "--pain", "knee:left=2"))
    out = ok(run("overuse", *args))
    assert out.startswith("The weekly overuse check (OSTRC-O2)")
    assert "--volume  In the past 7 days, how much did problems at this site cut back how much you trained?\n" in out
    assert "    4  could not train at all\n" in out
    if args != ["last"]:
        assert out.endswith("Sites with pain this week and no answers yet: Knee (left)\n")


# -- refusals -------------------------------------------------------------------------------


@pytest.fixture
def logged(run, db_path):
    """A day, a session that ticked its item, a running knee plan and a week's overuse answers."""
    ok(run("add", "--pain", "knee=2", "--mood", "4"))
    ok(run("session", "add", "--kind", "strides", "--minutes", "10", "--rpe", "4"))
    ok(run("plan", "start", "--site", "knee", "--stage", "2"))
    ok(run("overuse", "--site", "knee", "--participation", "1", "--volume", "1", "--performance", "1", "--pain", "1"))
    return journal_content(db_path)


ANSWERS = ["--participation", "1", "--volume", "1", "--performance", "1", "--pain", "1"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["session", "add", "--kind", "swim", "--minutes", "30"], "a session's kind is one of"),
        (["session", "add", "--kind", "run"], "Missing option '--minutes'"),
        (["session", "add", "--minutes", "30"], "Missing option '--kind'"),
        (["session", "add", "--kind", "run", "--minutes", "0"], "a session lasts 1-1440 minutes"),
        (["session", "add", "--kind", "run", "--minutes", "٤٠"], "minutes are a whole number"),
        (["session", "add", "--kind", "run", "--minutes", "30", "--km", "1000.5"], "distance is 0-1000 km"),
        (["session", "add", "--kind", "run", "--minutes", "30", "--rpe", "11"], "RPE is a whole number 0-10"),
        (["session", "add", "--kind", "run", "--minutes", "30", "--pain", "kne=3"], "did you mean knee?"),
        (["session", "add", "--kind", "run", "--minutes", "30", "--pain", "knee=1", "--pain", "knee=2"], "given twice"),
        (["session", "add", "tomorrow", "--kind", "run", "--minutes", "30"], "in the future"),
        (["session", "add", "--kind", "run", "--minutes", "30", "--note", "\udcff"], "journal: "),
        (
            ["session", "add", "yesterday", "--kind", "run", "--minutes", "30", "--plan"],
            "the plan started on Thu 26 Nov",
        ),
        (["session", "add", "--kind", "run", "--minutes", "30", "--rpe", "3", "--rpe", "4"], "more than once"),
        (["session", "edit", "9", "--minutes", "30"], "there is no session 9"),
        (["session", "edit", "1"], "nothing to change"),
        (["session", "edit", "x", "--minutes", "30"], "a session is named by its number"),
        (["session", "edit", "²", "--minutes", "30"], "a session is named by its number"),
        (["session", "edit", "99999999999999999999", "--minutes", "30"], "a session is named by its number"),
        (["session", "edit", "1", "--clear", "km", "--km", "3"], "km is both set and cleared"),
        (["session", "edit", "1", "--clear", "minutes"], "Invalid value for '--clear'"),
        (["session", "edit", "1", "--date", "tomorrow"], "in the future"),
        (["session", "edit", "1", "--kind", "bogus"], "a session's kind is one of"),
        (["session", "edit", "1", "--pain", "elbow=2"], "unknown body site"),
        (["session", "edit", "1", "--plan", "--not-plan"], "more than once"),
        (["session", "rm", "9"], "there is no session 9"),
        (["session", "rm"], "Missing argument 'N'"),
        (["session", "kinds", "run"], "give KIND=ITEM_KIND"),
        (["session", "kinds", "run=bogus"], "a checklist item kind is one of"),
        (["session", "kinds", "swim=strength"], "a session's kind is one of"),
        (["session"], "Missing command"),
        (["plan", "start"], "Missing option '--site'"),
        (["plan", "start", "--site", "elbow"], "unknown body site"),
        (["plan", "start", "--site", "shin", "--stage", "11"], "a stage is a whole number from 1 to 10"),
        (["plan", "start", "--site", "shin", "--stage", "٣"], "a stage is a whole number from 1 to 10"),
        (["plan", "start", "--site", "knee:left"], "a plan is already running for the knee"),
        (["plan", "stop", "--site", "shin"], "no plan is running for the shin"),
        (["plan", "ladder", "--set", ""], "a stage needs a description"),
        (["plan", "ladder", "--set", "hills"], "how many minutes of 'hills' are running?"),
        (["plan", "ladder", "--set", "10 min walk"], "how many minutes of '10 min walk' are running?"),
        (["plan", "ladder", "--set", "0 min"], "how many minutes of '0 min' are running?"),
        (["plan", "ladder", "--set", "20 min continuous"], "a ladder of 1 stages would drop it"),
        (["plan", "ladder", "--site", "shin"], "no plan is running for the shin"),
        (["overuse", "--site", "knee", *ANSWERS[:-1], "4"], "pain is an answer number 0-3 (0 no pain, 1 mild pain"),
        (["overuse", "--site", "knee", "--participation", "4", *ANSWERS[2:]], "participation is an answer number 0-3"),
        (["overuse", "--site", "knee", "--volume", "5", *ANSWERS[:2], *ANSWERS[4:]], "volume is an answer number 0-4"),
        (["overuse", "--site", "knee", "--volume", "1"], "give all four answers: --participation, --performance"),
        (["overuse", *ANSWERS], "give the site the answers are for"),
        (["overuse", "next", "--site", "knee", *ANSWERS], "has not started"),
        (["overuse", "--site", "elbow", *ANSWERS], "unknown body site"),
        (["overuse", "--questions", "--site", "knee", *ANSWERS], "either --questions or the answers"),
        (["overuse", "list", "--site", "knee", *ANSWERS], "give the answers without `list`"),
        (["overuse", "--from", "monday"], "--from and --to are for journal overuse list"),
        (["overuse", "list", "--site", "elbow"], "unknown body site"),
        (["overuse", "bogus week"], "cannot read 'bogus week' as a week"),
    ],
)
def test_bad_input_is_one_line_exit_two_and_changes_nothing(run, db_path, logged, args, message):
    refused(run(*args), message)
    assert journal_content(db_path) == logged


def test_a_plan_session_needs_a_running_plan(run, db_path):
    ok(run("add", "--mood", "3"))
    before = journal_content(db_path)
    refused(run("session", "add", "--kind", "run", "--minutes", "20", "--plan"), "no return-to-run plan is running")
    refused(run("plan", "stop"), "no plan is running")
    assert journal_content(db_path) == before


@pytest.mark.parametrize(
    "args",
    [
        ["session", "add", "--kind", "run", "--minutes", "0"],
        ["session", "add", "--kind", "run", "--minutes", "20", "--plan"],
        ["session", "list"],
        ["plan"],
        ["plan", "start", "--site", "elbow"],
        ["overuse", "--site", "knee", *ANSWERS[:-1], "9"],
        ["overuse", "list"],
        ["session", "kinds"],
    ],
)
def test_bad_input_and_reading_never_create_a_journal(run, db_path, args):
    refused(run(*args), "journal: ")
    assert not db_path.exists()


def test_the_first_session_or_plan_or_answers_makes_the_journal(run, db_path, tmp_path):
    for name, args in {
        "a": ["session", "add", "--kind", "run", "--minutes", "20"],
        "b": ["plan", "start", "--site", "knee"],
        "c": ["overuse", "--site", "knee", *ANSWERS],
        "d": ["session", "kinds", "run=strides"],
    }.items():
        with pytest.raises(SystemExit) as exit_info:
            main([*args, "--db", str(tmp_path / f"{name}.db")])
        assert exit_info.value.code in (0, None)
        assert (tmp_path / f"{name}.db").exists()


@pytest.mark.parametrize(
    ("command", "decided"),
    [
        (("add", "--pain", "knee=1"), False),  # the morning after the plan session
        # With the session decided this week, any write may make the decision again (the check says so).
        (("session", "add", "--kind", "strength", "--minutes", "20"), True),
        (("session", "rm", "1"), True),
    ],
    ids=["day", "session add", "session rm"],
)
def test_a_write_and_the_decisions_it_allows_land_together_or_not_at_all(
    run, db_path, today, monkeypatch, command, decided
):
    """The write and the plan's decisions are one transaction: a decision that cannot be made takes the write back."""
    from journal.domain.sessions import Session
    from journal.store.plans import make_decisions, start_plan
    from journal.store.sessions import add_session

    yesterday = today - dt.timedelta(days=1)
    with open_journal(db_path) as journal:
        start_plan(journal, "knee", today=yesterday)
        add_session(journal, Session(yesterday, "run", 20, for_plan=True), today=yesterday)
        save_entry(journal, DayEntry(yesterday, pain={("knee", ""): 1}))
        if decided:
            save_entry(journal, DayEntry(today, pain={("knee", ""): 1}))
            assert len(make_decisions(journal, today=today)) == 1
    before = journal_content(db_path)

    def fails(*args, **kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr("journal.store.plans.make_decisions", fails)
    code, _, err = run(*command)
    assert code == 70 and err.startswith("journal: ")
    assert journal_content(db_path) == before


def test_a_plan_session_moved_before_its_plan_started_is_refused(run, db_path, today):
    from journal.domain.sessions import Session
    from journal.store.plans import start_plan
    from journal.store.sessions import add_session

    with open_journal(db_path) as journal:
        start_plan(journal, "knee", today=today - dt.timedelta(days=2))
        add_session(journal, Session(today, "run", 20, for_plan=True), today=today)
    before = journal_content(db_path)
    code, out, err = run("session", "edit", "1", "--date", (today - dt.timedelta(days=5)).isoformat())
    assert (code, out) == (2, "")
    assert err == "journal: the plan started on Tue 24 Nov: a session before that is not a plan session\n"
    assert journal_content(db_path) == before
    ok(run("session", "edit", "1", "--date", (today - dt.timedelta(days=5)).isoformat(), "--not-plan"))


def test_a_file_of_headers_only_says_there_was_nothing_to_import(run, db_path, tmp_path):
    path = tmp_path / "plans.csv"
    path.write_text("id,uid,site,side,stage,started,stopped,completed,ladder\r\n")
    assert ok(run("import", str(path))) == f"{path} holds no rows, only headers: nothing to import\n"
    assert not db_path.exists(), "no journal is made for nothing"


def test_journal_add_takes_back_a_completion_its_morning_no_longer_holds(run, db_path, today):
    """The morning that completed a plan, corrected the same week: `journal add` says so and the plan runs again."""
    from journal.domain.sessions import Session
    from journal.store.plans import get_plan, make_decisions, start_plan
    from journal.store.sessions import add_session

    monday = today - dt.timedelta(days=3)
    with open_journal(db_path) as journal:
        plan = start_plan(journal, "knee", today=monday, stage=10)
        save_entry(journal, DayEntry(monday, pain={("knee", ""): 1}))
        add_session(journal, Session(monday, "run", 30, pain=(("knee", "", 2),), for_plan=True), today=monday)
        save_entry(journal, DayEntry(monday + dt.timedelta(days=1), pain={("knee", ""): 1}))
        [made] = make_decisions(journal, today=monday + dt.timedelta(days=1))
        assert made.completes
    out = ok(run("add", (monday + dt.timedelta(days=1)).isoformat(), "--pain", "knee=6"))
    assert "no longer holds" in out and "back to stage 9 of 10" in out
    with open_journal(db_path) as journal:
        again = get_plan(journal, plan.number)
    assert again.running and again.stage == 9
