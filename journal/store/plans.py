"""Return-to-run plans: starting, stopping, editing the ladder, and the decisions each plan session makes.

The rules live in `journal.domain.plan`; this module keeps plans and their
decisions in the journal file. Each write is one transaction; bad input is
InvalidInput with a one-line message.

For the command line and the app:

- `start_plan(journal, "knee", side="", today=..., stage=1, stages=None)` begins a
  plan with the default ladder (or `stages`); one plan runs at a time for a site
  and side, and a plan for the whole site clashes with one for either side of it.
- `stop_plan`, `edit_ladder`, `running_plan_for` (the plan `--site knee` means).
- `make_decisions(journal, today=...)`: judge every plan session that can be judged
  (`journal.domain.plan.judge`: its pain, and its minutes against the running its
  stage asks, a shorter session being repeated at best). Call it after any write of
  a session or a day (the CLI after `journal session ...` and `journal add`, the app
  after a save, inside the same undo record: `PLAN_SCOPES`), and before showing a
  plan. It is cheap when there is nothing to decide; whether there may be is what
  `journal.store.plan_due.decisions_may_be_due` says, in one query and without the
  rules (`journal add` asks it first).
- `plan_view(journal, plan, today=...)`: all `journal plan` and the Today pane
  show; `decisions_between` for the weekly review.

Decisions are stored, not computed on each read, so that a past week never
changes: each is dated the day the journal made it (`decided_on`, normally the
morning after the session, when that morning's pain is logged), and the weekly
review shows it in that week. A plan session (a session with `for_plan`, on or
after the plan's first day; the first logged on a day when there are several) is
decided exactly once, in day order, once the next morning is logged. A decision
made this week (the runner's week, `week_start`) is made again when what it was
judged on changes (the session's pain is edited, the session removed or no longer
for the plan, the mornings it read corrected, or its minutes or its stage's running
minutes changed so that it would be judged otherwise): it is taken back with every
later decision of the plan, which were built on it, the plan's stage goes back to
where it found it, and the sessions are judged again (or wait). A plan that decision
completed runs again, unless a newer plan for its site runs since. A decision made
in a week gone by is history and stays as it was, and so are those of a plan that
was stopped.
A plan session logged late, for a day before the latest decision, is not judged.
A running plan counts every plan session for its own site, so two plans (left
and right knee) are both judged by one session.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace

from journal.dates import short_day, week_start
from journal.domain.entries import parse_pain_key
from journal.domain.plan import (
    DAY,
    DEFAULT_LADDER,
    Decision,
    Plan,
    PlanPain,
    PlanView,
    Stage,
    Waiting,
    check_ladder,
    judge,
    mornings_needed,
    parse_stage_number,
    plan_pain,
    todays_session,
    where,
)
from journal.domain.sessions import Session
from journal.errors import InvalidInput
from journal.store.db import Journal, Row, inserted_id
from journal.store.entries import read_days
from journal.store.sessions import read_sessions
from journal.store.settings import first_weekday
from journal.store.sites import read_sites
from journal.store.undo import Scope

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing: `journal add` reads this module
if TYPE_CHECKING:
    from typing import TypeVar

    T = TypeVar("T")

# Every plan's rows: the scopes of a change that may start a plan or decide for any of them.
PLAN_SCOPES = (Scope("plans"), Scope("plan_stages"), Scope("plan_decisions"))


def plan_scopes(plan_id: int) -> tuple[Scope, ...]:
    """One plan's rows: its row, its ladder and its decisions (stopping it, editing its ladder)."""
    return (
        Scope("plans", "id = ?", (plan_id,)),
        Scope("plan_stages", "plan_id = ?", (plan_id,)),
        Scope("plan_decisions", "plan_id = ?", (plan_id,)),
    )


_RUNNING = "stopped_on IS NULL AND completed_on IS NULL"
_PLAN_COLUMNS = "plans.id, sites.name, side, stage, started_on, stopped_on, completed_on"
_DECISION_COLUMNS = (
    "session_id, day, outcome, from_stage, to_stage, top, completes, pain_during, pain_before, pain_after,"
    " week_mean, week_before_mean, reason, decided_on"
)


