"""The training side in CSV: what each session kind ticks, return-to-run plans with their ladders and decisions,
and the weekly overuse answers, out and back in, and every row an import must refuse."""

import datetime as dt
import sqlite3

import pytest

from journal.domain.entries import DayEntry
from journal.domain.overuse import Answers
from journal.domain.plan import DEFAULT_LADDER, Stage
from journal.domain.sessions import Session
from journal.errors import BadRows
from journal.io.csv_export import KINDS
from journal.io.csv_import import read_path
from journal.store import open_journal
from journal.store.entries import save_entry
from journal.store.overuse import save_answers, week_answers
from journal.store.plans import list_plans, make_decisions, plan_decisions, start_plan, stop_plan
from journal.store.sessions import add_session, session_kinds, set_session_kind
from journal.store.transfer import import_bundle
from tests.content import as_before, journal_content

DAY = dt.timedelta(days=1)
FAR = (dt.date(1900, 1, 1), dt.date(2100, 1, 1))
PLAN_UID = "0b7c9f14-3d2a-4f5e-8a61-5c2d1e0f9a37"
SESSION_UID = "4a3c1bb0-8e44-4c1e-9a35-2f7a5c0e1d2b"


def write(tmp_path, kind, text):
    """A file of `kind` as the export names it, holding `text` after its header."""
    name, export = KINDS[kind]
    path = tmp_path / name
    with open_journal(tmp_path / "header.db") as empty:
        header = _header(empty, export)
    path.write_bytes((header + text).encode())
    return path


def _header(journal, export):
    import io

    out = io.StringIO()
    export(journal, *FAR, out)
    return out.getvalue().split("\r\n", 1)[0] + "\r\n"


def exported(journal, kind, tmp_path):
    name, export = KINDS[kind]
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as out:
        export(journal, *FAR, out)
    return path


def plan_with_decisions(journal, today):
    """A plan for the left knee started 10 days ago, two of its sessions judged, each on its next morning, in
    the week before today's: history, which no later change makes again."""
    start_plan(journal, "knee", "left", today=today - 10 * DAY)
    for day in (today - 9 * DAY, today - 7 * DAY):
        add_session(journal, Session(day, "run", 20, pain=(("knee", "left", 2),), for_plan=True), today=day)
        save_entry(journal, DayEntry(day, pain={("knee", "left"): 2}))
        save_entry(journal, DayEntry(day + DAY, pain={("knee", "left"): 1}))
        make_decisions(journal, today=day + DAY)
    [plan] = list_plans(journal)
    return plan


# -- out and back in ----------------------------------------------------------------------


def test_plans_and_their_decisions_come_back_and_a_second_import_changes_nothing(tmp_path, today):
    with open_journal(tmp_path / "a.db") as journal:
        plan = plan_with_decisions(journal, today)
        decisions = plan_decisions(journal, plan.number)
        assert [decision.outcome for decision in decisions] == ["next", "next"]
        folder = tmp_path / "out"
        folder.mkdir()
        for kind in ("sites", "sessions", "plans", "decisions"):
            exported(journal, kind, folder)
    with open_journal(tmp_path / "b.db") as copy:
        report = import_bundle(copy, read_path(folder, today=today))
        assert "plans: 1 return-to-run plan (added 1)" in report.lines()
        assert "decisions: 2 plan decisions (added 2)" in report.lines()
        assert list_plans(copy) == [plan]
        assert plan_decisions(copy, plan.number) == decisions
        before = journal_content(tmp_path / "b.db")
        again = import_bundle(copy, read_path(folder, today=today)).lines()
        assert "plans: 1 return-to-run plan (already there 1)" in again
        assert "decisions: 2 plan decisions (already there 2)" in again
        assert journal_content(tmp_path / "b.db") == before
        # The journal decides nothing again: the imported decisions are its history.
        assert make_decisions(copy, today=today) == []


def test_a_decision_whose_session_was_removed_still_comes_back(tmp_path, today):
    from journal.store.sessions import remove_session, sessions_between

    with open_journal(tmp_path / "a.db") as journal:
        plan = plan_with_decisions(journal, today)
        first = sessions_between(journal, today - 9 * DAY, today - 9 * DAY)[0]
        remove_session(journal, first.number)
        make_decisions(journal, today=today)
        decisions = plan_decisions(journal, plan.number)
        assert decisions[0].session_id == first.number, "an older decision stands"
        folder = tmp_path / "out"
        folder.mkdir()
        for kind in ("sessions", "plans", "decisions"):
            exported(journal, kind, folder)
    assert f",{first.number},," in (folder / "plan-decisions.csv").read_text(), "no uid: the session is gone"
    with open_journal(tmp_path / "b.db") as copy:
        import_bundle(copy, read_path(folder, today=today))
        assert plan_decisions(copy, plan.number) == decisions


