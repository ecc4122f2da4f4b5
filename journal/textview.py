"""Plain-text views of the journal for the command line (no Textual here)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from journal.dates import describe_day
from journal.domain.entries import DayEntry, Site
from journal.domain.scales import WELLNESS
from journal.domain.summary import pain_label

if TYPE_CHECKING:
    from journal.store.checklist import Week


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
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(headers, widths)).rstrip()]
    lines.extend("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows)
    return "\n".join(lines)


def checklist_view(week: "Week", first_weekday: int, today: dt.date) -> str:
    """A week of the checklist: items down, days across, done/target and the week's figure."""
    from journal.dates import week_days, week_label, week_span
    from journal.domain.checklist import format_ratio, format_target

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


def goals_view(goals: list, today: dt.date) -> str:
    """Goals grouped by status, each with its number, category, due date and progress."""
    from journal.domain.goals import STATUS_LABELS

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
