"""Return-to-run plans as text: `journal plan`, a ladder, and the line a decision is said in."""

from __future__ import annotations

from collections.abc import Sequence

from journal.dates import short_day
from journal.domain.plan import BACK, NEXT, Decision, Plan, PlanView, Stage

OUTCOME_WORDS = {NEXT: "next stage", BACK: "one stage back"}


def decision_line(plan: Plan, decision: Decision) -> str:
    """'knee plan: next stage, 4 of 10 — All limits kept at the knee (...): on to stage 4 of 10'."""
    if decision.completes:
        outcome = "complete"
    elif decision.outcome == BACK and decision.to_stage == decision.from_stage:
        outcome = f"stays at stage {decision.to_stage} of {decision.top}"
    elif decision.outcome in OUTCOME_WORDS:
        outcome = f"{OUTCOME_WORDS[decision.outcome]}, {decision.to_stage} of {decision.top}"
    else:
        outcome = f"repeat stage {decision.to_stage} of {decision.top}"
    return f"{plan.where} plan: {outcome} — {decision.reason}"


def decision_dates(decision: Decision) -> str:
    """'Tue 24 Nov session → decided Wed 25 Nov': the session's day, and the day the journal decided (the week the
    review and the app show the decision in)."""
    session = f"{short_day(decision.day)} session" if decision.day else "a session"
    return f"{session} → decided {short_day(decision.decided_on)}" if decision.decided_on else session


def undone_line(plan: Plan, decision: Decision) -> str:
    """A decision taken back because what it was judged on changed (the store makes it again, or waits)."""
    day = f" on {short_day(decision.day)}" if decision.day else ""
    return (
        f"{plan.where} plan: the decision on the session{day} no longer holds (what it was judged on changed):"
        f" back at stage {decision.from_stage} of {decision.top}"
    )


def ladder_lines(stages: Sequence[Stage], at: int | None = None) -> list[str]:
    """A line a stage, numbered, the stage a plan is at marked with '▸'."""
    width = len(str(len(stages)))
    return [
        f"{'▸' if number == at else ' '} {number:>{width}}  {stage.description} ({stage.run_minutes} min running)"
        for number, stage in enumerate(stages, 1)
    ]


def plan_text(view: PlanView) -> str:
    """Where a plan stands: its stage, today's session, every decision with its reason, and the one waiting."""
    plan = view.plan
    lines = [f"{plan.where} plan: {plan.label} (plan started {short_day(plan.started)})", f"  today: {view.today.text}"]
    for decision in view.decisions:
        lines.append(f"  {decision_dates(decision)}: {decision_line(plan, decision).partition(': ')[2]}")
    if view.waiting is not None:
        day = f"{short_day(view.waiting.day)} session: " if view.waiting.day else ""
        lines.append(f"  {day}{view.waiting.reason}")
    return "\n".join(lines)