def test_a_changed_plan_is_a_conflict_and_replace_takes_its_ladder(journal, db_path, tmp_path, today):
    plan = start_plan(journal, "knee", today=today - 5 * DAY)
    path = exported(journal, "plans", tmp_path)
    text = path.read_text(encoding="utf-8")
    changed = text.replace(",knee,,1,", ",knee,,2,").replace("30 min continuous=30", "35 min continuous=35")
    path.write_text(changed, encoding="utf-8", newline="")
    before = journal_content(db_path)
    with pytest.raises(BadRows, match=r"^plans.csv line 2: the plan for the knee started 2026-11-21 is already in"):
        import_bundle(journal, read_path(path, today=today))
    assert import_bundle(journal, read_path(path, today=today), on_conflict="skip").lines() == [
        "plans: 1 return-to-run plan (skipped 1)"
    ]
    assert journal_content(db_path) == before
    import_bundle(journal, read_path(path, today=today), on_conflict="replace")
    [replaced] = list_plans(journal)
    assert (replaced.number, replaced.stage) == (plan.number, 2)
    assert replaced.stages == (*DEFAULT_LADDER[:-1], Stage("35 min continuous", 35))


def test_a_plan_that_would_run_beside_a_running_one_is_refused(journal, db_path, tmp_path, today):
    start_plan(journal, "knee", "left", today=today - 5 * DAY)
    path = write(
        tmp_path,
        "plans",
        f"7,{PLAN_UID},knee,,1,{today - 2 * DAY},,,10 min=10\r\n"  # the whole knee: clashes with the left
        f"8,,knee,right,1,{today - 9 * DAY},{today - 6 * DAY},,10 min=10\r\n",  # stopped: no clash
    )
    before = journal_content(db_path)
    with pytest.raises(BadRows) as refused:
        import_bundle(journal, read_path(path, today=today))
    assert refused.value.problems == [
        "plans.csv line 2: a plan is already running for the left knee in the journal: stop it first"
        " (journal plan stop), or import this one stopped"
    ]
    assert journal_content(db_path) == before
    stop_plan(journal, list_plans(journal)[0].number, today=today)
    assert import_bundle(journal, read_path(path, today=today)).lines() == ["plans: 2 return-to-run plans (added 2)"]
    numbers = {plan.number: (plan.side, plan.running) for plan in list_plans(journal)}
    assert numbers == {1: ("left", False), 7: ("", True), 8: ("right", False)}, "new numbers kept"


def test_a_decision_needs_its_plan_and_its_session(journal, db_path, tmp_path, today):
    row = (
        f"{PLAN_UID},knee,3,{SESSION_UID},{today - 2 * DAY},next,1,2,10,0,1,1,1,1.0,1.0,All limits kept,"
        f"{today - DAY}\r\n"
    )
    path = write(tmp_path, "decisions", row)
    before = journal_content(db_path)
    with pytest.raises(BadRows) as refused:
        import_bundle(journal, read_path(path, today=today))
    assert refused.value.problems == [
        f"plan-decisions.csv line 2: the plan {PLAN_UID} is not in the journal (import plans.csv with it)"
    ]
    write(tmp_path, "plans", f"1,{PLAN_UID},knee,,1,{today - 5 * DAY},,,10 min=10\r\n")
    with pytest.raises(BadRows) as refused:
        import_bundle(journal, read_path(tmp_path, today=today))
    assert refused.value.problems == [
        f"plan-decisions.csv line 2: the session {SESSION_UID} is not in the journal (import sessions.csv with it)"
    ]
    assert journal_content(db_path) == before


