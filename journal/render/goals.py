"""The goals board as text (`journal goal list`), with a progress bar for a measured goal."""

from __future__ import annotations

import datetime as dt

from journal.domain.goals import STATUS_LABELS, Goal


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