# -- reading --------------------------------------------------------------------------


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _read_plans(conn: sqlite3.Connection, where_sql: str = "1", params: tuple[object, ...] = ()) -> list[Plan]:
    rows = conn.execute(
        f"SELECT {_PLAN_COLUMNS} FROM plans JOIN sites ON sites.id = site_id WHERE {where_sql}"
        " ORDER BY started_on, plans.id",
        params,
    ).fetchall()
    return [_plan(conn, row) for row in rows]


def read_plans(conn: sqlite3.Connection, where_sql: str = "1", params: tuple[object, ...] = ()) -> list[Plan]:
    """The plans a condition on `plans` and `sites` picks, oldest first, on a connection (an import's)."""
    return _read_plans(conn, where_sql, params)


def _plan(conn: sqlite3.Connection, row: Row) -> Plan:
    plan_id, site, side, stage, started, stopped, completed = row
    stages = tuple(
        Stage(description, minutes)
        for description, minutes in conn.execute(
            "SELECT description, run_minutes FROM plan_stages WHERE plan_id = ? ORDER BY stage", [plan_id]
        )
    )
    return Plan(site, side, stages, stage, dt.date.fromisoformat(started), _date(stopped), _date(completed), plan_id)


def _read_plan(conn: sqlite3.Connection, plan_id: int) -> Plan:
    found = _read_plans(conn, "plans.id = ?", (plan_id,))
    if not found:
        raise InvalidInput(f"there is no plan {plan_id}")
    return found[0]


def get_plan(journal: Journal, plan_id: int) -> Plan:
    return _read_plan(journal.conn, plan_id)


def list_plans(journal: Journal) -> list[Plan]:
    """Every plan, running or ended, oldest first."""
    return _read_plans(journal.conn)


def running_plans(journal: Journal) -> list[Plan]:
    """The plans still running (not stopped, not complete), oldest first."""
    return _read_plans(journal.conn, _RUNNING)


def running_plan_for(journal: Journal, site: str, side: str = "") -> Plan:
    """The running plan `--site knee[:left]` names; a plan without a side is found by either side."""
    name, side = _site_and_side(journal.conn, site, side)
    for plan in running_plans(journal):
        if plan.site == name and (plan.side == side or not plan.side):
            return plan
    raise InvalidInput(f"no plan is running for the {where(name, side)} (journal plan start --site {name} starts one)")


def _site_and_side(conn: sqlite3.Connection, site: str, side: str) -> tuple[str, str]:
    text = f"{site}:{side}" if side.strip() else site
    return parse_pain_key(text, read_sites(conn))


# -- starting, stopping, editing ----------------------------------------------------------


def start_plan(
    journal: Journal,
    site: str,
    side: str = "",
    *,
    today: dt.date,
    stage: int | str = 1,
    stages: Sequence[Stage] | None = None,
) -> Plan:
    """Begin a plan for a painful site today, at `stage` of the default ladder (or of `stages`)."""
    import uuid

    ladder = check_ladder(DEFAULT_LADDER if stages is None else stages)
    first = parse_stage_number(stage, len(ladder))
    with journal.transaction() as conn:
        name, side = _site_and_side(conn, site, side)
        for plan in _read_plans(conn, f"{_RUNNING} AND sites.name = ?", (name,)):
            if plan.side == side or not plan.side or not side:
                raise InvalidInput(
                    f"a plan is already running for the {plan.where} ({plan.label}, since {short_day(plan.started)});"
                    f" stop it first with: journal plan stop --site {plan.site}{':' + plan.side if plan.side else ''}"
                )
        cursor = conn.execute(
            "INSERT INTO plans (site_id, side, stage, started_on, uid) SELECT id, ?, ?, ?, ? FROM sites WHERE name = ?",
            [side, first, today.isoformat(), str(uuid.uuid4()), name],
        )
        plan_id = inserted_id(cursor)
        _write_ladder(conn, plan_id, ladder)
        return _read_plan(conn, plan_id)


