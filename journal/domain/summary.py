"""Short, plain-words summaries of a day, shared by the command line and the app."""

from __future__ import annotations

from journal.domain.entries import DayEntry, Site
from journal.domain.scales import WELLNESS


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