def test_session_kinds_a_fresh_journal_takes_and_a_used_one_weighs(tmp_path, today):
    with open_journal(tmp_path / "a.db") as journal:
        set_session_kind(journal, "run", "strides")
        set_session_kind(journal, "strength", None)
        path = exported(journal, "session-kinds", tmp_path)
        mapping = session_kinds(journal)
    with open_journal(tmp_path / "fresh.db") as fresh:
        import_bundle(fresh, read_path(path, today=today))
        assert session_kinds(fresh) == mapping
    with open_journal(tmp_path / "used.db") as used:
        add_session(used, Session(today, "walk", 30), today=today)
        with pytest.raises(BadRows, match=r"session-kinds.csv line 2: what a run session ticks is already in"):
            import_bundle(used, read_path(path, today=today))
        import_bundle(used, read_path(path, today=today), on_conflict="replace")
        assert session_kinds(used) == mapping


def test_overuse_answers_come_back_and_a_changed_week_is_a_conflict(journal, db_path, tmp_path, today):
    save_answers(journal, today, "knee", "left", Answers(1, 2, 1, 2), today=today)
    path = exported(journal, "overuse", tmp_path)
    assert path.read_text().splitlines()[1] == "2026-11-23,knee,left,1,2,1,2,44,1"
    with open_journal(tmp_path / "copy.db") as copy:
        assert import_bundle(copy, read_path(path, today=today)).lines() == ["overuse: 1 overuse answer set (added 1)"]
        assert week_answers(copy, today - 3 * DAY) == week_answers(journal, today - 3 * DAY)
    save_answers(journal, today, "knee", "left", Answers(0, 0, 0, 1), today=today)
    with pytest.raises(
        BadRows, match="the set of overuse answers of the week of 2026-11-23 for the left knee is already"
    ):
        import_bundle(journal, read_path(path, today=today))
    import_bundle(journal, read_path(path, today=today), on_conflict="replace")
    assert week_answers(journal, today - 3 * DAY)[0].answers == Answers(1, 2, 1, 2)


# -- rows an import refuses ---------------------------------------------------------------------

PLAN = f"1,{PLAN_UID},knee,left,2,2026-11-10,,,10 min=10\n20 min continuous=20"
DECISION = f"{PLAN_UID},left knee,3,{SESSION_UID},2026-11-20,next,1,2,10,0,2,1,1,1.5,1.25,All limits kept,2026-11-21"


@pytest.mark.parametrize(
    ("kind", "row", "problem"),
    [
        ("plans", PLAN.replace(",2,2026", ",3,2026"), r"a stage is a whole number from 1 to 2 \(the ladder's stages\)"),
        ("plans", PLAN.replace("10 min=10\n", "10 min=0\n"), "a stage's running minutes are a whole number 1-300"),
        ("plans", PLAN.replace("10 min=10\n20 min continuous=20", ""), "a ladder has 1-30 stages, got 0"),
        ("plans", PLAN.replace(",,,", ",2026-11-01,,"), "stopped 2026-11-01 is before the plan started"),
        ("plans", PLAN.replace(",,,", ",2026-11-12,2026-11-13,"), "a plan is stopped or completed, not both"),
        ("plans", PLAN.replace("2026-11-10", "2026-12-10"), "started 2026-12-10 has not happened yet"),
        ("plans", PLAN.replace(",left,", ",up,"), "side must be left, right or empty, got 'up'"),
        ("plans", PLAN.replace(PLAN_UID, "plan-one"), "uid must be a UUID as the journal writes it"),
        ("decisions", DECISION.replace(",next,", ",onward,"), "outcome is one of next, repeat, back"),
        ("decisions", DECISION.replace(",1,2,10,", ",1,11,10,"), "to_stage must be a whole number from 1"),
        ("decisions", DECISION.replace(",0,2,1,1,", ",0,11,1,1,"), "pain_during must be a whole number from 0"),
        ("decisions", DECISION.replace(",1.5,", ",lots,"), "week_mean is a number from 0 to 10 or empty"),
        ("decisions", DECISION.replace("2026-11-21", "2026-11-20"), "decided_on 2026-11-20 is not after the session"),
        ("decisions", DECISION.replace(PLAN_UID, ""), r"plan_uid names the decision's plan"),
        ("decisions", DECISION.replace(",10,0,", ",10,yes,"), r"completes is 1 \(the plan's top stage was passed\)"),
        (
            "plans",
            PLAN.replace(",2,2026", ",1,2026").replace(",,,", ",,2026-11-20,"),
            "a completed plan is at its top stage, 2, got stage 1",
        ),
        ("plans", PLAN.replace(",,,", ",2026-11-30,,"), "stopped 2026-11-30 has not happened yet"),
        ("plans", PLAN.replace("10 min=10", "10 min\x0b=10"), "a stage's description holds a control character"),
        (
            "decisions",
            DECISION.replace(",1,2,10,", ",1,3,10,"),
            "a next from stage 1 of 10 goes to stage 2, got to_stage 3",
        ),
        ("decisions", DECISION.replace(",next,1,2,", ",back,1,2,"), "a back from stage 1 of 10 goes to stage 1"),
        (
            "decisions",
            DECISION.replace(",next,1,2,10,0,", ",next,10,10,10,0,"),
            "completes is 1 for a next from the top",
        ),
        ("decisions", DECISION.replace(",1,2,10,", ",1,2,31,"), "top must be a whole number from 1 to 30"),
        ("decisions", DECISION.replace("All limits kept", " "), "a decision says its reason"),
        ("overuse", "2026-11-23,knee,left,4,0,0,0,25,1", r"participation is an answer number 0-3"),
        ("overuse", "2026-11-23,knee,left,0,5,0,0,0,0", r"volume is an answer number 0-4"),
        ("overuse", "2026-11-30,knee,left,0,0,0,0,0,0", "week 2026-11-30 has not happened yet"),
        ("session-kinds", "run,running", r"ticks is a checklist item kind \(strength, plyometrics"),
        ("session-kinds", "jog,strides", "a session's kind is one of run, intervals"),
    ],
)
def test_a_row_the_command_line_would_refuse_is_refused_with_its_line(tmp_path, kind, row, problem, today):
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(row.split(",", row.count(",") if kind != "plans" else 8))
    path = write(tmp_path, kind, out.getvalue())
    with pytest.raises(BadRows, match=f"^{KINDS[kind][0]} line 2: {problem}"):
        read_path(path, today=today)