def stop_plan(journal: Journal, plan_id: int, *, today: dt.date) -> Plan:
    """End a running plan today; its decisions stay as they were."""
    with journal.transaction() as conn:
        plan = _read_plan(conn, plan_id)
        if not plan.running:
            raise InvalidInput(f"the plan for the {plan.where} is not running: it ended on {_ended(plan)}")
        conn.execute("UPDATE plans SET stopped_on = ? WHERE id = ?", [max(today, plan.started).isoformat(), plan_id])
        return _read_plan(conn, plan_id)


def _ended(plan: Plan) -> str:
    day = plan.stopped or plan.completed
    return "" if day is None else short_day(day)


def edit_ladder(journal: Journal, plan_id: int, stages: Sequence[Stage]) -> Plan:
    """Replace a running plan's stages; the stage it is at must still be on the new ladder.

    Stages are numbered, and a decision names stages by number: the stages the
    plan has climbed keep their numbers, so a shorter ladder may drop only stages
    above the one it is at.
    """
    ladder = check_ladder(stages)
    with journal.transaction() as conn:
        plan = _read_plan(conn, plan_id)
        if not plan.running:
            raise InvalidInput(f"the plan for the {plan.where} has ended ({_ended(plan)}): its ladder stays as it was")
        if len(ladder) < plan.stage:
            raise InvalidInput(
                f"the plan is at {plan.label}: a ladder of {len(ladder)} stages would drop it;"
                f" keep at least {plan.stage} stages"
            )
        conn.execute("DELETE FROM plan_stages WHERE plan_id = ?", [plan_id])
        _write_ladder(conn, plan_id, ladder)
        return _read_plan(conn, plan_id)


def _write_ladder(conn: sqlite3.Connection, plan_id: int, ladder: Sequence[Stage]) -> None:
    conn.executemany(
        "INSERT INTO plan_stages (plan_id, stage, description, run_minutes) VALUES (?, ?, ?, ?)",
        [(plan_id, number, stage.description, stage.run_minutes) for number, stage in enumerate(ladder, 1)],
    )


# -- decisions ------------------------------------------------------------------------------


def make_decisions(
    journal: Journal, *, today: dt.date, taken_back: list[tuple[Plan, Decision]] | None = None
) -> list[Decision]:
    """Judge every plan session that can be judged now, and make the latest again if what it was judged on changed.

    Returns the decisions made (or made again) by this call, in day order; a decision that no
    longer holds is added to `taken_back`, with its plan, before it is made again (or waits). A
    read-only journal cannot keep a decision: there it does nothing, and the plan shows what is stored.
    """
    if journal.read_only:
        return []
    this_week = week_start(today, first_weekday(journal))
    with journal.transaction() as conn:
        made: list[Decision] = []
        # The running plans, and one completed this week: the decision that completed it may no longer hold.
        for plan in _read_plans(conn, f"({_RUNNING}) OR completed_on >= ?", (this_week.isoformat(),)):
            made.extend(_settle(conn, plan, today, this_week, [] if taken_back is None else taken_back))
        return made


def deciding(
    journal: Journal,
    write: Callable[[], T],
    *,
    today: dt.date,
    made: list[Decision],
    taken_back: list[tuple[Plan, Decision]] | None = None,
) -> T:
    """Run `write` (a session or a day saved), then `make_decisions`, in one transaction; the decisions it
    made are added to `made`, those it took back to `taken_back`. The app records both in one undo step
    (with PLAN_SCOPES)."""
    with journal.transaction():
        result = write()
        made.extend(make_decisions(journal, today=today, taken_back=taken_back))
    return result


