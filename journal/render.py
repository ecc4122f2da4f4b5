"""How the journal is drawn as text: the plain-text views of the command line and
the app's review, and the weekly review as a Markdown document (no Textual here)."""

from __future__ import annotations

import datetime as dt

from journal.dates import describe_day, week_days, week_label, week_span
from journal.domain.checklist import Week, format_ratio, format_target
from journal.domain.entries import DayEntry, Site
from journal.domain.goals import STATUS_LABELS, Goal
from journal.domain.review import WeeklyReview
from journal.domain.scales import WELLNESS
from journal.domain.signals import Flag


def pain_label(key: tuple[str, str], sites: list[Site]) -> str:
    site, side = key
    label = next((s.label for s in sites if s.name == site), site)
    return f"{label} ({side})" if side else label


def summarise(entry: DayEntry, sites: list[Site]) -> str:
    """One line: 'race · sleep 7.5 h · mood 4 · pain Knee (left) 3'."""
    parts = [] if entry.day_type == "normal" else [entry.day_type]
    if entry.sleep_hours is not None:
        parts.append(f"sleep {entry.sleep_hours:g} h")
    for item in WELLNESS:
        value = getattr(entry, item.field)
        if value is not None:
            parts.append(f"{item.label} {value}")
    for key, score in entry.pain.items():
        parts.append(f"pain {pain_label(key, sites)} {score}")
    if entry.note:
        parts.append(f"note: {entry.note.splitlines()[0][:40]}")
    return " · ".join(parts) if parts else "nothing logged"


def _value(value: object, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}{unit}"
    return f"{value}{unit}"


def day_view(entry: DayEntry, sites: list[Site], today: dt.date) -> str:
    """Every field of one day, one per line."""
    lines = [describe_day(entry.date, today)]
    if entry.is_empty:
        lines.append("  nothing logged")
        return "\n".join(lines)
    lines.append(f"  {'day type':<14} {entry.day_type}")
    lines.append(f"  {'sleep':<14} {_value(entry.sleep_hours, ' h')}")
    for item in WELLNESS:
        value = getattr(entry, item.field)
        lines.append(f"  {item.label:<14} {_value(value)}{'/5' if value is not None else ''}")
    if entry.pain:
        lines.append("  pain (0-10)")
        for key, score in entry.pain.items():
            lines.append(f"    {pain_label(key, sites):<22} {score}")
    else:
        lines.append(f"  {'pain':<14} none logged")
    if entry.note:
        note_lines = entry.note.splitlines() or [""]
        lines.append(f"  {'note':<14} {note_lines[0]}")
        lines.extend(f"  {'':<14} {line}" for line in note_lines[1:])
    return "\n".join(lines)


def table_view(entries: list[DayEntry], sites: list[Site]) -> str:
    """A table of days: one row each, the scales as columns, worst pain and the note."""
    headers = ["date", "day", "sleep", "qual", "fatig", "sore", "stress", "mood", "pain", "note"]
    rows = []
    for entry in entries:
        worst = max(entry.pain.items(), key=lambda item: item[1], default=None)
        pain = f"{worst[1]} {pain_label(worst[0], sites)}" if worst else "-"
        note = entry.note.replace("\n", " ")
        rows.append(
            [
                f"{entry.date:%a %Y-%m-%d}",
                entry.day_type,
                _value(entry.sleep_hours),
                *(_value(getattr(entry, item.field)) for item in WELLNESS),
                pain,
                note if len(note) <= 32 else note[:31] + "…",
            ]
        )
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(headers, widths, strict=True)).rstrip()]
    lines.extend("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows)
    return "\n".join(lines)


def checklist_view(week: Week, first_weekday: int, today: dt.date) -> str:
    """A week of the checklist: items down, days across, done/target and the week's figure."""

    completion = week.completion
    days = week_days(completion.start)
    so_far = " so far" if days[0] <= today <= days[-1] else ""
    lines = [
        f"{week_label(completion.start, first_weekday)} · {week_span(completion.start)} ·"
        f" {format_ratio(completion.ratio)} done{so_far}"
    ]
    if not completion.items:
        lines.append("  no checklist items this week")
        return "\n".join(lines)
    width = max(len(progress.item.title) for progress in completion.items) + 2

    def columns(cells: list[str]) -> str:
        return (" " * width + "".join(f"{cell:<5}" for cell in cells)).rstrip()

    lines.append(columns([f"{day:%a}" for day in days]))
    lines.append(columns([f"{day.day:>2}{'•' if day == today else ''}" for day in days]))
    if week.day_types:
        marks = {"rest": "rest", "race": "race", "injured": "inj", "sick": "sick"}
        lines.append(columns([marks.get(week.day_types.get(day, ""), "") for day in days]))
    for progress in completion.items:
        cells = []
        for day in days:
            if (progress.item.id, day) in week.ticks:
                cells.append(" ✓   ")
            elif day > today:
                cells.append("     ")
            else:
                cells.append(" ·   ")
        done = f"{progress.done}/{format_target(progress.target)}"
        lines.append(f"{progress.item.title:<{width}}{''.join(cells)} {done}")
    if completion.off_days:
        named = ", ".join(f"{day:%a} {week.day_types[day]}" for day in completion.off_days)
        lines.append(f"Off days lower the targets: {named}.")
    return "\n".join(lines)


def progress_bar(value: float | None, width: int = 10) -> str:
    """'███████░░░  70%', or 'no data yet'."""
    if value is None:
        return "no data yet"
    filled = round(value * width)
    return f"{'█' * filled}{'░' * (width - filled)} {value * 100:3.0f}%"


def goals_view(goals: list[tuple[Goal, float | None]], today: dt.date) -> str:
    """Goals grouped by status, each with its number, category, due date and progress."""

    if not goals:
        return "no goals yet: add one with journal goal add TITLE, or run journal assess"
    lines = []
    for status, label in STATUS_LABELS.items():
        column = [(goal, value) for goal, value in goals if goal.status == status]
        if not column:
            continue
        lines.append(f"{label} ({len(column)})")
        for goal, value in column:
            due = ""
            if goal.due:
                due = f"  due {goal.due}" + (" OVERDUE" if goal.overdue(today) else "")
            measured = f"  {progress_bar(value)}" if goal.measure else ""
            lines.append(f"  {goal.id:>3}  {goal.title}  [{goal.category}]{due}{measured}")
            if goal.measure:
                lines.append(f"       measured: {goal.measure.describe()}")
    return "\n".join(lines)


# -- the weekly review ------------------------------------------------------------


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
    out += ["", _sleep_line(review), "", "## Flags this week", ""]
    out.extend(f"- **{flag.level}**, {flag.day:%a %d %b}: {_md(flag.text)}" for flag in review.flags)
    if not review.flags:
        out.append("None raised.")
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
