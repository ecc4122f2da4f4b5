"""The weekly review as (line, kind) pairs for the app, as plain text, and as a Markdown document."""

from __future__ import annotations

from journal.domain.checklist import format_ratio, format_target
from journal.domain.distance import in_unit, unit_label
from journal.domain.goals import Goal
from journal.domain.load import WINDOW_DAYS, PainAfterLoad
from journal.domain.overuse import describe
from journal.domain.plan import BACK, NEXT, Decision, Plan
from journal.domain.review import WeeklyReview, cramps_line
from journal.domain.signals import Flag
from journal.render.goals import progress_bar


def number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _logged_line(review: WeeklyReview) -> str:
    so_far = review.days_so_far
    if so_far == 0:
        return "This week has not started yet."
    counted = f"{review.logged} of {so_far} days logged" + (" so far" if so_far < 7 else "")
    if review.day_types:
        counted += "; " + ", ".join(f"{day:%a} {kind}" for day, kind in sorted(review.day_types.items()))
    return counted + "."


def _sleep_line(review: WeeklyReview) -> str:
    if review.debt is None:
        return "Sleep debt: counted once the week has begun."
    debt, nights = review.debt
    if not nights:
        return "Sleep debt: no nights logged in the last 14 days."
    return (
        f"Sleep debt: {debt:.1f} h over the 14 days to {min(review.end, review.today):%a %d %b}"
        f" ({nights} night{'' if nights == 1 else 's'} logged, need {review.sleep_need:g} h)."
    )


def _status_then(goal: Goal, review: WeeklyReview) -> str:
    """The goal's status at the review's day: done only if done by then. A past week says 'open' for a goal not
    done by its end, since the journal keeps no day for a move between To do and Doing."""
    if goal.status == "done" and goal.done_on is not None and goal.done_on <= review.as_of:
        return "done"
    if review.as_of < review.today:
        return "open"
    return {"todo": "to do", "doing": "doing", "done": "done", "dropped": "dropped"}[goal.status]


def _goal_line(goal: Goal, value: float | None, review: WeeklyReview) -> str:
    status = _status_then(goal, review)
    overdue = goal.due is not None and goal.due < review.as_of and status != "done"
    due = f", due {goal.due:%d %b}" + (" (overdue)" if overdue else "") if goal.due else ""
    progress = f": {progress_bar(value)}" if goal.measure else ""
    return f"{goal.title} ({status}{due}){progress}"


def _training_rows(review: WeeklyReview) -> list[tuple[str, str, str]]:
    """(label, this week, the week before) for the sessions' totals; none when neither week has a session."""
    now, before = review.training, review.training_before
    if not now.sessions and not before.sessions:
        return []
    unit = review.distance_unit
    return [
        ("Sessions", f"{now.sessions}", f"{before.sessions}"),
        ("Minutes", f"{now.minutes}", f"{before.minutes}"),
        (unit_label(unit), f"{in_unit(now.km, unit):.1f}", f"{in_unit(before.km, unit):.1f}"),
        ("Load", f"{now.load}", f"{before.load}"),
    ]


def _without_rpe_line(review: WeeklyReview) -> str | None:
    """Which sessions the load leaves out: those without an RPE."""
    parts = [
        f"{totals.without_rpe} of {totals.sessions} {'session' if totals.sessions == 1 else 'sessions'} {when}"
        for totals, when in ((review.training, "this week"), (review.training_before, "the week before"))
        if totals.without_rpe
    ]
    if not parts:
        return None
    return f"Load is minutes x RPE; not counted in it, for want of an RPE: {' and '.join(parts)}."


def _decision_line(plan: Plan, decision: Decision) -> str:
    decided = f"{decision.decided_on:%a}: " if decision.decided_on else ""
    session = f", the session of {decision.day:%a %d %b}" if decision.day else ""
    return f"{decided}{plan.where}{session}: {decision.reason}"


def _decision_kind(decision: Decision) -> str:
    return {BACK: "amber", NEXT: "better"}.get(decision.outcome, "text")


def _after_load_shown(review: WeeklyReview) -> list[PainAfterLoad]:
    """The sites with enough mornings on both sides; of the others nothing is said, not even that they are short."""
    return [found for found in review.after_load if found.comparable]


def _after_load_heading(review: WeeklyReview) -> str:
    last = review.as_of
    return f"Pain after load: the mornings of the {WINDOW_DAYS} days to {last:%a %d %b}"


def _after_load_line(found: PainAfterLoad) -> str:
    def mornings(count: int) -> str:
        return f"{count} morning{'' if count == 1 else 's'}"

    return (
        f"{found.site.label}: {number(found.after_sessions)} after session days ({mornings(found.session_mornings)}),"
        f" {number(found.after_rest)} after rest days ({mornings(found.rest_mornings)}); {found.verdict}."
    )


AFTER_LOAD_NOTE = (
    "A session day has a session other than a walk; a rest day is a logged day without one, not a race day."
    " What the mornings held, not their cause."
)


