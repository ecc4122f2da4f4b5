"""The demo journal's training: an offseason week of sessions that tick their items, the same for the same seed."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from journal.dates import week_start
from journal.domain.demo import demo_entries, demo_sessions
from journal.store import open_journal
from journal.store.checklist import list_items, ticks_between
from journal.store.demo import fill_demo
from journal.store.sessions import sessions_between, ticked_by

FAR = (dt.date(1900, 1, 1), dt.date(2100, 1, 1))


def test_the_demo_trains_through_an_offseason_week(journal, today):
    fill_demo(journal, today, 84, seed=1)
    sessions = sessions_between(journal, *FAR)
    kinds = Counter(session.kind for session in sessions)
    assert {"run", "intervals", "strides", "strength", "rehab"} <= set(kinds)
    runs = [session for session in sessions if session.kind == "run" and session.note != "Goal race"]
    assert all(session.km for session in runs)
    assert {session.rpe for session in runs} <= {3, 4, None} and {3, 4} <= {session.rpe for session in runs}
    assert any(session.rpe is None for session in sessions), "a session whose RPE was not asked: no load"
    hurt = [session for session in sessions if session.pain]
    assert hurt and all(session.kind in ("run", "intervals") for session in hurt)
    assert {(site, side) for session in hurt for site, side, _ in session.pain} == {("knee", "left")}
    assert all(session.pain_at("knee") <= 10 for session in hurt)
    # After the recovery, most weeks hold two strength sessions and an intervals session.
    weeks: dict[dt.date, Counter[str]] = {}
    for session in sessions:
        weeks.setdefault(week_start(session.day), Counter())[session.kind] += 1
    later = [counts for begins, counts in weeks.items() if begins > min(weeks) + dt.timedelta(days=28)]
    assert sum(counts["strength"] == 2 for counts in later) >= len(later) // 2
    assert sum(counts["intervals"] >= 1 for counts in later) >= len(later) // 2
    days = {entry.date: entry for entry in demo_entries(today, 84, seed=1)}
    assert not any(days[session.day].day_type in ("rest", "sick") for session in sessions)


def test_the_items_sessions_tick_are_ticked_by_sessions_alone(journal, today):
    fill_demo(journal, today, 84, seed=1)
    items = {item.title: item.number for item in list_items(journal)}
    made = ticked_by(journal, *FAR)
    for title in ("Strength session", "Intervals", "Strides", "Rehab or mobility"):
        ticks = {day for item_id, day in ticks_between(journal, *FAR) if item_id == items[title]}
        assert ticks, title
        assert ticks == {day for item_id, day in made if item_id == items[title]}, f"{title}: none by hand"
    for title in ("Technique drills", "Full rest day", "Family or relax time"):
        assert any(item_id == items[title] for item_id, _ in ticks_between(journal, *FAR)), title
        assert not any(item_id == items[title] for item_id, _ in made), title


def test_the_same_seed_gives_the_same_sessions_with_the_same_uids(tmp_path, today):
    held = []
    for name in ("a", "b"):
        with open_journal(tmp_path / f"{name}.db") as journal:
            _, ticks = fill_demo(journal, today, 84, seed=2)
            assert ticks == len(ticks_between(journal, *FAR)), "the ticks sessions made are counted too"
            held.append(
                (
                    sessions_between(journal, *FAR),
                    journal.conn.execute("SELECT id, uid FROM sessions ORDER BY id").fetchall(),
                    ticked_by(journal, *FAR),
                )
            )
    assert held[0] == held[1]
    entries = list(demo_entries(today, 84, seed=3))
    assert [uid for _, uid in demo_sessions(entries, seed=3)] != [uid for _, uid in demo_sessions(entries, seed=4)]


def test_the_demo_runs_a_return_to_run_plan_for_the_left_knee_decided_morning_by_morning(journal, today):
    from journal.store.demo import fill_demo
    from journal.store.plans import plan_decisions, running_plans

    fill_demo(journal, today, 8 * 7)
    (plan,) = running_plans(journal)
    assert (plan.site, plan.side) == ("knee", "left")
    decisions = plan_decisions(journal, plan.number)
    assert decisions and all(decision.decided_on == decision.day + dt.timedelta(days=1) for decision in decisions)
    assert plan.stage == decisions[-1].to_stage


def test_the_plan_s_sessions_are_runs_on_alternate_days():
    from journal.domain.demo import plan_session_days

    day = dt.date(2026, 11, 2)
    runs = [day, day, day + dt.timedelta(days=1), day + dt.timedelta(days=2), day - dt.timedelta(days=1)]
    assert plan_session_days(runs, day) == [day, day + dt.timedelta(days=2)]
