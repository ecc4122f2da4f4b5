"""A week of the checklist as text (`journal checklist`)."""

from __future__ import annotations

import datetime as dt

from journal.dates import week_days, week_label, week_span
from journal.domain.checklist import Week, format_ratio, format_target


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