def test_the_same_key_twice_in_a_file_is_refused(tmp_path, today):
    path = write(tmp_path, "overuse", "2026-11-23,knee,left,1,0,0,1,8,0\r\n" * 2)
    with pytest.raises(BadRows, match=r"overuse.csv line 3: the answers of the week of 2026-11-23 for knee appear"):
        read_path(path, today=today)
    path = write(tmp_path, "session-kinds", "run,strides\r\nrun,\r\n")
    with pytest.raises(BadRows, match=r"session-kinds\.csv line 3: the session kind run appears twice"):
        read_path(path, today=today)


# -- an older journal -------------------------------------------------------------------------


def test_an_old_journals_plans_gain_uids_and_nothing_else_changes(db_path, today):
    with open_journal(db_path) as journal:
        plan_with_decisions(journal, today)
        start_plan(journal, "shin", today=today)
    with sqlite3.connect(db_path) as conn:
        as_before(conn, "m009_plan_uids")
    conn.close()
    before = journal_content(db_path)
    assert "uid" not in [row[1] for row in sqlite3.connect(db_path).execute("PRAGMA table_info(plans)")]
    with open_journal(db_path):
        pass
    after = journal_content(db_path)
    uids = [row[-1] for row in after["plans"]]
    assert len(set(uids)) == 2 and all(len(uid) == 36 for uid in uids), "each plan its own uid"
    assert [row[:-1] for row in after["plans"]] == before["plans"]
    done = len(before["_sqlite_migrations"])
    assert after["_sqlite_migrations"][done][2] == "m009_plan_uids"
    for table in ("entries", "sessions"):  # later upgrades add empty columns
        assert [row[: len(before[table][0])] for row in after[table]] == before[table]
    unchanged = set(before) - {"plans", "_sqlite_migrations", "entries", "sessions", "scales"}
    assert {table: after[table] for table in unchanged} == {table: before[table] for table in unchanged}