def _settle(
    conn: sqlite3.Connection, plan: Plan, today: dt.date, this_week: dt.date, taken_back: list[tuple[Plan, Decision]]
) -> list[Decision]:
    plan_id = plan.number
    sessions = _plan_sessions(conn, plan)
    decided = _read_decisions(conn, plan_id)
    # The first decision of this week that no longer holds is made again, and every later one with it: they
    # were built on it. A plan it completed runs again, unless a newer plan for the site runs since.
    broken = next(
        (
            index
            for index, decision in enumerate(decided)
            if _open(decision, this_week) and not _still_holds(conn, plan, decision, sessions)
        ),
        None,
    )
    if broken is not None and (plan.running or not _newer_plan_runs(conn, plan)):
        for decision in decided[broken:]:
            taken_back.append((plan, decision))
            conn.execute(
                "DELETE FROM plan_decisions WHERE plan_id = ? AND session_id = ?", [plan_id, decision.session_id]
            )
        stage = min(decided[broken].from_stage, plan.top)  # a ladder edited since may have lost the stage
        conn.execute("UPDATE plans SET stage = ?, completed_on = NULL WHERE id = ?", [stage, plan_id])
        plan = replace(plan, stage=stage, completed=None)
        decided = decided[:broken]
    made = []
    for session in _undecided(sessions, decided):
        if not plan.running:
            break
        verdict = _verdict(conn, plan, session)
        if isinstance(verdict, Waiting):
            break
        verdict = replace(verdict, decided_on=max(today, session.day + DAY))
        _store(conn, plan_id, verdict)
        made.append(verdict)
        completed = verdict.decided_on if verdict.completes else None
        plan = replace(plan, stage=verdict.to_stage, completed=completed)
        conn.execute(
            "UPDATE plans SET stage = ?, completed_on = ? WHERE id = ?",
            [verdict.to_stage, None if completed is None else completed.isoformat(), plan_id],
        )
    return made


def _newer_plan_runs(conn: sqlite3.Connection, plan: Plan) -> bool:
    """Whether a plan for the same site (either side, or the whole site) runs beside an ended `plan`."""
    return any(
        other.side == plan.side or not other.side or not plan.side
        for other in _read_plans(conn, f"{_RUNNING} AND sites.name = ? AND plans.id != ?", (plan.site, plan.number))
    )


def _open(decision: Decision, this_week: dt.date) -> bool:
    """Whether a decision may still be made again: it was made this week."""
    return decision.decided_on is not None and decision.decided_on >= this_week


def _plan_sessions(conn: sqlite3.Connection, plan: Plan) -> list[Session]:
    """The plan's sessions, one a day (the first logged), from its first day to the day it stopped."""
    last = (plan.stopped or dt.date.max).isoformat()
    firsts: dict[dt.date, Session] = {}
    for session in read_sessions(conn, "for_plan = 1 AND date BETWEEN ? AND ?", (plan.started.isoformat(), last)):
        firsts.setdefault(session.day, session)
    return list(firsts.values())


def _undecided(sessions: list[Session], decided: Sequence[Decision]) -> list[Session]:
    """The sessions after the latest decision's day that no decision judged: a session judged in a week gone
    by and moved later since keeps its one decision (history) and is not judged again."""
    latest = decided[-1].day if decided else None
    judged = {decision.session_id for decision in decided}
    return [session for session in sessions if (latest is None or session.day > latest) and session.id not in judged]


def _pain(conn: sqlite3.Connection, plan: Plan, session: Session) -> PlanPain:
    """The numbers at the plan's site that judge `session`, read from the days around it."""
    first, last = mornings_needed(session.day)
    entries = {entry.date: entry for entry in read_days(conn, first.isoformat(), last.isoformat())}
    return plan_pain(session, entries, plan.site, plan.side)


def _verdict(conn: sqlite3.Connection, plan: Plan, session: Session) -> Decision | Waiting:
    pain = _pain(conn, plan, session)
    verdict = judge(
        plan.stage, plan.top, pain, plan.where, minutes=session.minutes, run_minutes=plan.current.run_minutes
    )
    return replace(verdict, day=session.day, session_id=session.id)