def review_lines(review: WeeklyReview) -> list[tuple[str, str]]:
    """The review as (line, kind) pairs; kind is heading, text, better, worse, or a flag level."""
    lines: list[tuple[str, str]] = [(review.title, "title"), (_logged_line(review), "text"), ("", "text")]
    lines.append(("Averages against the week before", "heading"))
    width = max(len(row.label) for row in review.rows)
    lines.append((f"  {'':<{width}}  {'this':>6}  {'before':>6}", "muted"))
    for row in review.rows:
        lines.append(
            (
                f"  {row.label:<{width}}  {number(row.this_week):>6}  {number(row.last_week):>6}"
                f"  {row.verdict}".rstrip(),
                row.verdict if row.verdict in ("better", "worse") else "text",
            )
        )
    lines.append((f"  {_sleep_line(review)}", "text"))
    lines.append(("", "text"))
    lines.append(("Flags this week", "heading"))
    if review.flags:
        lines.extend((f"  {_mark(flag)} {flag.day:%a}: {flag.text}", flag.level) for flag in review.flags)
    else:
        lines.append(("  None raised.", "text"))
    lines.append(("", "text"))
    lines.append(("Training against the week before", "heading"))
    training = _training_rows(review)
    if training:
        lines.append((f"  {'':<{width}}  {'this':>6}  {'before':>6}", "muted"))
        lines.extend((f"  {label:<{width}}  {now:>6}  {before:>6}", "text") for label, now, before in training)
        if (without := _without_rpe_line(review)) is not None:
            lines.append((f"  {without}", "muted"))
    else:
        lines.append(("  No sessions logged this week or the week before.", "text"))
    if (cramps := cramps_line(review)) is not None:
        lines.append((f"  {cramps}", "text"))
    lines.append(("", "text"))
    if shown := _after_load_shown(review):
        lines.append((_after_load_heading(review), "heading"))
        lines.extend((f"  {_after_load_line(found)}", "text") for found in shown)
        lines.append((f"  {AFTER_LOAD_NOTE}", "muted"))
        lines.append(("", "text"))
    if review.decisions:
        lines.append(("Return to running: the plan's decisions", "heading"))
        lines.extend(
            (f"  {_decision_line(plan, decision)}", _decision_kind(decision)) for plan, decision in review.decisions
        )
        lines.append(("", "text"))
    if review.overuse:
        lines.append(("Overuse check (OSTRC-O2)", "heading"))
        lines.extend(
            (f"  {words}: {describe(answers.answers)}", "amber" if answers.substantial else "text")
            for words, answers in review.overuse
        )
        lines.append(("", "text"))
    completion = review.completion
    lines.append((f"Checklist: {format_ratio(completion.ratio)} done", "heading"))
    for progress in completion.items:
        lines.append((f"  {progress.item.title}: {progress.done}/{format_target(progress.target)}", "text"))
    if not completion.items:
        lines.append(("  No checklist items this week.", "text"))
    lines.append(("", "text"))
    lines.append(("Goals", "heading"))
    if review.goals:
        lines.extend((f"  {_goal_line(goal, value, review)}", "text") for goal, value in review.goals)
    else:
        lines.append(("  No goals on the board.", "text"))
    lines.append(("", "text"))
    lines.append(("Notes", "heading"))
    if not review.notes:
        lines.append(("  No notes this week.", "text"))
    for day, note in review.notes:
        first, *rest = note.splitlines() or [""]
        lines.append((f"  {day:%a %d}  {first}", "text"))
        lines.extend((f"          {line}", "text") for line in rest)
    return lines


def _mark(flag: Flag) -> str:
    return {"red": "!!", "amber": "! ", "info": "i "}[flag.level]


def review_text(review: WeeklyReview) -> str:
    return "\n".join(line for line, _ in review_lines(review)).rstrip() + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def review_markdown(review: WeeklyReview) -> str:
    out = [
        f"# {review.title}",
        "",
        _logged_line(review),
        "",
        "## Averages against the week before",
        "",
        "| | this week | week before | |",
        "|---|---:|---:|---|",
    ]
    out.extend(
        f"| {_md(row.label)} | {number(row.this_week)} | {number(row.last_week)} | {row.verdict} |"
        for row in review.rows
    )
    out += ["", _sleep_line(review)]
    out += ["", "## Flags this week", ""]
    out.extend(f"- **{flag.level}**, {flag.day:%a %d %b}: {_md(flag.text)}" for flag in review.flags)
    if not review.flags:
        out.append("None raised.")
    out += ["", "## Training against the week before", ""]
    training = _training_rows(review)
    if training:
        out += ["| | this week | week before |", "|---|---:|---:|"]
        out.extend(f"| {label} | {now} | {before} |" for label, now, before in training)
        if (without := _without_rpe_line(review)) is not None:
            out += ["", without]
    else:
        out.append("No sessions logged this week or the week before.")
    if (cramps := cramps_line(review)) is not None:
        out += ["", cramps]
    if shown := _after_load_shown(review):
        out += ["", f"## {_after_load_heading(review)}", ""]
        out.extend(f"- {_md(_after_load_line(found))}" for found in shown)
        out += ["", AFTER_LOAD_NOTE]
    if review.decisions:
        out += ["", "## Return to running: the plan's decisions", ""]
        out.extend(f"- {_md(_decision_line(plan, decision))}" for plan, decision in review.decisions)
    if review.overuse:
        out += ["", "## Overuse check (OSTRC-O2)", ""]
        out.extend(f"- {_md(words)}: {describe(answers.answers)}" for words, answers in review.overuse)
    completion = review.completion
    out += ["", f"## Checklist: {format_ratio(completion.ratio)} done", ""]
    out.extend(f"- {_md(p.item.title)}: {p.done}/{format_target(p.target)}" for p in completion.items)
    if not completion.items:
        out.append("No checklist items this week.")
    out += ["", "## Goals", ""]
    out.extend(f"- {_md(_goal_line(goal, value, review))}" for goal, value in review.goals)
    if not review.goals:
        out.append("No goals on the board.")
    out += ["", "## Notes", ""]
    for day, note in review.notes:
        lines = [_md(line) for line in note.splitlines()] or [""]
        out.append(f"- **{day:%a %d %b}**: " + "  \n  ".join(lines))
    if not review.notes:
        out.append("No notes this week.")
    return "\n".join(out) + "\n"