def test_a_decision_the_journal_would_not_have_made_is_refused_with_its_line(journal, db_path, tmp_path, today):
    """Against the journal: the session judged is a plan session of that day, within the plan's days; a decision
    without a session uid names a session removed since, never one the journal has."""
    from journal.store.sessions import get_session

    plan = plan_with_decisions(journal, today)
    decision = plan_decisions(journal, plan.number)[0]
    session = get_session(journal, decision.session_id)
    strength = add_session(journal, Session(today - 9 * DAY, "strength", 30), today=today)
    uids = dict(journal.conn.execute("SELECT id, uid FROM sessions").fetchall())
    plan_uid = journal.conn.execute("SELECT uid FROM plans").fetchone()[0]
    day = session.day.isoformat()
    good = f"{plan_uid},left knee,{session.number},{uids[session.number]},{day},next,1,2,10,0,2,2,1,,,Kept,{today}"
    rows = [
        good.replace(uids[session.number], uids[strength.number]),  # not a plan session
        good.replace(f",{uids[session.number]},", ",,"),  # no uid, and the journal has the session
        good.replace(day, "2026-11-01"),  # before the plan started
    ]
    path = write(tmp_path, "decisions", "".join(f"{row}\r\n" for row in rows))
    before = journal_content(db_path)
    with pytest.raises(BadRows) as refused:
        import_bundle(journal, read_path(path, today=today))
    assert refused.value.problems == [
        f"plan-decisions.csv line 2: the session {uids[strength.number]} is not a plan session of {day} in the journal",
        f"plan-decisions.csv line 3: session {session.number} is in the journal: a decision names the session it"
        " judged by its session_uid (empty only for a session removed since)",
        "plan-decisions.csv line 4: the session of 2026-11-01 is outside the plan's days (from 2026-11-16)",
    ]
    assert journal_content(db_path) == before


def test_a_new_session_never_takes_the_number_of_a_removed_one_a_decision_names(tmp_path, today):
    from journal.store.sessions import remove_session

    with open_journal(tmp_path / "a.db") as journal:
        plan = plan_with_decisions(journal, today)
        judged = [decision.session_id for decision in plan_decisions(journal, plan.number)]
        for number in judged:
            remove_session(journal, number)  # decisions of a week gone by: they stand
        make_decisions(journal, today=today)
        assert [decision.session_id for decision in plan_decisions(journal, plan.number)] == judged
        first = max(judged)
        folder = tmp_path / "out"
        folder.mkdir()
        for kind in ("sessions", "plans", "decisions"):
            exported(journal, kind, folder)
    with open_journal(tmp_path / "b.db") as copy:
        import_bundle(copy, read_path(folder, today=today))
        added = add_session(copy, Session(today, "walk", 30), today=today)
        assert added.number > first, "a number a decision names is never given again"


def test_a_plan_with_decisions_keeps_its_site_and_first_day(journal, db_path, tmp_path, today):
    plan_with_decisions(journal, today)
    path = exported(journal, "plans", tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",knee,left,", ",ankle,left,"), encoding="utf-8", newline="")
    before = journal_content(db_path)
    with pytest.raises(BadRows, match=r"plans.csv line 2: the plan for the left knee has 2 decisions: its site, side"):
        import_bundle(journal, read_path(path, today=today), on_conflict="replace")
    assert journal_content(db_path) == before


def test_two_running_plans_for_one_site_in_a_file_are_refused(journal, tmp_path, today):
    path = write(
        tmp_path,
        "plans",
        f"1,,ankle,left,1,{today - 5 * DAY},,,10 min=10\r\n2,,ankle,,1,{today - 2 * DAY},,,10 min=10\r\n",
    )
    with pytest.raises(BadRows) as refused:
        import_bundle(journal, read_path(path, today=today))
    assert refused.value.problems == [
        "plans.csv line 3: two plans would run for the left ankle (the other at plans.csv line 2):"
        " import one of them stopped"
    ]


def test_overuse_answers_saved_before_the_week_start_changed_come_back(tmp_path, today):
    """Answers keep the week's first day they were saved under; the journal reads them in the week holding
    that day, and its own export imports whatever its `week_start` is now."""
    from journal.store.settings import set_setting

    with open_journal(tmp_path / "journal.db") as journal:
        save_answers(journal, today - 7 * DAY, "knee", "left", Answers(3, 4, 4, 3), today=today)  # week of Mon 16
        set_setting(journal, "week_start", "sunday")
        save_answers(journal, today, "knee", "left", Answers(1, 1, 1, 1), today=today)  # week of Sun 22
        folder = tmp_path / "export"
        folder.mkdir()
        for kind in ("settings", "overuse"):
            exported(journal, kind, folder)
        with open_journal(tmp_path / "copy.db") as copy:
            report = import_bundle(copy, read_path(folder, today=today))
            assert "overuse: 2 overuse answer sets (added 2)" in report.lines()
            for week in (today - 7 * DAY, today):
                assert week_answers(copy, week) == week_answers(journal, week)
            assert import_bundle(copy, read_path(folder, today=today)).lines()[-1] == (
                "overuse: 2 overuse answer sets (already there 2)"
            )