def _still_holds(conn: sqlite3.Connection, plan: Plan, decision: Decision, sessions: list[Session]) -> bool:
    """Whether the decision's session is still the plan's session of its day, judged on the same pain and
    decided the same way (its minutes may have been corrected)."""
    session = next((session for session in sessions if session.id == decision.session_id), None)
    if session is None or session.day != decision.day or _pain(conn, plan, session) != decision.pain:
        return False
    if decision.from_stage > plan.top:  # a ladder edited since lost its stage: nothing to judge its minutes by
        return True
    again = judge(
        decision.from_stage,
        decision.top,
        decision.pain,
        plan.where,
        minutes=session.minutes,
        run_minutes=plan.stages[decision.from_stage - 1].run_minutes,
    )
    return isinstance(again, Decision) and (again.outcome, again.to_stage) == (decision.outcome, decision.to_stage)


def _store(conn: sqlite3.Connection, plan_id: int, decision: Decision) -> None:
    assert decision.day is not None and decision.session_id is not None
    pain = decision.pain
    conn.execute(
        f"INSERT INTO plan_decisions (plan_id, {_DECISION_COLUMNS}) VALUES ({', '.join('?' * 15)})",
        [
            plan_id,
            decision.session_id,
            decision.day.isoformat(),
            decision.outcome,
            decision.from_stage,
            decision.to_stage,
            decision.top,
            int(decision.completes),
            pain.during,
            pain.before,
            pain.after,
            pain.week,
            pain.week_before,
            decision.reason,
            None if decision.decided_on is None else decision.decided_on.isoformat(),
        ],
    )


def _decision(row: Row) -> Decision:
    session_id, day, outcome, from_stage, to_stage, top, completes, during, before, after, week, week_before = row[:12]
    reason, decided_on = row[12:]
    return Decision(
        outcome,
        from_stage,
        to_stage,
        top,
        reason,
        PlanPain(during, before, after, week, week_before),
        bool(completes),
        dt.date.fromisoformat(day),
        session_id,
        dt.date.fromisoformat(decided_on),
    )


def _read_decisions(conn: sqlite3.Connection, plan_id: int) -> list[Decision]:
    rows = conn.execute(
        f"SELECT {_DECISION_COLUMNS} FROM plan_decisions WHERE plan_id = ? ORDER BY day, session_id", [plan_id]
    )
    return [_decision(row) for row in rows]


def plan_decisions(journal: Journal, plan_id: int) -> list[Decision]:
    """Every decision of a plan, oldest first."""
    return _read_decisions(journal.conn, plan_id)


def decisions_between(journal: Journal, start: dt.date, end: dt.date) -> list[tuple[Plan, Decision]]:
    """The decisions made from `start` to `end` (the weekly review's), with their plans, in the order made."""
    rows = journal.conn.execute(
        f"SELECT plan_id, {_DECISION_COLUMNS} FROM plan_decisions WHERE decided_on BETWEEN ? AND ?"
        " ORDER BY decided_on, day, plan_id",
        [start.isoformat(), end.isoformat()],
    ).fetchall()
    plans = {plan.id: plan for plan in list_plans(journal)}
    return [(plans[row[0]], _decision(row[1:])) for row in rows]


_UNSTORED = "the next morning is logged: the decision is made once the journal can be written (make_decisions)"


def plan_view(journal: Journal, plan: Plan, *, today: dt.date) -> PlanView:
    """Where a plan stands: `plan.label`, today's session, every decision with its reason, and the one waiting.

    Reads only: run `make_decisions` first for the decisions due to be there (a session
    that could be decided but is not yet shows as waiting, saying so).
    """
    conn = journal.conn
    sessions = _plan_sessions(conn, plan)
    decided = _read_decisions(conn, plan.number)
    waiting = None
    pending = _undecided(sessions, decided)
    if pending and plan.running:
        verdict = _verdict(conn, plan, pending[0])
        waiting = verdict if isinstance(verdict, Waiting) else Waiting(_UNSTORED, verdict.day, verdict.session_id)
    last = max((session.day for session in sessions if session.day <= today), default=None)
    return PlanView(plan, todays_session(plan, last, today), tuple(decided), waiting)


def plan_views(journal: Journal, *, today: dt.date) -> list[PlanView]:
    """Every running plan's view (the Today pane's plan sessions)."""
    return [plan_view(journal, plan, today=today) for plan in running_plans(journal)]