def test_two_sets_of_answers_for_one_week_and_site_are_refused(journal, db_path, tmp_path, today):
    save_answers(journal, today, "knee", "left", Answers(1, 1, 1, 1), today=today)  # the week of Mon 23
    path = write(
        tmp_path,
        "overuse",
        "2026-11-16,knee,right,1,1,1,1,,\r\n2026-11-18,knee,right,2,2,2,2,,\r\n2026-11-25,knee,left,0,0,0,0,,\r\n",
    )
    before = journal_content(db_path)
    with pytest.raises(BadRows) as refused:
        import_bundle(journal, read_path(path, today=today))
    assert refused.value.problems == [
        "overuse.csv line 3: overuse.csv line 2 already answers the week of 2026-11-16 for the right knee"
        " (weeks begin on monday)",
        "overuse.csv line 4: the set of overuse answers of the week of 2026-11-23 for the left knee is already in"
        " the journal with other values (--on-conflict skip keeps the journal's, replace takes the file's)",
    ]
    assert journal_content(db_path) == before


@pytest.mark.parametrize(
    ("change", "then"),
    [((",1,", ",0,"), "no longer the plan's"), (("2026-11-17,2026-W47,run", "2026-11-22,2026-W47,run"), "moved")],
)
def test_an_import_never_moves_a_session_a_decision_judged(journal, db_path, tmp_path, today, change, then):
    """What `journal session edit` refuses of a session judged in a week gone by, a replacing import refuses too:
    the decision would name a day its session is not on, and the journal's own export would not import."""
    plan_with_decisions(journal, today)
    path = exported(journal, "sessions", tmp_path)
    lines = path.read_bytes().decode().split("\r\n")
    assert lines[1].startswith("1,2026-11-17,2026-W47,run,") and change[0] in lines[1]
    lines[1] = lines[1].replace(*change)
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")
    before = journal_content(db_path)
    with pytest.raises(BadRows) as refused:
        import_bundle(journal, read_path(path, today=today), on_conflict="replace")
    assert refused.value.problems == [
        "sessions.csv line 2: session 1 was judged by its return-to-run plan on 2026-11-18: it stays the plan's"
        " session of 2026-11-17 (change it in the journal, which judges it again while it may)"
    ], then
    assert journal_content(db_path) == before


def test_a_plan_session_the_command_line_would_refuse_is_refused_in_an_import(journal, db_path, tmp_path, today):
    plan_with_decisions(journal, today)  # plan sessions on 17 and 19 Nov, the plan running since 16 Nov
    path = write(
        tmp_path,
        "sessions",
        "".join(
            f"{number},{day},,{kind},30,,,,,,1,,,\r\n"
            for number, day, kind in [
                (10, "2026-11-21", "run"),  # taken: the plan runs on alternate days, and none is beside it
                (11, "2026-11-23", "strength"),
                (12, "2026-11-10", "run"),
                (13, "2026-11-18", "run"),
            ]
        ),
    )
    before = journal_content(db_path)
    with pytest.raises(BadRows) as refused:
        import_bundle(journal, read_path(path, today=today))
    assert refused.value.problems == [
        "sessions.csv line 3: for_plan is 1, but a return-to-run plan's session is a run",
        "sessions.csv line 4: for_plan is 1, but no return-to-run plan ran on 2026-11-10",
        "sessions.csv line 5: for_plan is 1, but the plan runs on alternate days and 2026-11-17 has its session",
    ]
    assert journal_content(db_path) == before


def test_an_ended_plan_whose_days_overlap_another_for_its_site_is_refused(journal, db_path, tmp_path, today):
    plan_with_decisions(journal, today)  # the left knee, running since 16 Nov
    path = write(
        tmp_path,
        "plans",
        "7,,knee,left,1,2026-11-01,2026-11-20,,10 min=10\r\n"  # overlaps the running one
        "8,,knee,right,1,2026-11-16,2026-11-20,,10 min=10\r\n"  # the other side, from the whole knee's last day
        "9,,knee,,1,2026-11-02,2026-11-16,,10 min=10\r\n",  # the whole knee, stopped the day the left one started
    )
    before = journal_content(db_path)
    with pytest.raises(BadRows) as refused:
        import_bundle(journal, read_path(path, today=today))
    assert refused.value.problems == [
        "plans.csv line 2: the plan for the left knee from 2026-11-01 to 2026-11-20 would overlap the one from"
        " 2026-11-16: one plan runs at a time for a site and side",
    ]
    assert journal_content(db_path) == before
